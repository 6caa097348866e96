import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { PageHeader } from "@/components/page-header";
import { CreateListForm } from "../../list-forms";

export const metadata: Metadata = { title: "New screening list" };

export default async function NewListPage() {
  await requireUser(["admin"]);
  return (
    <>
      <PageHeader title="New screening list" description="In force at once: rules with an on-list or not-on-list condition read it. Every edit is a new version." />
      <section className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <CreateListForm />
      </section>
      <p className="mt-4 text-sm">
        <Link href="/screening" className="text-brand-700 hover:underline">
          Back to screening
        </Link>
      </p>
    </>
  );
}
