import { apiRoute, parseQuery } from "@/app/_server/api";
import { walletLineJson } from "@/lib/api/json";
import { transactionsQuerySchema } from "@/lib/api/schemas";
import { ownWallet } from "@/lib/ledger/accounts";
import { walletHistory } from "@/lib/ledger/wallets";

/** The customer's own wallet's lines, newest first; `?cursor=` is the previous page's nextCursor. */
export const GET = apiRoute<{ id: string }>(["customer"], async ({ request, params, user, services }) => {
  const { cursor, limit } = parseQuery(request, transactionsQuerySchema);
  const sql = services.db.$client;
  const wallet = await ownWallet(sql, user.id, params.id);
  const { lines, next } = await walletHistory(sql, wallet.id, { before: cursor, limit });
  return Response.json({ items: lines.map((line) => walletLineJson(line, wallet.currency)), nextCursor: next });
});
