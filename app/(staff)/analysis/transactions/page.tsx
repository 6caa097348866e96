import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/app/_server/auth";
import { PageHeader } from "@/components/page-header";
import { flowDirection } from "@/db/schema";
import { monthLabel, monthSchema } from "@/lib/analysis/month";
import { partyTransactions, transactionSortKeys } from "@/lib/analysis/queries";
import { staffRoles } from "@/lib/auth/session";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { TransactionsTable } from "../analysis-tables";
import { transactionTableRow } from "../rows";

export const metadata: Metadata = { title: "Transactions behind a total" };

// PostgreSQL text can't hold NUL, so no bank, branch or account has one (and a query carrying one fails).
const party = z.string().min(1).max(200).refine((text) => !text.includes("\0"));

const partySchema = z.object({
  month: monthSchema,
  direction: z.enum(flowDirection.enumValues),
  bank: party,
  branch: party,
  account: party.optional(),
});

const sortSchema = z.object({
  sort: z.enum(transactionSortKeys).catch("occurredAt"),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export default async function PartyTransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireUser(staffRoles);
  const params = await searchParams;
  const party = partySchema.safeParse(params);
  if (!party.success) notFound();
  const { month, ...who } = party.data;
  const { sort, order } = sortSchema.parse(params);
  const descending = order ? order === "desc" : sort === "amount";
  const page = parsePage(params);
  const { rows, total } = await partyTransactions(services().db, month, who, { sort: { key: sort, descending }, page });

  const name = [who.bank, who.branch, who.account].filter(Boolean).join(" / ");
  const kind = who.account === undefined ? "branch" : "account";
  return (
    <>
      <PageHeader
        title={`${who.direction === "out" ? "Sent by" : "Received by"} ${name}`}
        description={`Every transaction this ${kind} ${who.direction === "out" ? "sent" : "received"} in ${monthLabel(month)}.`}
        actions={
          <Link href={`/analysis?month=${month}`} className="text-sm text-brand-700 hover:underline">
            ← Back to the analysis of {monthLabel(month)}
          </Link>
        }
      />
      <TransactionsTable
        rows={rows.map((row) => transactionTableRow(month, row))}
        total={total}
        page={page.index + 1}
        size={page.size}
        sort={{ id: sort, desc: descending }}
        emptyMessage={`No transaction ${who.direction === "out" ? "sent" : "received"} by this ${kind} in ${monthLabel(month)}.`}
      />
    </>
  );
}
