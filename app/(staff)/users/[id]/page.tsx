import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/app/_server/auth";
import { orNotFound } from "@/app/_server/not-found";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { services } from "@/lib/services";
import { formatDate } from "@/lib/time";
import { getUser } from "@/lib/users";
import { DeleteUserForm, EditUserForm, ResetPasswordForm } from "./user-forms";

export const metadata: Metadata = { title: "User" };

async function findUser(id: string) {
  if (!z.uuid().safeParse(id).success) notFound();
  return orNotFound(getUser(services().db, id));
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const user = await findUser((await params).id);
  const isSelf = admin.id === user.id;
  return (
    <>
      <Link href="/users" className="text-sm text-brand-700 hover:underline">
        ← All users
      </Link>
      <PageHeader title={user.name} description={`Created ${formatDate(user.createdAt, timeZone)}`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="edit" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="edit" className="mb-3 font-semibold">
            Details
          </h2>
          <EditUserForm user={{ id: user.id, name: user.name, email: user.email, role: user.role }} />
        </section>
        <div className="space-y-6">
          <section aria-labelledby="password" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="password" className="mb-3 font-semibold">
              Password
            </h2>
            <ResetPasswordForm userId={user.id} />
          </section>
          {!isSelf && (
            <section aria-labelledby="delete" className="rounded-lg border border-red-200 bg-white p-4 shadow-sm">
              <h2 id="delete" className="mb-3 font-semibold text-red-800">
                Delete
              </h2>
              <DeleteUserForm userId={user.id} name={user.name} />
            </section>
          )}
        </div>
      </div>
    </>
  );
}
