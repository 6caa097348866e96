import { beforeAll, describe, expect, it } from "vitest";
import type { Wallet } from "@/lib/ledger/accounts";
import { deposit } from "@/lib/ledger/provider";
import { transfer } from "@/lib/ledger/transfers";
import { walletHistory, walletLinesPage } from "@/lib/ledger/wallets";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";

const t = setupTestDatabase();
let erin: Wallet;
let fabio: Wallet;

beforeAll(async () => {
  [{ wallets: [erin] }, { wallets: [fabio] }] = await createCustomers(t.db, [
    { name: "Erin", email: "erin@wallet-lines.test" },
    { name: "Fabio", email: "fabio@wallet-lines.test" },
  ]);
  await deposit(t.db, { accountNumber: erin.accountNumber, amount: "100.00", currency: "BRL", reference: "pix-erin" }, "wl-d1");
  for (const [i, amount] of ["1.00", "2.00", "3.00", "4.00"].entries()) {
    await transfer(t.db, { userId: erin.ownerId }, { from: erin.id, to: fabio.accountNumber, amount }, `wl-t${i}`);
  }
});

describe("walletLinesPage", () => {
  it("pages a wallet's lines newest first, as walletHistory lists them, with the count of all", async () => {
    const { lines: all } = await walletHistory(t.db, erin.id, { limit: 100 });
    expect(all.length).toBeGreaterThanOrEqual(5);
    const pages = [];
    for (let index = 0; index * 2 < all.length; index++) pages.push(await walletLinesPage(t.db, erin.id, { index, size: 2 }));
    expect(pages.flatMap((page) => page.lines)).toEqual(all);
    expect(pages.map((page) => page.total)).toEqual(pages.map(() => all.length));
  });

  it("answers an empty page past the end, and only the wallet's own lines", async () => {
    const { lines: fabiosLines } = await walletHistory(t.db, fabio.id, { limit: 100 });
    expect(await walletLinesPage(t.db, fabio.id, { index: 5, size: 25 })).toEqual({ lines: [], total: fabiosLines.length });
    expect((await walletLinesPage(t.db, fabio.id, { index: 0, size: 25 })).lines.map((line) => line.amount)).toEqual(["4.00", "3.00", "2.00", "1.00"].map((a) => BigInt(a.replace(".", ""))));
  });
});
