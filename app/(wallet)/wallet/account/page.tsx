import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { AccountPanel } from "@/components/account/account-panel";

export const metadata: Metadata = { title: "Your account" };

export default async function WalletAccountPage() {
  const user = await requireUser(["customer"]);
  return <AccountPanel description={`${user.name} · ${user.email}`} />;
}
