import { apiRoute, reply } from "@/app/_server/api";
import { walletJson } from "@/lib/api/json";
import { listWallets as list, openWallet as open } from "@/lib/api/operations";
import { pageOf } from "@/lib/api/paging";
import { listWallets, openWallet } from "@/lib/ledger/accounts";

export const GET = apiRoute(list, async ({ query, user, services }) => {
  const wallets = await listWallets(services.db, user.id);
  return reply(200, pageOf(wallets.map(walletJson), query));
});

/** Opens a wallet in another currency; asking again for one the customer has answers it with 200. */
export const POST = apiRoute(open, async ({ body: { currency }, user, services }) => {
  const inCurrency = async () => (await listWallets(services.db, user.id)).find((wallet) => wallet.currency === currency);
  const existing = await inCurrency();
  if (existing) return reply(200, walletJson(existing));
  await openWallet(services.db, user.id, currency);
  return reply(201, walletJson((await inCurrency())!));
});
