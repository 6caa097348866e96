import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireUser } from "@/app/_server/auth";
import { FilterBar, FilterInput } from "@/components/filter-bar";
import { PageHeader } from "@/components/page-header";

import { staffRoles } from "@/lib/auth/session";
import { searchCustomers } from "@/lib/ledger/customers";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { CustomersTable } from "./customers-table";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Customers" };

const searchSchema = z.string().trim().max(200).optional().catch(undefined);

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser(staffRoles);
  const params = await searchParams;
  const search = searchSchema.parse(params.search) || undefined;
  const page = parsePage(params);
  const closed = params.closed === "1";
  const { rows, total } = await searchCustomers(services().db, search, page, closed);

  return (
    <>
      <PageHeader title="Customers" description="Find a customer by name, email or wallet account number, and open them to see their wallets." />
      <section aria-label="Customer list">
        <FilterBar action="/customers" clearHref={closed ? "/customers?closed=1" : "/customers"}>
          <FilterInput label="Name, email or account number" name="search" defaultValue={search} />
          {closed && <input type="hidden" name="closed" value="1" />}
        </FilterBar>
        <p className="mb-3 text-sm">
          {closed ? "Closed accounts: their wallets and history stay in the ledger. " : ""}
          <Link href={closed ? "/customers" : "/customers?closed=1"} className="text-brand-700 hover:underline">
            {closed ? "Show open accounts" : "Show closed accounts"}
          </Link>
        </p>
        <CustomersTable
          rows={rows.map((row) => ({
            id: row.id,
            name: row.name,
            email: row.email,
            walletCount: row.walletCount,
            totals: row.totals.map((entry) => formatMoney(entry.balance, entry.currency)),
          }))}
          total={total}
          page={page.index + 1}
          size={page.size}
          emptyMessage={
            closed
              ? "No closed accounts."
              : search
              ? "No customer matches this search. Check the spelling, or search by email or the 10-digit account number."
              : "No customers yet: an admin creates them on the Users page."
          }
        />
      </section>
    </>
  );
}
