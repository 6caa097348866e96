import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { isUniqueViolation } from "@/db/client";
import { emailVerificationTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { minChosenPasswordLength } from "@/lib/auth/password-rules";
import { hashPassword, isCommonPassword } from "@/lib/auth/passwords";
import { DomainError } from "@/lib/errors";
import { openWallet } from "@/lib/ledger/accounts";
import { queueMail } from "@/lib/mail";
import { signUpTakenMail, verificationMail } from "@/lib/mail/templates";
import { isValidCpf, normalizeCpf } from "./cpf";
import type { UserServices } from "./index";

/** What sign-up needs beyond the user services: the secret verification links are signed with. */
export type SignUpServices = UserServices & { secret: string };

/** How long a verification link works. */
export const verificationLinkHours = 24;
/** Links a user may ask for in a day: asking again and again mails nothing more. */
export const maxVerificationLinksPerDay = 5;

export const signUpInputSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(200, "Use at most 200 characters."),
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  cpf: z
    .string()
    .max(20, "Enter the 11 digits of your CPF.")
    .transform((text, context) => {
      const digits = normalizeCpf(text);
      if (digits === null) context.addIssue({ code: "custom", message: "Enter the 11 digits of your CPF." });
      else if (!isValidCpf(digits)) context.addIssue({ code: "custom", message: "This is not a valid CPF: check its digits." });
      return digits ?? "";
    }),
  password: z
    .string()
    // abort: a too-short password is told that alone, not also that it is common.
    .min(minChosenPasswordLength, { message: `Use at least ${minChosenPasswordLength} characters.`, abort: true })
    .max(200, "Use at most 200 characters.")
    .refine(async (password) => !(await isCommonPassword(password)), "This password is too common: choose one nobody would guess."),
});
export type SignUpInput = z.output<typeof signUpInputSchema>;

/**
 * Opens a customer account, unverified, with a BRL wallet, and queues the verification link with
 * it. A taken email or CPF makes no account and answers the same, so sign-up does not tell who
 * is a customer: the email's owner (or whoever gave the CPF) is told instead.
 */
export async function signUp(services: SignUpServices, input: SignUpInput, ip: string | null, now = new Date()): Promise<void> {
  const { db } = services;
  // Hashed first, whatever happens next: a taken email is answered as slowly as a new one.
  const passwordHash = await hashPassword(input.password, services.bcryptCost);
  const [taken] = await db
    .select({ name: users.name, email: users.email, byEmail: sql<boolean>`lower(${users.email}) = ${input.email}` })
    .from(users)
    .where(and(isNull(users.deletedAt), sql`(lower(${users.email}) = ${input.email} or ${users.cpf} = ${input.cpf})`))
    .limit(1);
  if (taken) {
    const mail = taken.byEmail
      ? signUpTakenMail({ to: taken.email, name: taken.name, appUrl: services.appUrl, reason: "email" })
      : signUpTakenMail({ to: input.email, name: input.name, appUrl: services.appUrl, reason: "cpf" });
    await queueMail(db, mail);
    return;
  }
  try {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email, cpf: input.cpf, role: "customer", passwordHash, emailVerifiedAt: null })
        .returning({ id: users.id });
      await openWallet(tx, user.id, "BRL");
      await recordAudit(tx, { actor: { id: user.id, label: input.email, ip }, action: "user.signed_up", targetType: "user", targetId: user.id });
      await queueVerificationLink(services, tx, { id: user.id, name: input.name, email: input.email }, now);
    });
  } catch (error) {
    // Another sign-up took the email or CPF a moment ago: answered as a taken one, with no second mail.
    if (isUniqueViolation(error)) return;
    throw error;
  }
}

type Writer = Parameters<Parameters<SignUpServices["db"]["transaction"]>[0]>[0];

function signature(secret: string, payload: string): Buffer {
  // A key of its own, derived from AUTH_SECRET, so a verification signature is good for nothing else.
  const key = createHmac("sha256", secret).update("ledgerwatch email verification").digest();
  return createHmac("sha256", key).update(payload).digest();
}

