import { inArray } from "drizzle-orm";
import { listWallets, openWallet } from "@/lib/ledger/accounts";
import { setFeeSchedule } from "@/lib/ledger/fees";
import { deposit } from "@/lib/ledger/provider";
import { setRate } from "@/lib/ledger/rates";
import { transfer } from "@/lib/ledger/transfers";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";

/**
 * Wallets for the demo customers, so the wallet has something to show: BRL for both (and USD
 * for the first), provider deposits, one transfer between them, two rates and a BRL fee. Every
 * step is idempotent (keys, or "only if none yet"), so it runs at every start.
 */
export async function seedDemoWallets(db: Database, customerEmails: [string, string]): Promise<void> {
  const sql = db.$client;
  const rows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, customerEmails));
  const [carla, caio] = customerEmails.map((email) => rows.find((row) => row.email === email)!.id);
  await openWallet(db, carla, "BRL");
  await openWallet(db, carla, "USD");
  await openWallet(db, caio, "BRL");

  const [{ count: rates }] = await sql`select count(*)::int as count from fx_rates`;
  if (rates === 0) {
    await setRate(sql, { base: "USD", quote: "BRL", rate: "5.4321", source: "demo" }, null);
    await setRate(sql, { base: "EUR", quote: "BRL", rate: "5.8765", source: "demo" }, null);
    await setFeeSchedule(sql, "BRL", { flat: 50n, percent: 1_000n, minimum: 100n }, null);
  }

  const [carlaBrl, carlaUsd] = await listWallets(db, carla);
  const [caioBrl] = await listWallets(db, caio);
  await deposit(db, { accountNumber: carlaBrl.accountNumber, amount: "5000.00", currency: "BRL", reference: "demo opening deposit" }, "demo-carla-brl");
  await deposit(db, { accountNumber: carlaUsd.accountNumber, amount: "300.00", currency: "USD", reference: "demo opening deposit" }, "demo-carla-usd");
  await deposit(db, { accountNumber: caioBrl.accountNumber, amount: "1200.00", currency: "BRL", reference: "demo opening deposit" }, "demo-caio-brl");
  await transfer(db, { userId: carla }, { from: carlaBrl.id, to: caioBrl.accountNumber, amount: "150.00" }, "demo-carla-to-caio");
}
