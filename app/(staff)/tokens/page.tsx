import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { ApiTokensPanel } from "@/components/api-tokens/api-tokens-panel";
import { staffRoles } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API tokens" };

export default async function StaffTokensPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser(staffRoles);
  return <ApiTokensPanel user={user} basePath="/tokens" params={await searchParams} timeZone={await viewerTimeZone()} />;
}
