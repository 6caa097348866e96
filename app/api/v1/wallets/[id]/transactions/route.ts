import { apiRoute, reply } from "@/app/_server/api";
import { walletLineJson } from "@/lib/api/json";
import { listWalletLines } from "@/lib/api/operations";
import { listPage, pageIndex } from "@/lib/api/paging";
import { walletLinesPage } from "@/lib/ledger/wallets";
import { ownWallet } from "@/lib/ledger/accounts";

/** A page of the customer's own wallet's lines, newest first. */
export const GET = apiRoute(listWalletLines, async ({ params, query, user, services }) => {
  const wallet = await ownWallet(services.db, user.id, params.id);
  const { lines, total } = await walletLinesPage(services.db, wallet.id, pageIndex(query));
  return reply(200, listPage(lines.map((line) => walletLineJson(line, wallet.currency)), query, total));
});
