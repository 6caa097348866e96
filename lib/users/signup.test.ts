import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, emailVerificationTokens, outboxMessages, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/passwords";
import { DomainError } from "@/lib/errors";
import { listWallets } from "@/lib/ledger/accounts";
import { deposit, requestWithdrawal } from "@/lib/ledger/provider";
import { transfer } from "@/lib/ledger/transfers";
import { outboxMailer } from "@/lib/mail";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { maxVerificationLinksPerDay, resendVerificationLink, signUp, signUpInputSchema, verificationLinkHours, verifyEmail, type SignUpServices } from "./signup";

const t = setupTestDatabase();
const services = (): SignUpServices => ({
  db: t.db,
  mailer: outboxMailer(t.db),
  bcryptCost: 4,
  appUrl: "http://ledgerwatch.test",
  secret: "a test secret that is long enough for hmac use",
});
const valid = { name: "Sofia Signup", email: "Sofia@Signup.test", cpf: "529.982.247-25", password: "tangerine-otter-71" };

const parse = (input: Record<string, string>) => signUpInputSchema.parseAsync(input);
const mailsTo = (email: string) => t.db.select().from(outboxMessages).where(eq(outboxMessages.to, email)).orderBy(outboxMessages.id);
async function linkTo(email: string): Promise<string> {
  const token = (await mailsTo(email)).at(-1)?.body.match(/verify-email\?token=(\S+)/)?.[1];
  if (!token) throw new Error(`no verification link was mailed to ${email}`);
  return token;
}
const userByEmail = async (email: string) => (await t.db.select().from(users).where(eq(users.email, email)))[0];
const expectCode = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);

let counter = 0;
/** A valid CPF of its own per call: nine digits from a counter, then their check digits. */
function freshCpf(): string {
  const nine = String(100_000_000 + ++counter * 7919).slice(0, 9).split("").map(Number);
  const first = ((nine.reduce((sum, digit, i) => sum + digit * (10 - i), 0) * 10) % 11) % 10;
  const second = (([...nine, first].reduce((sum, digit, i) => sum + digit * (11 - i), 0) * 10) % 11) % 10;
  return [...nine, first, second].join("");
}

describe("sign-up input", () => {
  it("normalises the email and the CPF, and takes a chosen password", async () => {
    expect(await parse(valid)).toEqual({ ...valid, email: "sofia@signup.test", cpf: "52998224725" });
  });

  it("refuses a CPF with wrong check digits or not 11 digits, a short or common password, each on its field", async () => {
    const issues = async (input: Record<string, string>) => {
      const result = await signUpInputSchema.safeParseAsync(input);
      return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    };
    expect(await issues({ ...valid, cpf: "529.982.247-24" })).toEqual(["cpf: This is not a valid CPF: check its digits."]);
    expect(await issues({ ...valid, cpf: "111.111.111-11" })).toEqual(["cpf: This is not a valid CPF: check its digits."]);
    expect(await issues({ ...valid, cpf: "5299822" })).toEqual(["cpf: Enter the 11 digits of your CPF."]);
    expect(await issues({ ...valid, password: "short1" })).toEqual(["password: Use at least 8 characters."]);
    expect(await issues({ ...valid, password: "Password1" })).toEqual(["password: This password is too common: choose one nobody would guess."]);
  });
});

describe("signUp", () => {
  beforeEach(() => t.db.delete(outboxMessages));

  it("opens an unverified customer with a BRL wallet and the chosen password, and mails a link", async () => {
    await signUp(services(), await parse(valid), "203.0.113.5");
    const user = await userByEmail("sofia@signup.test");
    expect(user).toMatchObject({ name: "Sofia Signup", role: "customer", cpf: "52998224725", emailVerifiedAt: null });
    expect(await verifyPassword(valid.password, user.passwordHash)).toBe(true);
    expect((await listWallets(t.db, user.id)).map((wallet) => wallet.currency)).toEqual(["BRL"]);
    const [mail] = await mailsTo("sofia@signup.test");
    expect(mail.subject).toBe("Confirm your email for Ledgerwatch");
    expect(mail.body).toContain(`within ${verificationLinkHours} hours`);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.signed_up"), eq(auditEvents.targetId, user.id)));
    expect(audit.ip).toBe("203.0.113.5");
  });

  it("answers a taken email or CPF as a new one, makes no account, and tells the owner instead", async () => {
    const [taken] = await createCustomers(t.db, [{ name: "Tomas Taken", email: "tomas@signup.test" }]);
    await t.db.update(users).set({ cpf: "11144477735" }).where(eq(users.id, taken.id));
    const before = await t.db.$count(users);

    await expect(signUp(services(), await parse({ ...valid, email: "TOMAS@signup.test", cpf: freshCpf() }), null)).resolves.toBeUndefined();
    await expect(signUp(services(), await parse({ ...valid, email: "other@signup.test", cpf: "111.444.777-35" }), null)).resolves.toBeUndefined();

    expect(await t.db.$count(users)).toBe(before);
    const [toOwner] = await mailsTo("tomas@signup.test");
    expect(toOwner.body).toContain("tried to sign up to Ledgerwatch with this email address");
    expect(toOwner.body).not.toMatch(/verify-email/);
    const [toOther] = await mailsTo("other@signup.test");
    expect(toOther.body).toContain("a CPF that already has a Ledgerwatch account");
    expect(toOther.body).not.toContain("tomas");
  });

  it("makes one account when the same email signs up twice at once", async () => {
    const input = await parse({ ...valid, email: "twice@signup.test", cpf: freshCpf() });
    await Promise.all([signUp(services(), input, null), signUp(services(), input, null)]);
    expect(await t.db.$count(users, eq(users.email, "twice@signup.test"))).toBe(1);
  });
});

