import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import type postgres from "postgres";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { escapeLike, type Page } from "@/lib/paging";

export type Actor = { id: string | null; label: string; ip: string | null };

/** Every action the audit log records, named `subject.event`: a singular subject, then what happened. */
export const auditActions = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_locked",
  "auth.account_locked",
  "auth.ip_limited",
  "user.created",
  "user.updated",
  "user.deleted",
  "user.account_closed",
  "user.password_changed",
  "user.password_reset",
  "user.password_reset_requested",
  "user.signed_up",
  "user.email_verified",
  "api_token.created",
  "api_token.revoked",
  "import.created",
  "threshold.updated",
  "fee_schedule.updated",
  "fx_rate.set",
  "fx_rate.imported",
  "wallet.frozen",
  "wallet.unfrozen",
  "payment_request.created",
  "payment_request.paid",
  "payment_request.declined",
  "payment_request.cancelled",
  "screening_rule.created",
  "screening_rule.versioned",
  "screening_rule.activated",
  "screening_rule.deactivated",
  "screening_list.created",
  "screening_list.versioned",
  "case.opened",
  "case.assigned",
  "case.noted",
  "case.released",
  "case.rejected",
  "case.closed",
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEntry = {
  actor: Actor;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
};

/** Takes a transaction too, so the audit row commits or rolls back with the change it records. */
export async function recordAudit(db: Pick<Database, "insert">, entry: AuditEntry): Promise<void> {
  await auditInsert(db, entry);
}

/** The insert as a query, for callers that run it on a raw postgres.js transaction (`.toSQL()`). */
export function auditInsert(db: Pick<Database, "insert">, entry: AuditEntry) {
  return db.insert(auditEvents).values({
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    ip: entry.actor.ip,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
  });
}

/** The insert sent at once on a postgres.js transaction, so the row commits with the change it records. */
export function auditOn(tx: postgres.TransactionSql | postgres.ReservedSql, db: Pick<Database, "insert">, entry: AuditEntry) {
  const query = auditInsert(db, entry).toSQL();
  return tx.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[]).execute();
}

export type AuditFilter = {
  action?: string;
  /** Matches the actor's label, the IP or the target id. */
  search?: string;
  from?: Date;
  to?: Date;
};

export async function listAuditEvents(db: Database, filter: AuditFilter, page: Page) {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    conditions.push(
      or(
        ilike(auditEvents.actorLabel, pattern),
        ilike(auditEvents.ip, pattern),
        ilike(auditEvents.targetId, pattern),
      )!,
    );
  }
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to) conditions.push(lt(auditEvents.at, filter.to));
  const where = conditions.length ? and(...conditions) : undefined;

  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(page.size)
      .offset(page.index * page.size),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total };
}

export async function listAuditActions(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action);
  return rows.map((row) => row.action);
}
