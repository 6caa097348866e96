import { and, asc, count, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { isUniqueViolation, type Database } from "@/db/client";
import { apiTokens, userRole, users, type User, type UserRole } from "@/db/schema";
import { auditOn, recordAudit, type Actor } from "@/lib/audit";
import { authenticate, refusalMessage } from "@/lib/auth/authenticate";
import { ceilingLockedUntil, clearLockout } from "@/lib/auth/throttle";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import type { LockoutPolicy } from "@/lib/auth/lockout";
import { DomainError } from "@/lib/errors";
import { openWallet } from "@/lib/ledger/accounts";
import { closeWallets } from "@/lib/ledger/closing";
import { isUuid } from "@/lib/ids";
import { log } from "@/lib/log";
import type { Mailer } from "@/lib/mail";
import { passwordMail, type PasswordMailReason } from "@/lib/mail/templates";
import { escapeLike, type Page } from "@/lib/paging";
import { defaultTimeZone } from "@/lib/time";

export const userInputSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters."),
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  role: z.enum(userRole.enumValues, "Choose a role."),
});
export type UserInput = z.infer<typeof userInputSchema>;

export type UserServices = { db: Database; mailer: Mailer; bcryptCost: number; appUrl: string };

/** `lockedUntil`: when the user's email or username stops being locked for sign-ins from unknown sources. */
export type UserSummary = Pick<User, "id" | "name" | "email" | "role" | "createdAt"> & { lockedUntil: Date | null };

const summaryColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  createdAt: users.createdAt,
  lockedUntil: ceilingLockedUntil(),
};

/** The outcome of a change that generates a password: shown once, and whether the email went out. */
export type PasswordIssued = { user: UserSummary; password: string; emailed: boolean };

export const userSortKeys = ["name", "email", "role", "createdAt"] as const;
export type UserSortKey = (typeof userSortKeys)[number];

export type UserListQuery = {
  search?: string;
  role?: UserRole;
  sort: UserSortKey;
  descending: boolean;
};

// The seeded administrator and deleted users are never listed or changed here.
const manageable = and(isNull(users.deletedAt), eq(users.isSystem, false));

