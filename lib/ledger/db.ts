import type postgres from "postgres";

/**
 * postgres.js's pool, as lib/ledger's internals use it to open (and retry) their own transactions.
 * Public entry points take the app's `Database` and reach this through `db.$client`.
 */
export type LedgerSql = postgres.Sql;

/** Where a statement can run: the pool, a transaction, or a reserved connection. */
export type Queryable = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;

/** A connection inside a transaction, as lib/ledger's writers receive it. */
export type LedgerTx = postgres.TransactionSql | postgres.ReservedSql;
