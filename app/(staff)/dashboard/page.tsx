import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { PageHeader } from "@/components/page-header";
import { StatCard } from "@/components/stat-card";
import { staffRoles } from "@/lib/auth/session";
import { signInActivity } from "@/lib/auth/activity";
import { services } from "@/lib/services";
import { countUsersByRole } from "@/lib/users";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser(staffRoles);
  const { db } = services();
  const [counts, activity] = await Promise.all([countUsersByRole(db), signInActivity(db)]);
  const isAdmin = user.role === "admin";

  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description="The last 24 hours at a glance." />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="Staff" value={counts.admin + counts.analyst} hint={`${counts.admin} admins, ${counts.analyst} analysts`} href={isAdmin ? "/users" : undefined} />
        <StatCard label="Customers" value={counts.customer} href={isAdmin ? "/users?role=customer" : undefined} />
        <StatCard label="Sign-ins (24 h)" value={activity.signIns} href={isAdmin ? "/audit?action=auth.sign_in" : undefined} />
        <StatCard
          label="Failed sign-ins (24 h)"
          value={activity.failedSignIns}
          hint={`${activity.lockedAccounts} accounts locked now`}
          href={isAdmin ? "/audit?action=auth.sign_in_failed" : undefined}
        />
      </div>
    </>
  );
}
