import type { Metadata } from "next";
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
  const { rows, total } = await searchCustomers(services().db, search, page);

  return (
    <>
      <PageHeader title="Customers" description="Find a customer by name, email or wallet account number, and open them to see their wallets." />
      <section aria-label="Customer list">
        <FilterBar action="/customers" clearHref="/customers">
          <FilterInput label="Name, email or account number" name="search" defaultValue={search} />
        </FilterBar>
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
            search
              ? "No customer matches this search. Check the spelling, or search by email or the 10-digit account number."
              : "No customers yet: an admin creates them on the Users page."
          }
        />
      </section>
    </>
  );
}