/** `v1.<link id>.<expiry, unix seconds>.<HMAC-SHA256>`: forged or altered links fail before any query. */
function signLink(secret: string, id: string, expiresAt: Date): string {
  const payload = `v1.${id}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(secret, payload).toString("base64url")}`;
}

function readLink(secret: string, token: string, now: Date): string | null {
  const match = /^(v1\.([0-9a-f-]{36})\.(\d{1,12}))\.([\w-]{43})$/.exec(token);
  if (!match) return null;
  const [, payload, id, expires, signed] = match;
  const expected = signature(secret, payload);
  const given = Buffer.from(signed, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) * 1000 > now.getTime() ? id : null;
}

async function queueVerificationLink(services: SignUpServices, tx: Writer, user: { id: string; name: string; email: string }, now: Date) {
  const expiresAt = new Date(now.getTime() + verificationLinkHours * 3_600_000);
  const [link] = await tx.insert(emailVerificationTokens).values({ userId: user.id, createdAt: now, expiresAt }).returning({ id: emailVerificationTokens.id });
  const url = new URL(`/verify-email?token=${signLink(services.secret, link.id, expiresAt)}`, services.appUrl).toString();
  await queueMail(tx, verificationMail({ to: user.email, name: user.name, link: url, validHours: verificationLinkHours }));
}

/**
 * Mails a new link to a customer not yet verified, at most `maxVerificationLinksPerDay` a day.
 * Answers whether one was queued.
 */
export async function resendVerificationLink(services: SignUpServices, userId: string, now = new Date()): Promise<boolean> {
  const { db } = services;
  return db.transaction(async (tx) => {
    // The user's row, locked: two requests at once can't both slip under the daily limit.
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.deletedAt)))
      .for("update");
    if (!user) throw new DomainError("NOT_FOUND", "No such user.");
    if (user.verifiedAt) throw new DomainError("INVALID_STATE", "Your email is already confirmed.");
    const [{ recent }] = await tx
      .select({ recent: count() })
      .from(emailVerificationTokens)
      .where(and(eq(emailVerificationTokens.userId, userId), gt(emailVerificationTokens.createdAt, new Date(now.getTime() - 86_400_000))));
    if (recent >= maxVerificationLinksPerDay) {
      throw new DomainError("RATE_LIMITED", `We have sent ${maxVerificationLinksPerDay} links today. Use the newest one, or try again tomorrow.`);
    }
    await queueVerificationLink(services, tx, user, now);
    return true;
  });
}

/**
 * Spends a verification link, once, within its 24 hours: the customer's email counts as
 * verified from then on. The user's other links are spent with it.
 */
export async function verifyEmail(services: SignUpServices, token: string, ip: string | null, now = new Date()): Promise<{ userId: string }> {
  const invalid = () => new DomainError("NOT_FOUND", "This link has expired or has already been used. Sign in to ask for a new one.");
  const id = readLink(services.secret, token, now);
  if (!id) throw invalid();
  return services.db.transaction(async (tx) => {
    const [spent] = await tx
      .update(emailVerificationTokens)
      .set({ usedAt: now })
      .where(and(eq(emailVerificationTokens.id, id), isNull(emailVerificationTokens.usedAt), gt(emailVerificationTokens.expiresAt, now)))
      .returning({ userId: emailVerificationTokens.userId });
    if (!spent) throw invalid();
    await tx
      .update(emailVerificationTokens)
      .set({ usedAt: now })
      .where(and(eq(emailVerificationTokens.userId, spent.userId), isNull(emailVerificationTokens.usedAt)));
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: now })
      .where(and(eq(users.id, spent.userId), isNull(users.deletedAt)))
      .returning({ email: users.email });
    if (!user) throw invalid();
    await recordAudit(tx, { actor: { id: spent.userId, label: user.email, ip }, action: "user.email_verified", targetType: "user", targetId: spent.userId });
    return { userId: spent.userId };
  });
}

/** Whether the user has confirmed their email: staff-made accounts always have. */
export async function isEmailVerified(services: Pick<SignUpServices, "db">, userId: string): Promise<boolean> {
  const [user] = await services.db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  return Boolean(user?.verifiedAt);
}
