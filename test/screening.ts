import { users } from "@/db/schema";
import type { Database } from "@/db/client";
import { listWallets, openWallet } from "@/lib/ledger/accounts";
import { deposit } from "@/lib/ledger/provider";
import { setRate } from "@/lib/ledger/rates";

/** The accounts opened ten days ago among screeningPeople's; the others are opened today. */
export const agedPeople = [0, 1, 6];

/**
 * What the screening tests decide over: eight customers at `domain` (six with a BRL wallet holding
 * 5,000.00, two with a USD wallet holding 1,000.00), an admin to write rules, and USD at 5.1234 BRL.
 */
export async function screeningPeople(db: Database, domain: string) {
  const emails = Array.from({ length: 8 }, (_, i) => `p${i}@${domain}`);
  const owners = await db
    .insert(users)
    .values(emails.map((email, i) => ({ name: `Person ${i}`, email, role: "customer" as const, passwordHash: "x" })))
    .returning({ id: users.id });
  for (const [i, owner] of owners.entries()) await openWallet(db, owner.id, i < 6 ? "BRL" : "USD");
  const wallets = (await Promise.all(owners.map((owner) => listWallets(db, owner.id)))).flat();
  await db.$client`update users set created_at = now() - interval '10 days' where email = any(${agedPeople.map((i) => emails[i])})`;
  const [admin] = await db.insert(users).values({ name: "Staff", email: `staff@${domain}`, role: "admin", passwordHash: "x" }).returning({ id: users.id });
  await setRate(db.$client, { base: "USD", quote: "BRL", rate: "5.1234", source: "test" }, null);
  for (const wallet of wallets) {
    await deposit(db, { accountNumber: wallet.accountNumber, amount: wallet.currency === "BRL" ? "5000.00" : "1000.00", currency: wallet.currency, reference: "opening" }, `open-${wallet.id}`);
  }
  return { emails, wallets, staff: { id: admin.id, label: `staff@${domain}`, ip: null } };
}