export async function listUsers(db: Database, query: UserListQuery, page: Page) {
  const conditions: SQL[] = [manageable!];
  if (query.search) {
    const pattern = `%${escapeLike(query.search)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  if (query.role) conditions.push(eq(users.role, query.role));
  const where = and(...conditions);
  // Names and emails sort A to Z regardless of case, whatever the database's collation.
  const key = query.sort === "name" || query.sort === "email" ? sql`lower(${users[query.sort]})` : users[query.sort];
  const order = query.descending ? desc(key) : asc(key);

  const [rows, [{ total }]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(users)
      .where(where)
      .orderBy(order, asc(users.id))
      .limit(page.size)
      .offset(page.index * page.size),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}

export async function getUser(db: Database, id: string): Promise<UserSummary> {
  const [user] = await db.select(summaryColumns).from(users).where(and(manageable, eq(users.id, id)));
  if (!user) throw new DomainError("NOT_FOUND", "No such user.");
  return user;
}

const emailTaken = () => new DomainError("EMAIL_TAKEN", "A user with this email already exists.", "email");

async function sendPasswordMail(
  services: UserServices,
  user: UserSummary,
  password: string,
  reason: PasswordMailReason,
): Promise<boolean> {
  try {
    await services.mailer.send(passwordMail({ to: user.email, name: user.name, password, appUrl: services.appUrl, reason }));
    return true;
  } catch (error) {
    // The password is still shown on screen; the failure is logged without the message body.
    log().error({ userId: user.id, reason: error instanceof Error ? error.message : String(error) }, "could not email a password");
    return false;
  }
}

export async function createUser(services: UserServices, actor: Actor, input: UserInput): Promise<PasswordIssued> {
  const { db } = services;
  const password = generatePassword();
  const passwordHash = await hashPassword(password, services.bcryptCost);
  let user: UserSummary;
  try {
    user = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email, role: input.role, passwordHash })
        .returning(summaryColumns);
      // Every customer starts with a BRL wallet; others are opened on demand.
      if (created.role === "customer") await openWallet(tx, created.id, "BRL");
      await recordAudit(tx, {
        actor,
        action: "user.created",
        targetType: "user",
        targetId: created.id,
        details: { name: created.name, email: created.email, role: created.role },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  const emailed = await sendPasswordMail(services, user, password, "created");
  return { user, password, emailed };
}

export async function updateUser(
  db: Database,
  actor: Actor,
  id: string,
  changes: Partial<UserInput>,
): Promise<UserSummary> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select(summaryColumns).from(users).where(and(manageable, eq(users.id, id))).for("update");
      if (!before) throw new DomainError("NOT_FOUND", "No such user.");
      if (actor.id === id && changes.role && changes.role !== before.role) {
        throw new DomainError("FORBIDDEN", "You can't change your own role.", "role");
      }
      const roleChanged = changes.role !== undefined && changes.role !== before.role;
      const [after] = await tx
        .update(users)
        // A new role ends every session and API sign-in made under the old one; personal tokens
        // stay, and act with the new role, which every request reads afresh.
        .set({ ...changes, updatedAt: sql`now()`, ...(roleChanged && { sessionVersion: sql`${users.sessionVersion} + 1` }) })
        .where(eq(users.id, id))
        .returning(summaryColumns);
      if (roleChanged) {
        await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.userId, id), eq(apiTokens.kind, "session"), isNull(apiTokens.revokedAt)));
      }
      const changed = Object.fromEntries(
        (Object.keys(changes) as (keyof UserInput)[])
          .filter((key) => before[key] !== after[key])
          .map((key) => [key, { from: before[key], to: after[key] }]),
      );
      await recordAudit(tx, { actor, action: "user.updated", targetType: "user", targetId: id, details: changed });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Stores a new generated password for the user `which` selects: ends their sessions and tokens,
 * clears every sign-in throttle of their email and username (so the new password gets through),
 * audits, and emails the password.
 */
export async function issueNewPassword(
  services: UserServices,
  actor: Actor,
  which: SQL | undefined,
  change: { action: "user.password_reset" | "user.password_changed"; reason: "reset" | "changed" },
): Promise<PasswordIssued> {
  const { db } = services;
  const password = generatePassword();
  const passwordHash = await hashPassword(password, services.bcryptCost);
  const user = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(which)
      .returning({ id: users.id, email: users.email, username: users.username });
    if (!updated) throw new DomainError("NOT_FOUND", "No such user.");
    await clearLockout(tx, [updated.email, updated.username]);
    await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.userId, updated.id), isNull(apiTokens.revokedAt)));
    await recordAudit(tx, { actor, action: change.action, targetType: "user", targetId: updated.id });
    // Read after the throttles are cleared, so the summary shows the user unlocked.
    const [summary] = await tx.select(summaryColumns).from(users).where(eq(users.id, updated.id));
    return summary;
  });
  const emailed = await sendPasswordMail(services, user, password, change.reason);
  return { user, password, emailed };
}

/** An administrator's reset of another user's password. */
export function resetPassword(services: UserServices, actor: Actor, id: string): Promise<PasswordIssued> {
  return issueNewPassword(services, actor, and(manageable, eq(users.id, id)), { action: "user.password_reset", reason: "reset" });
}

export const changePasswordSchema = z.object({ currentPassword: z.string().min(1, "Enter your current password.").max(200) });

/**
 * A user's own change, the system administrator's included (its seeded password is public):
 * proven by the current password, answered with a new generated one. The current password is
 * checked as a sign-in is, under the same throttle (from the caller's device when `deviceToken` is
 * its `lw_device` cookie, else its address): a stolen session can't guess it at leisure. A lockout's
 * message says its time in `timeZone`.
 */
export async function changeOwnPassword(
  services: UserServices,
  lockout: LockoutPolicy,
  actor: Actor & { id: string },
  currentPassword: string,
  deviceToken?: string,
  timeZone = defaultTimeZone,
): Promise<PasswordIssued> {
  const [user] = await services.db.select({ email: users.email }).from(users).where(and(isNull(users.deletedAt), eq(users.id, actor.id)));
  if (!user) throw new DomainError("NOT_FOUND", "No such user.");
  const proof = await authenticate(services.db, lockout, { login: user.email, password: currentPassword, ip: actor.ip ?? "unknown", deviceToken });
  if (!proof.ok) {
    const message = proof.reason === "invalid" ? "That is not your current password." : refusalMessage(proof, timeZone);
    throw new DomainError(proof.reason === "invalid" ? "VALIDATION_FAILED" : proof.reason === "locked" ? "ACCOUNT_LOCKED" : "TOO_MANY_ATTEMPTS", message, "currentPassword");
  }
  return issueNewPassword(services, actor, and(isNull(users.deletedAt), eq(users.id, actor.id)), { action: "user.password_changed", reason: "changed" });
}

/** Soft delete: the row and its history stay; the user can't sign in and their sessions end. */
/** Deletes a user; a customer only as closeCustomerAccount would close them: with no money in the ledger. */
export async function deleteUser(db: Database, actor: Actor, id: string): Promise<void> {
  if (actor.id === id) throw new DomainError("FORBIDDEN", "You can't delete your own account.");
  if (!isUuid(id)) throw new DomainError("NOT_FOUND", "No such user.");
  await db.$client.begin(async (tx) => {
    const [deleted] = await tx`
      update users set deleted_at = now(), session_version = session_version + 1, updated_at = now()
      where id = ${id} and deleted_at is null and not is_system
      returning name, email, role`;
    if (!deleted) throw new DomainError("NOT_FOUND", "No such user.");
    if (deleted.role === "customer") {
      const refused = await closeWallets(tx, id);
      if (refused) throw new DomainError("INVALID_STATE", `This customer can't be deleted yet. ${refused}`);
    }
    await auditOn(tx, db, {
      actor,
      action: "user.deleted",
      targetType: "user",
      targetId: id,
      details: { name: deleted.name, email: deleted.email, role: deleted.role },
    });
  });
}

/** How many active users hold each role (the seeded administrator included). */
export async function countUsersByRole(db: Database): Promise<Record<UserRole, number>> {
  const rows = await db.select({ role: users.role, total: count() }).from(users).where(isNull(users.deletedAt)).groupBy(users.role);
  const counts: Record<UserRole, number> = { admin: 0, analyst: 0, customer: 0 };
  for (const row of rows) counts[row.role] = row.total;
  return counts;
}
