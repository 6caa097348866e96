import { z } from "zod";
import type { Database } from "@/db/client";
import { auditOn, type Actor } from "@/lib/audit";
import { DomainError } from "@/lib/errors";
import { closeWallets } from "@/lib/ledger/closing";

export const closeReasonSchema = z.string().trim().min(3, "Say why the account is closed.").max(500, "Use at most 500 characters.");

/**
 * Closes a customer's account: once every wallet is empty and nothing is held or pending (see
 * closeWallets), the customer can no longer sign in and every session and token of theirs ends
 * at once. The ledger keeps the wallets and their history, which staff still see. The customer
 * closes their own (no reason asked); staff close one with a reason, kept in the audit log.
 */
export async function closeCustomerAccount(db: Database, actor: Actor & { id: string }, customerId: string, reason: string | null): Promise<void> {
  await db.$client.begin(async (tx) => {
    const [customer] = await tx`
      select id from users where id = ${customerId} and role = 'customer' and deleted_at is null for update`;
    if (!customer) throw new DomainError("NOT_FOUND", "No such customer.");
    const refused = await closeWallets(tx, customerId);
    if (refused) throw new DomainError("INVALID_STATE", refused);
    await tx`update users set deleted_at = now(), session_version = session_version + 1, updated_at = now() where id = ${customerId}`;
    await auditOn(tx, db, {
      actor,
      action: "user.account_closed",
      targetType: "user",
      targetId: customerId,
      details: { by: actor.id === customerId ? "customer" : "staff", ...(reason && { reason }) },
    });
  });
}
