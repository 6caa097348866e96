import { apiRoute, reply } from "@/app/_server/api";
import { rateJson } from "@/lib/api/json";
import { listRates, setRate } from "@/lib/api/operations";
import { pageOf } from "@/lib/api/paging";
import { latestRates, saveRate } from "@/lib/ledger/rate-queries";

export const GET = apiRoute(listRates, async ({ query, services }) => {
  const rates = await latestRates(services.db);
  return reply(200, pageOf(rates.map(rateJson), query));
});

/** A new rate for a pair; transfers from now on use it, earlier ones keep the rate they were made at. */
export const POST = apiRoute(setRate, async ({ body, actor, services }) => {
  return reply(201, rateJson(await saveRate(services.db, actor, body)));
});
