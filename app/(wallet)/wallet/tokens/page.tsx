import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { ApiTokensPanel } from "@/components/api-tokens/api-tokens-panel";

export const metadata: Metadata = { title: "API tokens" };

export default async function WalletTokensPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser(["customer"]);
  return <ApiTokensPanel user={user} basePath="/wallet/tokens" params={await searchParams} timeZone={await viewerTimeZone()} />;
}
