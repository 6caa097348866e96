import type { RuleSummary, RuleVersion } from "./queries";

// Rules as the REST API answers them (lib/api/schemas.ts screeningRuleSchema).

const versionJson = (version: RuleVersion) => ({
  id: version.id,
  version: version.version,
  outcome: version.outcome,
  conditions: version.conditions,
  createdAt: version.createdAt.toISOString(),
  createdBy: version.createdBy,
});

export const ruleJson = (rule: RuleSummary) => ({
  id: rule.id,
  name: rule.name,
  status: rule.live ? ("active" as const) : ("inactive" as const),
  liveVersion: rule.live ? versionJson(rule.live) : null,
  latestVersion: versionJson(rule.latest),
});
