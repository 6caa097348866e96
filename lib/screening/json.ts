import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import type { CaseDetail, CaseRow, Money, Profile } from "./cases";
import type { RuleSummary, RuleVersion } from "./queries";

// Cases and rules as the API answers them (lib/api/schemas.ts): amounts as decimal strings, times in ISO 8601.

const moneyJson = ({ amount, currency }: Money) => ({ amount: formatMinorUnits(amount, currencyScale(currency)), currency });

const profileJson = (profile: Profile | null) =>
  profile && {
    id: profile.id,
    name: profile.name,
    accountNumber: profile.accountNumber,
    email: profile.email,
    walletId: profile.walletId,
    currency: profile.currency,
    walletOpenedAt: profile.walletOpenedAt.toISOString(),
    balance: formatMinorUnits(profile.balance, currencyScale(profile.currency)),
    available: formatMinorUnits(profile.available, currencyScale(profile.currency)),
  };

export function caseSummaryJson(row: CaseRow) {
  return { ...row, openedAt: row.openedAt.toISOString(), amount: row.amount && moneyJson(row.amount) };
}

export function caseDetailJson(detail: CaseDetail) {
  const { movement } = detail;
  return {
    ...detail,
    openedAt: detail.openedAt.toISOString(),
    dueAt: detail.dueAt.toISOString(),
    decided: detail.decided && { ...detail.decided, at: detail.decided.at.toISOString() },
    movement: movement && {
      ...movement,
      at: movement.at.toISOString(),
      debited: moneyJson(movement.debited),
      credited: moneyJson(movement.credited),
      fee: moneyJson(movement.fee),
    },
    sender: profileJson(detail.sender),
    recipient: profileJson(detail.recipient),
    recentMovements: detail.recentMovements.map((line) => ({ ...line, at: line.at.toISOString(), amount: moneyJson(line.amount) })),
    notes: detail.notes.map((note) => ({ ...note, at: note.at.toISOString() })),
    audit: detail.audit.map((event) => ({ ...event, at: event.at.toISOString() })),
  };
}

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
