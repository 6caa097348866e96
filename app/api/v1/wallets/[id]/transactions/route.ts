import { apiRoute, reply } from "@/app/_server/api";
import { walletLineJson } from "@/lib/api/json";
import { listWalletLines } from "@/lib/api/operations";
import { listPage, pageIndex } from "@/lib/api/paging";
import { walletLinesPage } from "@/lib/api/wallet-lines";
import { ownWallet } from "@/lib/ledger/accounts";

/** A page of the customer's own wallet's lines, newest first. */
export const GET = apiRoute(listWalletLines, async ({ params, query, user, services }) => {
  const sql = services.db.$client;
  const wallet = await ownWallet(sql, user.id, params.id);
  const { lines, total } = await walletLinesPage(sql, wallet.id, pageIndex(query));
  return reply(200, listPage(lines.map((line) => walletLineJson(line, wallet.currency)), query, total));
});
