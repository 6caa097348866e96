import { apiRoute, parseJson } from "@/app/_server/api";
import { walletJson } from "@/lib/api/json";
import { openWalletInputSchema } from "@/lib/api/schemas";
import { listWallets, openWallet } from "@/lib/ledger/accounts";

export const GET = apiRoute(["customer"], async ({ user, services }) => {
  const wallets = await listWallets(services.db.$client, user.id);
  return Response.json({ data: wallets.map(walletJson) });
});

/** Opens a wallet in another currency; asking again for one the customer has answers it with 200. */
export const POST = apiRoute(["customer"], async ({ request, user, services }) => {
  const { currency } = await parseJson(request, openWalletInputSchema);
  const inCurrency = async () => (await listWallets(services.db.$client, user.id)).find((wallet) => wallet.currency === currency);
  const existing = await inCurrency();
  if (existing) return Response.json(walletJson(existing));
  await openWallet(services.db, user.id, currency);
  return Response.json(walletJson((await inCurrency())!), { status: 201 });
});
