import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { listWallets } from "./accounts";
import { customerWallets, findCustomer, searchCustomers } from "./customers";
import { deposit } from "./provider";
import { setWalletFrozen } from "./wallets";

const t = setupTestDatabase();
const page = { index: 0, size: 25 };
let carla: string;
let davi: string;
let staff: string;
let carlaBrl: string;

beforeAll(async () => {
  const [carlaSouza, daviLima] = await createCustomers(t.db, [
    { name: "Carla Souza", email: "carla@ledger.test", currencies: ["BRL", "USD"] },
    { name: "davi 100% Lima", email: "davi@ledger.test" },
    { name: "Carla Gone", email: "gone@ledger.test", currencies: [], deletedAt: new Date() },
  ]);
  [{ id: staff }] = await t.db
    .insert(users)
    .values({ name: "Carla Staff", email: "carla.staff@ledger.test", role: "analyst", passwordHash: "x" })
    .returning({ id: users.id });
  carla = carlaSouza.id;
  davi = daviLima.id;
  const [brl] = carlaSouza.wallets;
  carlaBrl = brl.id;
  await deposit(t.db, { accountNumber: brl.accountNumber, amount: "250.75", currency: "BRL", reference: "pix" }, "c1");
});

describe("searchCustomers", () => {
  it("lists customers only, A to Z by name whatever the case, with their wallets per currency", async () => {
    const { rows, total } = await searchCustomers(t.db, undefined, page);
    expect(total).toBe(2);
    expect(rows.map((row) => row.name)).toEqual(["Carla Souza", "davi 100% Lima"]);
    expect(rows[0]).toMatchObject({ walletCount: 2, totals: [{ currency: "BRL", balance: 25075n }, { currency: "USD", balance: 0n }] });
  });

  it("finds a customer by part of the name or email, any case", async () => {
    expect((await searchCustomers(t.db, "CARLA", page)).rows.map((row) => row.id)).toEqual([carla]);
    expect((await searchCustomers(t.db, "davi@", page)).rows.map((row) => row.id)).toEqual([davi]);
  });

  it("finds a customer by a wallet's account number", async () => {
    const [, usd] = await listWallets(t.db, carla);
    const { rows } = await searchCustomers(t.db, usd.accountNumber, page);
    expect(rows.map((row) => row.id)).toEqual([carla]);
    // The match is on the customer: every wallet is still listed.
    expect(rows[0].walletCount).toBe(2);
  });

  it("takes LIKE wildcards literally", async () => {
    expect((await searchCustomers(t.db, "100%", page)).rows.map((row) => row.id)).toEqual([davi]);
    expect((await searchCustomers(t.db, "%", page)).rows.map((row) => row.id)).toEqual([davi]);
    expect((await searchCustomers(t.db, "_", page)).total).toBe(0);
  });

  it("pages the list", async () => {
    const second = await searchCustomers(t.db, undefined, { index: 1, size: 1 });
    expect(second.total).toBe(2);
    expect(second.rows.map((row) => row.id)).toEqual([davi]);
  });
});

describe("findCustomer and customerWallets", () => {
  it("finds a customer, and not a staff member or a malformed id", async () => {
    expect(await findCustomer(t.db, carla)).toMatchObject({ name: "Carla Souza", email: "carla@ledger.test" });
    expect(await findCustomer(t.db, staff)).toBeNull();
    expect(await findCustomer(t.db, "not-a-uuid")).toBeNull();
  });

  it("lists closed accounts apart, and still finds one, saying since when it is closed", async () => {
    const [gone] = (await searchCustomers(t.db, undefined, page, true)).rows;
    expect(gone.name).toBe("Carla Gone");
    expect((await searchCustomers(t.db, "Carla", page)).rows.map((row) => row.name)).toEqual(["Carla Souza"]);
    expect(await findCustomer(t.db, gone.id)).toMatchObject({ name: "Carla Gone", closedAt: expect.any(Date) });
    expect(await findCustomer(t.db, carla)).toMatchObject({ closedAt: null });
  });

  it("says since when a wallet is frozen, and forgets it when unfrozen", async () => {
    const actor = { id: staff, label: "carla.staff@ledger.test", ip: null };
    await setWalletFrozen(t.db, actor, carlaBrl, true);
    const frozen = await customerWallets(t.db, carla);
    expect(frozen.find((wallet) => wallet.id === carlaBrl)).toMatchObject({ frozen: true, balance: 25075n, frozenSince: expect.any(Date) });
    expect(frozen.find((wallet) => wallet.id !== carlaBrl)).toMatchObject({ frozen: false, frozenSince: null });
    await setWalletFrozen(t.db, actor, carlaBrl, false);
    expect((await customerWallets(t.db, carla)).every((wallet) => wallet.frozenSince === null)).toBe(true);
  });
});
