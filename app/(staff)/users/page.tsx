import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { FilterBar, FilterInput, FilterSelect } from "@/components/filter-bar";
import { FormMessage } from "@/components/form";
import { PageHeader } from "@/components/page-header";
import { listUsers } from "@/lib/users";
import { userJson } from "@/lib/users/json";
import { parseUserListParams } from "@/lib/users/query";
import { services } from "@/lib/services";
import { formatDate } from "@/lib/time";
import { CreateUserForm } from "./create-user-form";
import { roleOptions } from "./roles";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const params = await searchParams;
  const { query, page } = parseUserListParams(params);
  const { rows, total } = await listUsers(services().db, query, page);

  return (
    <>
      <PageHeader title="Users" description="Staff and customers who can sign in. New users get a generated 6-digit password by email." />
      <div className="space-y-6">
        {params.deleted && <FormMessage success="The user was deleted and signed out." />}
        <CreateUserForm />
        <section aria-label="User list">
          <FilterBar action="/users" clearHref="/users">
            <FilterInput label="Search name or email" name="search" defaultValue={query.search} />
            <FilterSelect label="Role" name="role" defaultValue={query.role} options={roleOptions} />
          </FilterBar>
          <UsersTable
            rows={rows.map((row) => ({ ...userJson(row), created: formatDate(row.createdAt, timeZone) }))}
            total={total}
            page={page.index + 1}
            size={page.size}
            sort={{ id: query.sort, desc: query.descending }}
            filtered={Boolean(query.search || query.role)}
          />
        </section>
      </div>
    </>
  );
}
