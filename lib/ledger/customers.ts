import type { Database } from "@/db/client";
import { escapeLike, type Page } from "@/lib/paging";
import { listWallets, type Wallet } from "./accounts";
import { isUuid } from "@/lib/ids";


export type CustomerTotal = { currency: string; balance: bigint };

export type CustomerSummary = {
  id: string;
  name: string;
  email: string;
  walletCount: number;
  /** The balance of the customer's wallets per currency (one wallet per currency). */
  totals: CustomerTotal[];
};

/** `closedAt`: when the account was closed (or the customer deleted); its wallets and history stay. */
export type Customer = { id: string; name: string; email: string; createdAt: Date; closedAt: Date | null };

export type CustomerWallet = Wallet & { frozenSince: Date | null };

/**
 * Customers whose name, email or wallet account number contains `search` (any case), A to Z
 * by name: the open accounts, or (`closed`) the closed ones, whose wallets stay in the ledger.
 */
export async function searchCustomers(
  db: Database,
  search: string | undefined,
  page: Page,
  closed = false,
): Promise<{ rows: CustomerSummary[]; total: number }> {
  const sql = db.$client;
  const pattern = search ? `%${escapeLike(search)}%` : null;
  const where = () => sql`
    u.role = 'customer' and ${closed ? sql`u.deleted_at is not null` : sql`u.deleted_at is null`}
    ${
      pattern
        ? sql`and (u.name ilike ${pattern} or u.email ilike ${pattern} or exists (
            select 1 from ledger_accounts w where w.owner_id = u.id and w.kind = 'wallet' and w.account_number ilike ${pattern}))`
        : sql``
    }`;
  const [rows, [{ total }]] = await Promise.all([
    sql`
      select u.id, u.name, u.email,
        coalesce(json_agg(json_build_object('currency', a.currency, 'balance', a.balance::text) order by a.currency)
          filter (where a.id is not null), '[]') as totals
      from users u
      left join ledger_accounts a on a.owner_id = u.id and a.kind = 'wallet'
      where ${where()}
      group by u.id
      order by lower(u.name), u.id
      limit ${page.size} offset ${page.index * page.size}`,
    sql`select count(*)::int as total from users u where ${where()}`,
  ]);
  return {
    rows: rows.map((row) => {
      const totals = (row.totals as { currency: string; balance: string }[]).map((entry) => ({ currency: entry.currency, balance: BigInt(entry.balance) }));
      return { id: row.id, name: row.name, email: row.email, walletCount: totals.length, totals };
    }),
    total,
  };
}

/** A customer (not staff), open or closed, by id, or null. */
export async function findCustomer(db: Database, id: string): Promise<Customer | null> {
  const sql = db.$client;
  if (!isUuid(id)) return null;
  const [row] = await sql`
    select id, name, email, created_at, deleted_at from users where id = ${id} and role = 'customer'`;
  return row ? { id: row.id, name: row.name, email: row.email, createdAt: new Date(row.created_at), closedAt: row.deleted_at && new Date(row.deleted_at) } : null;
}

/** The customer's wallets, with when each was frozen. */
export async function customerWallets(db: Database, ownerId: string): Promise<CustomerWallet[]> {
  const sql = db.$client;
  const [wallets, frozen] = await Promise.all([
    listWallets(db, ownerId),
    sql`select id, frozen_at from ledger_accounts where owner_id = ${ownerId} and kind = 'wallet' and frozen_at is not null`,
  ]);
  const frozenAt = new Map(frozen.map((row) => [row.id as string, new Date(row.frozen_at)]));
  return wallets.map((wallet) => ({ ...wallet, frozenSince: frozenAt.get(wallet.id) ?? null }));
}
