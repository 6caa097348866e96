import { z } from "zod";
import { parseDecimalAmount } from "@/lib/money";
import { currencySchema, currencyScale } from "@/lib/money/currency";

// What a rule can say about a movement: a rule matches when all its conditions hold. Amounts are
// decimal strings in the condition's currency, as staff type them; screen() compares in minor units.

const decimal = z.string().trim().regex(/^\d+(\.\d+)?$/, "Write an amount like 10000 or 9999.99.");
const minutes = z.coerce.number().int("Whole minutes.").min(1, "At least one minute.").max(60 * 24 * 31, "At most 31 days.");
const party = z.enum(["sender", "recipient"]);

export const conditionSchema = z
  .discriminatedUnion("type", [
    // The amount sent, in its currency; with `convert`, a movement in any other currency is converted into this one first.
    z.object({ type: z.literal("amount_at_least"), amount: decimal, currency: currencySchema, convert: z.boolean().default(false) }),
    // The sending wallet's outgoing movements (transfers and withdrawals, this one included) in the last `windowMinutes`:
    // how many (`count`) or how much in `currency` (`sum`).
    z.object({ type: z.literal("velocity"), windowMinutes: minutes, measure: z.literal("count"), atLeast: z.coerce.number().int().min(1) }),
    z.object({ type: z.literal("velocity_sum"), windowMinutes: minutes, amount: decimal, currency: currencySchema }),
    // The sending wallet has never sent to the receiving one.
    z.object({ type: z.literal("first_to_recipient") }),
    // At least `count` transfers to one recipient in the window (this one included), each within `percentBelow` % under `amount`.
    z.object({
      type: z.literal("structuring"),
      windowMinutes: minutes,
      count: z.coerce.number().int().min(1),
      percentBelow: z.coerce.number().int().min(1).max(99),
      amount: decimal,
      currency: currencySchema,
    }),
    // The party's account number, email or document (CPF) is (or is not) on the list's version in force.
    z.object({ type: z.literal("on_list"), listId: z.uuid(), party }),
    z.object({ type: z.literal("not_on_list"), listId: z.uuid(), party }),
    // The party's customer account was opened less than `days` days ago.
    z.object({ type: z.literal("account_age_under"), days: z.coerce.number().int().min(1).max(3650), party }),
    // Across currencies, the amount sent converted into `currency` is at least `amount`.
    z.object({ type: z.literal("cross_currency_at_least"), amount: decimal, currency: currencySchema }),
  ])
  .superRefine((condition, context) => {
    if ("amount" in condition && parseDecimalAmount(condition.amount, currencyScale(condition.currency)) === null) {
      context.addIssue({ code: "custom", path: ["amount"], message: `${condition.currency} has ${currencyScale(condition.currency)} decimal places.` });
    }
  });
export type Condition = z.output<typeof conditionSchema>;
export type ConditionType = Condition["type"];

export const conditionsSchema = z.array(conditionSchema).min(1, "A rule needs at least one condition.").max(10);

/** A condition's amount in its currency's minor units (validated by conditionSchema). */
export const thresholdOf = (condition: { amount: string; currency: string }) => parseDecimalAmount(condition.amount, currencyScale(condition.currency))!;

/** The band of amounts a structuring condition watches: at least `low`, under `high` (minor units). Rounding widens it. */
export function structuringBand(condition: Extract<Condition, { type: "structuring" }>): { low: bigint; high: bigint } {
  const high = thresholdOf(condition);
  return { low: (high * BigInt(100 - condition.percentBelow)) / 100n, high };
}
