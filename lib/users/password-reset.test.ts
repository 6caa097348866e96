import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, passwordResetTokens, users } from "@/db/schema";
import { seedDatabase, seededAdmin } from "@/db/seed";
import { authenticate } from "@/lib/auth/authenticate";
import type { LockoutPolicy } from "@/lib/auth/lockout";
import { verifyPassword } from "@/lib/auth/passwords";
import { resolveSessionUser, startSession } from "@/lib/auth/session";
import { issueApiToken, resolveApiToken } from "@/lib/auth/tokens";
import { DomainError } from "@/lib/errors";
import type { MailMessage } from "@/lib/mail";
import { setupTestDatabase } from "@/test/database";
import { createUser, type UserServices } from "./index";
import { maxOpenResetLinks, requestPasswordReset, resetLinkMinutes, resetPasswordWithLink } from "./password-reset";

const t = setupTestDatabase();
const sent: MailMessage[] = [];
const services = (): UserServices => ({ db: t.db, mailer: { send: async (message) => void sent.push(message) }, bcryptCost: 10, appUrl: "http://ledgerwatch.test" });
const lockout: LockoutPolicy = { maxAttempts: 5, lockMinutes: 15, ipMaxFailures: 1000, ipWindowMinutes: 15 };
const creator = { id: null, label: "test", ip: null };

/** The token of the newest link mailed to this address. */
function linkTokenTo(email: string): string {
  const mail = sent.filter((message) => message.to === email).at(-1);
  const token = mail?.text.match(/reset-password\?token=([\w-]+)/)?.[1];
  if (!token) throw new Error(`no reset link was mailed to ${email}`);
  return token;
}

const expectExpiredLink = (promise: Promise<unknown>) =>
  expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === "NOT_FOUND" && /expired or has already been used/.test(error.message));

let rita: { id: string; password: string };

beforeAll(async () => {
  const created = await createUser(services(), creator, { name: "Rita Reset", email: "rita@reset.test", role: "customer" });
  rita = { id: created.user.id, password: created.password };
});

describe("password reset by emailed link", () => {
  it("mails a link to a known email in any case, and nothing for an unknown one, answering both alike", async () => {
    const before = sent.length;
    await expect(requestPasswordReset(services(), "nobody@reset.test", "192.0.2.1")).resolves.toBeUndefined();
    expect(sent.length).toBe(before);

    await expect(requestPasswordReset(services(), "  Rita@Reset.TEST ", "192.0.2.1")).resolves.toBeUndefined();
    const mail = sent.at(-1)!;
    expect(mail).toMatchObject({ to: "rita@reset.test", subject: "Reset your Ledgerwatch password" });
    expect(mail.text).toContain(`within ${resetLinkMinutes} minutes`);
    expect(mail.text).toMatch(/http:\/\/ledgerwatch\.test\/reset-password\?token=[\w-]{43}/);
    // Only the hash is stored: the token is in the email alone.
    const stored = await t.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, rita.id));
    expect(stored.map((row) => row.tokenHash)).not.toContain(linkTokenTo("rita@reset.test"));
    const audited = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.password_reset_requested"), eq(auditEvents.targetId, rita.id)));
    expect(audited).toHaveLength(1);
  });

  it("gives a new password once: every session, token and lock of the user ends, and the link is spent", async () => {
    await requestPasswordReset(services(), "rita@reset.test", "192.0.2.1");
    const token = linkTokenTo("rita@reset.test");
    const sessionId = await startSession(t.db, rita.id);
    const { token: apiToken } = await issueApiToken(t.db, { userId: rita.id, kind: "personal", name: "script", ttlMinutes: null });
    const [{ sessionVersion }] = await t.db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, rita.id));
    const wrong = rita.password === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++) await authenticate(t.db, lockout, { login: "rita@reset.test", password: wrong, ip: "198.51.100.9" });
    expect(await authenticate(t.db, lockout, { login: "rita@reset.test", password: rita.password, ip: "198.51.100.9" })).toMatchObject({ ok: false, reason: "locked" });

    const issued = await resetPasswordWithLink(services(), token, "198.51.100.9");
    expect(issued.password).toMatch(/^\d{6}$/);
    expect(issued.emailed).toBe(true);
    expect(sent.at(-1)!.text).toContain(`Password: ${issued.password}`);
    const [stored] = await t.db.select().from(users).where(eq(users.id, rita.id));
    expect(await verifyPassword(issued.password, stored.passwordHash)).toBe(true);
    expect(await resolveSessionUser(t.db, { userId: rita.id, sessionId, sessionVersion })).toBeNull();
    expect(await resolveApiToken(t.db, apiToken)).toBeNull();
    expect((await authenticate(t.db, lockout, { login: "rita@reset.test", password: issued.password, ip: "198.51.100.9" })).ok).toBe(true);

    await expectExpiredLink(resetPasswordWithLink(services(), token, null));
    rita.password = issued.password;
  });

  it("spends every open link of the user with the one used", async () => {
    await requestPasswordReset(services(), "rita@reset.test", null);
    const first = linkTokenTo("rita@reset.test");
    await requestPasswordReset(services(), "rita@reset.test", null);
    const second = linkTokenTo("rita@reset.test");
    rita.password = (await resetPasswordWithLink(services(), second, null)).password;
    await expectExpiredLink(resetPasswordWithLink(services(), first, null));
  });

  it("refuses a link past its time, a made-up one, and one of a deleted user", async () => {
    const asked = new Date(Date.now() - (resetLinkMinutes + 1) * 60_000);
    await requestPasswordReset(services(), "rita@reset.test", null, asked);
    await expectExpiredLink(resetPasswordWithLink(services(), linkTokenTo("rita@reset.test"), null));
    await expectExpiredLink(resetPasswordWithLink(services(), "made-up-token", null));

    const gone = await createUser(services(), creator, { name: "Gone Gil", email: "gil@reset.test", role: "analyst" });
    await requestPasswordReset(services(), "gil@reset.test", null);
    const token = linkTokenTo("gil@reset.test");
    await t.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, gone.user.id));
    await expect(resetPasswordWithLink(services(), token, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const before = sent.length;
    await requestPasswordReset(services(), "gil@reset.test", null);
    expect(sent.length).toBe(before);
  });

  it("never mails a link for the seeded system administrator, whose email is a placeholder", async () => {
    await seedDatabase(t.db, { bcryptCost: 10 });
    await requestPasswordReset(services(), seededAdmin.email, null);
    expect(sent.filter((message) => message.to === seededAdmin.email)).toEqual([]);
    const [system] = await t.db.select({ id: users.id }).from(users).where(eq(users.isSystem, true));
    expect(await t.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, system.id))).toEqual([]);
  });

  it(`mails at most ${maxOpenResetLinks} open links at once`, async () => {
    const ana = await createUser(services(), creator, { name: "Ana Asker", email: "ana@reset.test", role: "customer" });
    for (let i = 0; i < maxOpenResetLinks + 2; i++) await requestPasswordReset(services(), "ana@reset.test", null);
    expect(sent.filter((message) => message.to === "ana@reset.test" && message.subject === "Reset your Ledgerwatch password")).toHaveLength(maxOpenResetLinks);
    const open = await t.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, ana.user.id));
    expect(open).toHaveLength(maxOpenResetLinks);
  });

  it("lets two concurrent uses of one link give one new password", async () => {
    await requestPasswordReset(services(), "rita@reset.test", null);
    const token = linkTokenTo("rita@reset.test");
    const outcomes = await Promise.allSettled([resetPasswordWithLink(services(), token, null), resetPasswordWithLink(services(), token, null)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
  });
});