describe("email verification", () => {
  async function newcomer(email: string) {
    await signUp(services(), await parse({ ...valid, email, cpf: freshCpf() }), null);
    return userByEmail(email);
  }

  it("is single-use: the link verifies once, then is refused", async () => {
    const user = await newcomer("once@signup.test");
    const token = await linkTo(user.email);
    expect(await verifyEmail(services(), token, null)).toEqual({ userId: user.id });
    expect((await userByEmail(user.email)).emailVerifiedAt).not.toBeNull();
    await expectCode(verifyEmail(services(), token, null), "NOT_FOUND");
  });

  it("expires after 24 hours, and a forged or altered link fails", async () => {
    const user = await newcomer("late@signup.test");
    const token = await linkTo(user.email);
    const later = new Date(Date.now() + verificationLinkHours * 3_600_000 + 1000);
    await expectCode(verifyEmail(services(), token, null, later), "NOT_FOUND");
    // The signature covers the link's id and expiry: changing either breaks it.
    const [version, id, expires, signature] = token.split(".");
    await expectCode(verifyEmail(services(), [version, id, String(Number(expires) + 86_400), signature].join("."), null, later), "NOT_FOUND");
    await expectCode(verifyEmail({ ...services(), secret: "another secret, of the same long length!!" }, token, null), "NOT_FOUND");
    expect((await userByEmail(user.email)).emailVerifiedAt).toBeNull();
    // Still good within its day.
    await verifyEmail(services(), token, null);
  });

  it("a new link can be asked for, a few a day; using one spends the others", async () => {
    const user = await newcomer("again@signup.test");
    const first = await linkTo(user.email);
    for (let n = 1; n < maxVerificationLinksPerDay; n++) expect(await resendVerificationLink(services(), user.id)).toBe(true);
    await expectCode(resendVerificationLink(services(), user.id), "RATE_LIMITED");
    const newest = await linkTo(user.email);
    expect(newest).not.toBe(first);
    await verifyEmail(services(), newest, null);
    await expectCode(verifyEmail(services(), first, null), "NOT_FOUND");
    expect(await t.db.$count(emailVerificationTokens, and(eq(emailVerificationTokens.userId, user.id)))).toBe(maxVerificationLinksPerDay);
    await expectCode(resendVerificationLink(services(), user.id), "INVALID_STATE");
  });

  it("until verified, the customer can receive money but not send or withdraw it", async () => {
    const user = await newcomer("unverified@signup.test");
    const [brl] = await listWallets(t.db, user.id);
    const [friend] = await createCustomers(t.db, [{ name: "Fred Friend", email: "fred@signup.test" }]);
    await deposit(t.db, { accountNumber: brl.accountNumber, amount: "50.00", currency: "BRL", reference: "funding" }, "fund-unverified");
    await expectCode(transfer(t.db, { userId: user.id }, { from: brl.id, to: "fred@signup.test", amount: "1.00" }, "send-1"), "EMAIL_NOT_VERIFIED");
    await expectCode(requestWithdrawal(t.db, { userId: user.id }, { from: brl.id, amount: "1.00" }, "withdraw-1", 60), "EMAIL_NOT_VERIFIED");

    await verifyEmail(services(), await linkTo(user.email), null);
    const sent = await transfer(t.db, { userId: user.id }, { from: brl.id, to: "fred@signup.test", amount: "1.00" }, "send-2");
    expect(sent.status).toBe("completed");
    expect((await listWallets(t.db, friend.id))[0].balance).toBe(100n);
  });
});
