import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { PageHeader } from "@/components/page-header";
import { currencyCodes } from "@/lib/money/currency";
import { listLists } from "@/lib/screening/queries";
import { services } from "@/lib/services";
import { createRuleAction } from "../../actions";
import { RuleForm } from "../../rule-form";

export const metadata: Metadata = { title: "New screening rule" };

export default async function NewRulePage() {
  await requireUser(["admin"]);
  const lists = await listLists(services().db);
  return (
    <>
      <PageHeader title="New screening rule" description="Saved as version 1, not live: backtest it on the last 30 days from its page, then activate it." />
      <section className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <RuleForm action={createRuleAction} lists={lists.map((list) => ({ id: list.id, name: list.name, kind: list.kind, entryKind: list.entryKind }))} currencies={currencyCodes} submitLabel="Save rule" />
      </section>
      <p className="mt-4 text-sm">
        <Link href="/screening" className="text-brand-700 hover:underline">
          Back to screening
        </Link>
      </p>
    </>
  );
}
