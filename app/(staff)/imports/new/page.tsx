import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { PageHeader } from "@/components/page-header";
import { staffRoles } from "@/lib/auth/session";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Import a file" };

export default async function NewImportPage() {
  await requireUser(staffRoles);
  return (
    <div className="max-w-2xl">
      <Link href="/imports" className="text-sm text-brand-700 hover:underline">
        ← Imports
      </Link>
      <PageHeader
        title="Import a file"
        description="A day of bank transactions as CSV (8 fields, no header) or XML (<transacoes>). Each day can be imported once."
      />
      <UploadForm />
    </div>
  );
}
