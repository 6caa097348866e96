import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { passwordResetTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hashToken } from "@/lib/auth/tokens";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { passwordResetLinkMail } from "@/lib/mail/templates";
import { issueNewPassword, type PasswordIssued, type UserServices } from "./index";

/** How long a reset link works. */
export const resetLinkMinutes = 60;
/** Links a user may have open at once: asking again and again mails nothing more. */
export const maxOpenResetLinks = 3;

/**
 * Mails a single-use link to reset the password of the active user with this email, if there is
 * one. The caller answers the same either way, so the form does not tell who has an account.
 * Never the seeded system administrator: its email is a placeholder nobody here reads.
 */
export async function requestPasswordReset(services: UserServices, email: string, ip: string | null, now = new Date()): Promise<void> {
  const { db } = services;
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(isNull(users.deletedAt), eq(users.isSystem, false), sql`lower(${users.email}) = ${email.trim().toLowerCase()}`));
  if (!user) return;
  const [{ open }] = await db
    .select({ open: count() })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
  if (open >= maxOpenResetLinks) return;

  const token = randomBytes(32).toString("base64url");
  await db.insert(passwordResetTokens).values({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + resetLinkMinutes * 60_000) });
  await recordAudit(db, { actor: { id: null, label: user.email, ip }, action: "user.password_reset_requested", targetType: "user", targetId: user.id });
  const link = new URL(`/reset-password?token=${token}`, services.appUrl).toString();
  try {
    await services.mailer.send(passwordResetLinkMail({ to: user.email, name: user.name, link, validMinutes: resetLinkMinutes }));
  } catch (error) {
    // The link is in the message only: log that it failed, never the message.
    log().error({ userId: user.id, reason: error instanceof Error ? error.message : String(error) }, "could not email a password reset link");
  }
}

/**
 * Spends a reset link, once: the user gets a new generated password (shown and mailed), and every
 * session, API sign-in, token and sign-in lock of theirs ends, as with an administrator's reset.
 * Their other open links are spent with it.
 */
export async function resetPasswordWithLink(services: UserServices, token: string, ip: string | null, now = new Date()): Promise<PasswordIssued> {
  const { db } = services;
  const [spent] = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .returning({ userId: passwordResetTokens.userId });
  if (!spent) throw new DomainError("NOT_FOUND", "This link has expired or has already been used. Ask for a new one.");
  await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, spent.userId), isNull(passwordResetTokens.usedAt)));
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, spent.userId));
  return issueNewPassword(services, { id: spent.userId, label: user.email, ip }, and(isNull(users.deletedAt), eq(users.isSystem, false), eq(users.id, spent.userId)), {
    action: "user.password_reset",
    reason: "reset",
  });
}
