import { apiRoute, reply } from "@/app/_server/api";
import { createScreeningRule, listScreeningRules } from "@/lib/api/operations";
import { ruleJson } from "@/lib/screening/json";
import { listRules, liveRulesetId } from "@/lib/screening/queries";
import { activateRuleVersion, createRule } from "@/lib/screening/rules";

export const GET = apiRoute(listScreeningRules, async ({ services }) => {
  const [rules, rulesetId] = await Promise.all([listRules(services.db), liveRulesetId(services.db)]);
  return reply(200, { rulesetId, rules: rules.map(ruleJson) });
});

/** A new rule; live at once only when asked (`activate`), since the staff pages backtest it first. */
export const POST = apiRoute(createScreeningRule, async ({ body, actor, services }) => {
  const { activate, ...input } = body;
  const created = await createRule(services.db, actor, input);
  const rulesetId = activate ? await activateRuleVersion(services.db, actor, created.versionId) : await liveRulesetId(services.db);
  const rule = (await listRules(services.db)).find((rule) => rule.id === created.ruleId)!;
  return reply(201, { rule: ruleJson(rule), rulesetId });
});
