import { apiRoute, parseJson } from "@/app/_server/api";
import { rateJson } from "@/lib/api/json";
import { recordAudit } from "@/lib/audit";
import { listCurrentRates } from "@/lib/ledger/current-rates";
import { rateInputSchema, setRate } from "@/lib/ledger/rates";

export const GET = apiRoute(["admin", "analyst", "customer"], async ({ services }) => {
  const rates = await listCurrentRates(services.db.$client);
  return Response.json({ data: rates.map(rateJson) });
});

/** A new rate for a pair; transfers from now on use it, earlier ones keep the rate they were made at. */
export const POST = apiRoute(["admin"], async ({ request, user, actor, services }) => {
  const input = await parseJson(request, rateInputSchema);
  const rate = await setRate(services.db.$client, input, user.id);
  await recordAudit(services.db, { actor, action: "fx_rate.set", targetType: "fx_rate", targetId: String(rate.id), details: { base: rate.base, quote: rate.quote, rate: rate.rate } });
  return Response.json(rateJson({ ...rate, at: rate.createdAt }), { status: 201 });
});
