import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { AccountPanel } from "@/components/account/account-panel";
import { staffRoles } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function StaffAccountPage() {
  const user = await requireUser(staffRoles);
  return <AccountPanel description={`${user.name} · ${user.email} · ${user.role}`} />;
}
