import type { Database } from "@/db/client";
import { auditOn, type Actor } from "@/lib/audit";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { systemAccountId } from "@/lib/ledger/accounts";
import { applyMovements, money, unwrap } from "@/lib/ledger/movements";
import { settleHeldPayment } from "@/lib/ledger/payment-requests";
import { decisionMovement, type HeldMovement } from "@/lib/ledger/plan";

export type CaseDecision = "release" | "reject";

export type DecidedMovement = { caseId: string; transferId: string; kind: "transfer" | "withdrawal"; status: string; amount: { amount: string; currency: string } };

/**
 * Staff decide on a movement screening held, through the ledger's one write path: released, a
 * transfer completes at the rate and fee it was quoted and a withdrawal goes on to the payment
 * provider (pending for `holdMinutes`); rejected, the hold is released. The case row is locked
 * first, so of two decisions at once exactly one is made and the other finds the case decided.
 */
export async function decideCase(
  db: Database,
  actor: Actor & { id: string },
  caseId: string,
  decision: CaseDecision,
  note: string,
  holdMinutes: number,
): Promise<DecidedMovement> {
  const sql = db.$client;
  if (!isUuid(caseId)) throw new DomainError("NOT_FOUND", "No such case.");
  const [outcome] = await applyMovements<DecidedMovement>(sql, async (tx) => {
    const [row] = await tx`
      select c.id, c.status, c.number, t.id as transfer_id, t.kind, t.status as transfer_status, t.from_account_id, t.to_account_id,
        t.debit_amount, t.debit_currency, t.credit_amount, t.credit_currency, t.fee_amount, t.rate is not null as converted
      from cases c left join ledger_transfers t on t.id = c.transfer_id
      where c.id = ${caseId} for update of c`;
    if (!row) return [{ key: null, movement: { code: "NOT_FOUND", message: "No such case." } }];
    if (row.status !== "open") return [{ key: null, movement: { code: "INVALID_STATE", message: `This case is already ${row.status}.` } }];
    if (!row.transfer_id || row.transfer_status !== "pending_review") {
      return [{ key: null, movement: { code: "INVALID_STATE", message: "This case holds no movement to release or reject: close it instead." } }];
    }
    const held: HeldMovement = {
      id: row.transfer_id,
      kind: row.kind,
      from: { id: row.from_account_id, currency: row.debit_currency },
      to: row.to_account_id ? { id: row.to_account_id, currency: row.credit_currency } : null,
      amount: BigInt(row.debit_amount),
      fee: BigInt(row.fee_amount),
      credited: BigInt(row.credit_amount),
      converted: row.converted,
    };
    const systems = new Map<string, string>();
    if (decision === "release" && held.kind === "transfer") {
      for (const currency of new Set([held.from.currency, held.to!.currency])) {
        systems.set(`fees:${currency}`, await systemAccountId(sql, "fees", currency, tx));
        systems.set(`fx:${currency}`, await systemAccountId(sql, "fx", currency, tx));
      }
    }
    const answer = (id: string, status: string): DecidedMovement => ({ caseId, transferId: id, kind: held.kind, status, amount: money(held.amount, held.from.currency) });
    const released = decision === "release";
    return [
      {
        key: null,
        movement: decisionMovement(held, decision, systems, holdMinutes, answer),
        alongside: (writing, result) =>
          Promise.all([
            writing`
              update cases set status = ${released ? "released" : "rejected"}, decided_by = ${actor.id}, decided_at = now(), decision_note = ${note}
              where id = ${caseId}`.execute(),
            settleHeldPayment(writing, held.id, released),
            auditOn(writing, db, {
              actor,
              action: released ? "case.released" : "case.rejected",
              targetType: "case",
              targetId: caseId,
              details: { number: row.number, transferId: held.id, movement: held.kind, status: result.status, amount: result.amount, note },
            }),
          ]),
      },
    ];
  });
  return unwrap(outcome);
}
