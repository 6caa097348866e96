import type { Condition } from "./conditions";

// A rule's conditions as staff read them in lists and the audit of versions.

const window = (minutes: number) => (minutes % 1440 === 0 ? `${minutes / 1440} day${minutes === 1440 ? "" : "s"}` : minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

/** One condition in words, naming lists by `listNames` (id to name). */
export function describeCondition(condition: Condition, listNames: ReadonlyMap<string, string>): string {
  switch (condition.type) {
    case "amount_at_least":
      return `amount at least ${condition.amount} ${condition.currency}${condition.convert ? " (other currencies converted)" : ""}`;
    case "velocity":
      return `sender's ${condition.atLeast}th movement or more in ${window(condition.windowMinutes)}`;
    case "velocity_sum":
      return `sender's movements in ${window(condition.windowMinutes)} sum to at least ${condition.amount} ${condition.currency}`;
    case "first_to_recipient":
      return "first transfer to this recipient";
    case "structuring":
      return `${condition.count} or more transfers to one recipient in ${window(condition.windowMinutes)}, each within ${condition.percentBelow}% under ${condition.amount} ${condition.currency}`;
    case "on_list":
      return `${condition.party} on ${listNames.get(condition.listId) ?? "a deleted list"}`;
    case "not_on_list":
      return `${condition.party} not on ${listNames.get(condition.listId) ?? "a deleted list"}`;
    case "account_age_under":
      return `${condition.party}'s account under ${condition.days} day${condition.days === 1 ? "" : "s"} old`;
    case "cross_currency_at_least":
      return `across currencies, at least ${condition.amount} ${condition.currency}`;
  }
}

/** All of a rule's conditions, which must all hold. */
export const describeConditions = (conditions: Condition[], listNames: ReadonlyMap<string, string>) =>
  conditions.map((condition) => describeCondition(condition, listNames)).join(" and ");
