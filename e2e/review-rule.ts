import { activateRuleVersion, createList, createRule, deactivateRule } from "../lib/screening/rules";
import { withDatabase } from "./ledger-fixtures";

/**
 * A screening rule sending to review every transfer of at least `amount` BRL from these
 * accounts only (an on_list condition on a list of them), so no other spec's transfer is held.
 * Returns what takes it off again: call it when the spec ends.
 */
export function holdTransfersFrom(accountNumbers: string[], amount: string, name: string): Promise<() => Promise<void>> {
  return withDatabase(async (sql, db) => {
    const [admin] = await sql`select id, email from users where username = 'Admin'`;
    const actor = { id: admin.id as string, label: admin.email as string, ip: null };
    const { listId } = await createList(db, actor, { name: `${name} senders`, kind: "deny", entryKind: "account", entries: accountNumbers });
    const { ruleId, versionId } = await createRule(db, actor, {
      name,
      outcome: "review",
      conditions: [
        { type: "on_list", listId, party: "sender" },
        { type: "amount_at_least", amount, currency: "BRL" },
      ],
    });
    await activateRuleVersion(db, actor, versionId);
    return async () => {
      await withDatabase((_sql, db) => deactivateRule(db, actor, ruleId));
    };
  });
}
