import { heldFrom } from "./available";
import type { LedgerTx } from "./db";
import { statusNow } from "./payment-requests";

/**
 * Closes the customer's wallets, or answers why they can't close now: every wallet at zero,
 * nothing held by a pending withdrawal, no payment request pending either way. The wallets are
 * locked first and marked closed, so a movement waiting on their lock finds them closed (the
 * planner refuses to pay into one) and none lands between the check and the close.
 */
export async function closeWallets(tx: LedgerTx, ownerId: string): Promise<string | null> {
  const wallets = await tx`
    select a.currency, a.balance, ${heldFrom(tx, tx`a.id`)} as held from ledger_accounts a
    where a.owner_id = ${ownerId} and a.kind = 'wallet' order by a.id for update`;
  // A pending withdrawal's money is still in its balance: told first, as the reason to wait.
  if (wallets.some((wallet) => BigInt(wallet.held) !== 0n)) return "A withdrawal is still pending: wait until it is paid out or cancelled.";
  const withMoney = wallets.filter((wallet) => BigInt(wallet.balance) !== 0n).map((wallet) => wallet.currency);
  if (withMoney.length > 0) return `Empty every wallet first: ${withMoney.join(", ")} still ${withMoney.length === 1 ? "holds" : "hold"} money. Send or withdraw it.`;
  const [pending] = await tx`
    select count(*)::int as pending from payment_requests r
    where ${ownerId}::uuid in (r.requester_id, r.payer_id) and ${statusNow(tx)} = 'pending'`;
  if (pending.pending > 0) return "A payment request is still pending: pay, decline or cancel it first.";
  await tx`update ledger_accounts set closed_at = now() where owner_id = ${ownerId} and kind = 'wallet'`;
  return null;
}
