import type postgres from "postgres";

/**
 * The database handle of lib/ledger: postgres.js's pool. Entry points that move money take it,
 * as they open (and retry) their own transactions. The app passes `services().db.$client`.
 */
export type LedgerSql = postgres.Sql;

/** Where a statement can run: the pool, a transaction, or a reserved connection. */
export type Queryable = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;

/** A connection inside a transaction, as lib/ledger's writers receive it. */
export type LedgerTx = postgres.TransactionSql | postgres.ReservedSql;
