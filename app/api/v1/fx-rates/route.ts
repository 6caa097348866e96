import { apiRoute, parseJson } from "@/app/_server/api";
import { rateJson } from "@/lib/api/json";
import { latestRates, saveRate } from "@/lib/ledger/rate-queries";
import { rateInputSchema } from "@/lib/ledger/rates";

export const GET = apiRoute(["admin", "analyst", "customer"], async ({ services }) => {
  const rates = await latestRates(services.db.$client);
  return Response.json({ data: rates.map(rateJson) });
});

/** A new rate for a pair; transfers from now on use it, earlier ones keep the rate they were made at. */
export const POST = apiRoute(["admin"], async ({ request, actor, services }) => {
  const input = await parseJson(request, rateInputSchema);
  const rate = await saveRate(services.db, actor, input);
  return Response.json(rateJson(rate), { status: 201 });
});
