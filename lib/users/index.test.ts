import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, signInThrottles, users, type NewUser } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { Actor } from "@/lib/audit";
import { authenticate } from "@/lib/auth/authenticate";
import { rememberDevice } from "@/lib/auth/devices";
import type { LockoutPolicy } from "@/lib/auth/lockout";
import { issueApiToken, resolveApiToken } from "@/lib/auth/tokens";
import { resolveSessionUser, startSession } from "@/lib/auth/session";
import { verifyPassword } from "@/lib/auth/passwords";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { createLogger, withLogger } from "@/lib/log";
import type { MailMessage, Mailer } from "@/lib/mail";
import { setupTestDatabase, type TestDatabase } from "@/test/database";
import {
  countUsersByRole,
  createUser,
  deleteUser,
  getUser,
  listUsers,
  changeOwnPassword,
  resetPassword,
  updateUser,
  userInputSchema,
  type UserListQuery,
  type UserServices,
} from "./index";

// Generous per-IP limits: these tests are about the account's own lock.
const lockout: LockoutPolicy = { maxAttempts: 5, lockMinutes: 15, ipMaxFailures: 1000, ipWindowMinutes: 15 };

function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
  };
}

const failingMailer: Mailer = {
  async send() {
    throw new Error("SMTP server unreachable");
  },
};

async function expectDomainError(promise: Promise<unknown>, code: ErrorCode, field?: string) {
  const error = await promise.then(
    () => {
      throw new Error(`expected a DomainError ${code}, but it succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (field) expect((error as DomainError).field).toBe(field);
}

async function insertUser(t: TestDatabase, values: Partial<NewUser> = {}) {
  const [user] = await t.db
    .insert(users)
    .values({ name: "Someone", email: `someone-${randomUUID()}@example.com`, role: "customer", passwordHash: "x", ...values })
    .returning();
  return user;
}

const auditFor = (t: TestDatabase, action: string, targetId: string) =>
  t.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));

describe("user management", () => {
  const t = setupTestDatabase();
  const mailer = recordingMailer();
  let services: UserServices;
  let actor: Actor;
  let systemAdminId: string;

  beforeAll(async () => {
    services = { db: t.db, mailer, bcryptCost: 10, appUrl: "http://ledgerwatch.test" };
    await seedDatabase(t.db, { bcryptCost: 10 });
    systemAdminId = (await t.db.query.users.findFirst({ where: eq(users.isSystem, true) }))!.id;
    const admin = await insertUser(t, { name: "Acting Admin", email: "acting.admin@example.com", role: "admin" });
    actor = { id: admin.id, label: admin.email, ip: "192.0.2.1" };
  });

  describe("createUser", () => {
    it("creates the user with a generated six-digit password, mails it and audits", async () => {
      const input = userInputSchema.parse({ name: "  Nina Newcomer ", email: "Nina@Example.com", role: "analyst" });
      const result = await createUser(services, actor, input);

      expect(result.password).toMatch(/^\d{6}$/);
      expect(result.emailed).toBe(true);
      expect(result.user).toMatchObject({ name: "Nina Newcomer", email: "nina@example.com", role: "analyst", lockedUntil: null });

      const stored = (await t.db.query.users.findFirst({ where: eq(users.id, result.user.id) }))!;
      expect(stored.passwordHash).not.toContain(result.password);
      expect(await verifyPassword(result.password, stored.passwordHash)).toBe(true);
      expect(stored.isSystem).toBe(false);

      const mail = mailer.sent.at(-1)!;
      expect(mail.to).toBe("nina@example.com");
      expect(mail.subject).toBe("Your Ledgerwatch account");
      expect(mail.text).toContain(`Password: ${result.password}`);
      expect(mail.text).toContain("Hello Nina Newcomer");
      expect(mail.text).toContain("http://ledgerwatch.test/login");

      const [audit] = await auditFor(t, "user.created", result.user.id);
      expect(audit).toMatchObject({
        actorId: actor.id,
        actorLabel: actor.label,
        ip: actor.ip,
        targetType: "user",
        details: { name: "Nina Newcomer", email: "nina@example.com", role: "analyst" },
      });
      expect(JSON.stringify(audit)).not.toContain(result.password);
    });

    it("refuses an email that is taken, in any case", async () => {
      await createUser(services, actor, { name: "First", email: "dup@example.com", role: "customer" });
      const before = await t.db.$count(users);
      await expectDomainError(createUser(services, actor, { name: "Second", email: "DUP@Example.COM", role: "customer" }), "EMAIL_TAKEN", "email");
      expect(await t.db.$count(users)).toBe(before);
      // Nor is the system administrator's email available.
      await expectDomainError(createUser(services, actor, { name: "Fake", email: "admin@email.com.br", role: "admin" }), "EMAIL_TAKEN");
    });

    it("still creates the user when the mail can't be sent", async () => {
      const logged: string[] = [];
      const logger = createLogger("info", { write: (line: string) => logged.push(line) });
      const result = await withLogger(logger, () =>
        createUser({ ...services, mailer: failingMailer }, actor, { name: "Offline Olga", email: "olga@example.com", role: "customer" }),
      );
      expect(result.emailed).toBe(false);
      expect(result.password).toMatch(/^\d{6}$/);
      const stored = (await t.db.query.users.findFirst({ where: eq(users.email, "olga@example.com") }))!;
      expect(await verifyPassword(result.password, stored.passwordHash)).toBe(true);
      expect(logged.join("")).toContain("could not email a password");
      expect(logged.join("")).not.toContain(result.password);
    });
  });

  describe("updateUser", () => {
    it("changes the given fields and audits only what changed", async () => {
      const user = await insertUser(t, { name: "Before Name", email: "before@example.com", role: "customer" });
      const after = await updateUser(t.db, actor, user.id, { name: "After Name", email: "before@example.com", role: "analyst" });
      expect(after).toMatchObject({ id: user.id, name: "After Name", email: "before@example.com", role: "analyst" });

      const stored = (await t.db.query.users.findFirst({ where: eq(users.id, user.id) }))!;
      expect(stored).toMatchObject({ name: "After Name", role: "analyst" });
      expect(stored.updatedAt.getTime()).toBeGreaterThanOrEqual(user.updatedAt.getTime());

      const [audit] = await auditFor(t, "user.updated", user.id);
      expect(audit.actorId).toBe(actor.id);
      expect(audit.details).toEqual({
        name: { from: "Before Name", to: "After Name" },
        role: { from: "customer", to: "analyst" },
      });
    });

    it("changes the email, refusing one that is taken", async () => {
      const user = await insertUser(t, { email: "mover@example.com" });
      await insertUser(t, { email: "occupied@example.com" });
      await expectDomainError(updateUser(t.db, actor, user.id, { email: "occupied@example.com" }), "EMAIL_TAKEN", "email");
      expect((await getUser(t.db, user.id)).email).toBe("mover@example.com");
      expect(await auditFor(t, "user.updated", user.id)).toHaveLength(0);

      const moved = await updateUser(t.db, actor, user.id, { email: "moved@example.com" });
      expect(moved.email).toBe("moved@example.com");
    });

    it("refuses an unknown user, the system administrator and a deleted user", async () => {
      await expectDomainError(updateUser(t.db, actor, randomUUID(), { name: "Ghost" }), "NOT_FOUND");
      await expectDomainError(updateUser(t.db, actor, systemAdminId, { name: "Hijacked" }), "NOT_FOUND");
      const gone = await insertUser(t, { deletedAt: new Date() });
      await expectDomainError(updateUser(t.db, actor, gone.id, { name: "Revived" }), "NOT_FOUND");
      const admin = (await t.db.query.users.findFirst({ where: eq(users.id, systemAdminId) }))!;
      expect(admin.name).toBe("Administrator");
    });

    it("doesn't let anyone change their own role, but allows other changes to themselves", async () => {
      await expectDomainError(updateUser(t.db, actor, actor.id!, { role: "customer" }), "FORBIDDEN", "role");
      expect((await getUser(t.db, actor.id!)).role).toBe("admin");
      const renamed = await updateUser(t.db, actor, actor.id!, { name: "Acting Admin Renamed", role: "admin" });
      expect(renamed).toMatchObject({ name: "Acting Admin Renamed", role: "admin" });
    });
  });

  describe("resetPassword", () => {
    it("issues a new working password and ends sessions, tokens and any lock", async () => {
      const created = await createUser(services, actor, { name: "Reset Rita", email: "rita@example.com", role: "customer" });
      const id = created.user.id;
      const { token } = await issueApiToken(t.db, { userId: id, kind: "personal", name: "rita's", ttlMinutes: null });
      // Locked from one address, and for every address by failures spread over many.
      const wrong = created.password === "000000" ? "000001" : "000000";
      for (let i = 0; i < 20; i++) await authenticate(t.db, lockout, { login: "Rita@Example.com", password: wrong, ip: `192.0.2.${100 + Math.floor(i / 5)}` });
      expect(await authenticate(t.db, lockout, { login: "rita@example.com", password: created.password, ip: "192.0.2.99" })).toMatchObject({ ok: false, reason: "locked" });
      expect((await getUser(t.db, id)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
      expect(await resolveApiToken(t.db, token)).not.toBeNull();

      const reset = await resetPassword(services, actor, id);
      expect(reset.password).toMatch(/^\d{6}$/);
      expect(reset.emailed).toBe(true);
      expect(reset.user.lockedUntil).toBeNull();

      const stored = (await t.db.query.users.findFirst({ where: eq(users.id, id) }))!;
      expect(await verifyPassword(reset.password, stored.passwordHash)).toBe(true);
      if (reset.password !== created.password) expect(await verifyPassword(created.password, stored.passwordHash)).toBe(false);
      expect(stored.sessionVersion).toBe(2);
      expect(await t.db.select().from(signInThrottles).where(eq(signInThrottles.login, "rita@example.com"))).toEqual([]);
      expect((await authenticate(t.db, lockout, { login: "rita@example.com", password: reset.password, ip: "192.0.2.100" })).ok).toBe(true);

      expect(await resolveApiToken(t.db, token)).toBeNull();
      const sessionId = await startSession(t.db, id);
      expect(await resolveSessionUser(t.db, { userId: id, sessionId, sessionVersion: 1 })).toBeNull();
      expect((await resolveSessionUser(t.db, { userId: id, sessionId, sessionVersion: 2 }))?.id).toBe(id);

      const mail = mailer.sent.at(-1)!;
      expect(mail).toMatchObject({ to: "rita@example.com", subject: "Your new Ledgerwatch password" });
      expect(mail.text).toContain(`Password: ${reset.password}`);
      expect(await auditFor(t, "user.password_reset", id)).toHaveLength(1);
    });

    it("refuses an unknown user and the system administrator", async () => {
      await expectDomainError(resetPassword(services, actor, randomUUID()), "NOT_FOUND");
      await expectDomainError(resetPassword(services, actor, systemAdminId), "NOT_FOUND");
      const admin = (await t.db.query.users.findFirst({ where: eq(users.id, systemAdminId) }))!;
      expect(await verifyPassword("123999", admin.passwordHash)).toBe(true);
      expect(admin.sessionVersion).toBe(1);
    });
  });

  describe("changeOwnPassword", () => {
    it("takes the current password and answers with a new working one, ending sessions and tokens", async () => {
      const created = await createUser(services, actor, { name: "Change Chloe", email: "chloe@example.com", role: "customer" });
      const self = { id: created.user.id, label: created.user.email, ip: "192.0.2.9" };
      const { token } = await issueApiToken(t.db, { userId: self.id, kind: "personal", name: "chloe's", ttlMinutes: null });

      const changed = await changeOwnPassword(services, lockout, self, created.password);
      expect(changed.password).toMatch(/^\d{6}$/);
      expect(changed.emailed).toBe(true);
      const stored = (await t.db.query.users.findFirst({ where: eq(users.id, self.id) }))!;
      expect(await verifyPassword(changed.password, stored.passwordHash)).toBe(true);
      expect(stored.sessionVersion).toBe(2);
      expect(await resolveApiToken(t.db, token)).toBeNull();
      expect(mailer.sent.at(-1)!.text).toContain(`Password: ${changed.password}`);
      expect(await auditFor(t, "user.password_changed", self.id)).toHaveLength(1);
    });

    it("refuses a wrong current password and changes nothing", async () => {
      const created = await createUser(services, actor, { name: "Wrong Will", email: "will@example.com", role: "analyst" });
      const self = { id: created.user.id, label: created.user.email, ip: "192.0.2.9" };
      const wrong = created.password === "000000" ? "000001" : "000000";
      await expectDomainError(changeOwnPassword(services, lockout, self, wrong), "VALIDATION_FAILED", "currentPassword");
      const stored = (await t.db.query.users.findFirst({ where: eq(users.id, self.id) }))!;
      expect(await verifyPassword(created.password, stored.passwordHash)).toBe(true);
      expect(stored.sessionVersion).toBe(1);
    });

    it("counts wrong current passwords toward the sign-in lockout: once locked, even the right one is refused, and so is signing in from that address", async () => {
      const created = await createUser(services, actor, { name: "Guessed Gina", email: "gina@example.com", role: "customer" });
      const self = { id: created.user.id, label: created.user.email, ip: "192.0.2.10" };
      const wrong = created.password === "000000" ? "000001" : "000000";
      for (let attempt = 1; attempt < lockout.maxAttempts; attempt++) {
        await expectDomainError(changeOwnPassword(services, lockout, self, wrong), "VALIDATION_FAILED", "currentPassword");
      }
      await expectDomainError(changeOwnPassword(services, lockout, self, wrong), "ACCOUNT_LOCKED", "currentPassword");
      await expectDomainError(changeOwnPassword(services, lockout, self, created.password), "ACCOUNT_LOCKED", "currentPassword");
      const signIn = await authenticate(t.db, lockout, { login: created.user.email, password: created.password, ip: self.ip });
      expect(signIn).toMatchObject({ ok: false, reason: "locked" });
      const stored = (await t.db.query.users.findFirst({ where: eq(users.id, self.id) }))!;
      expect(await verifyPassword(created.password, stored.passwordHash)).toBe(true);
    });

    it("checks the current password under the caller's device throttle when it sends its device cookie", async () => {
      const created = await createUser(services, actor, { name: "Device Dana", email: "dana@example.com", role: "customer" });
      const self = { id: created.user.id, label: created.user.email, ip: "192.0.2.12" };
      const deviceToken = await rememberDevice(t.db, self.id, undefined);
      const wrong = created.password === "000000" ? "000001" : "000000";
      for (let attempt = 0; attempt < lockout.maxAttempts; attempt++) {
        await authenticate(t.db, lockout, { login: created.user.email, password: wrong, ip: self.ip });
      }
      await expectDomainError(changeOwnPassword(services, lockout, self, created.password), "ACCOUNT_LOCKED", "currentPassword");
      const changed = await changeOwnPassword(services, lockout, self, created.password, deviceToken);
      expect(changed.password).toMatch(/^\d{6}$/);
    });

    it("lets the system administrator replace the seeded password", async () => {
      const self = { id: systemAdminId, label: "admin@email.com.br", ip: "192.0.2.9" };
      const changed = await changeOwnPassword(services, lockout, self, "123999");
      const admin = (await t.db.query.users.findFirst({ where: eq(users.id, systemAdminId) }))!;
      expect(await verifyPassword(changed.password, admin.passwordHash)).toBe(true);
      if (changed.password !== "123999") expect(await verifyPassword("123999", admin.passwordHash)).toBe(false);
    });
  });

  describe("deleteUser", () => {
    it("soft-deletes: the row stays, marked, and the user disappears from the app", async () => {
      const user = await insertUser(t, { name: "Leaving Leo", email: "leo@example.com", role: "analyst" });
      await deleteUser(t.db, actor, user.id);

      const stored = (await t.db.query.users.findFirst({ where: eq(users.id, user.id) }))!;
      expect(stored.deletedAt).toBeInstanceOf(Date);
      expect(stored.sessionVersion).toBe(2);
      await expectDomainError(getUser(t.db, user.id), "NOT_FOUND");
      expect(await resolveSessionUser(t.db, { userId: user.id, sessionId: await startSession(t.db, user.id), sessionVersion: 2 })).toBeNull();

      const [audit] = await auditFor(t, "user.deleted", user.id);
      expect(audit.details).toEqual({ name: "Leaving Leo", email: "leo@example.com", role: "analyst" });

      // A second delete finds nothing to delete.
      await expectDomainError(deleteUser(t.db, actor, user.id), "NOT_FOUND");
    });

    it("doesn't let anyone delete themselves or the system administrator", async () => {
      await expectDomainError(deleteUser(t.db, actor, actor.id!), "FORBIDDEN");
      expect((await getUser(t.db, actor.id!)).id).toBe(actor.id);
      await expectDomainError(deleteUser(t.db, actor, systemAdminId), "NOT_FOUND");
      await expectDomainError(deleteUser(t.db, actor, randomUUID()), "NOT_FOUND");
      const admin = (await t.db.query.users.findFirst({ where: eq(users.id, systemAdminId) }))!;
      expect(admin.deletedAt).toBeNull();
    });

    it("frees a deleted user's email for a new account", async () => {
      const first = await createUser(services, actor, { name: "Recycled One", email: "recycled@example.com", role: "customer" });
      await deleteUser(t.db, actor, first.user.id);
      const second = await createUser(services, actor, { name: "Recycled Two", email: "recycled@example.com", role: "analyst" });
      expect(second.user.id).not.toBe(first.user.id);
      const rows = await t.db.select().from(users).where(eq(users.email, "recycled@example.com"));
      expect(rows).toHaveLength(2);
      // And an existing user may move onto it too once it's free again.
      await deleteUser(t.db, actor, second.user.id);
      const mover = await insertUser(t);
      expect((await updateUser(t.db, actor, mover.id, { email: "recycled@example.com" })).email).toBe("recycled@example.com");
    });
  });
});

describe("listUsers", () => {
  const t = setupTestDatabase();
  const everything: UserListQuery = { sort: "name", descending: false };
  const firstPage = { index: 0, size: 100 };

  beforeAll(async () => {
    await seedDatabase(t.db, { bcryptCost: 10 });
    const day = (n: number) => new Date(Date.UTC(2025, 0, n));
    await insertUser(t, { name: "Alice Anders", email: "alice@example.com", role: "admin", createdAt: day(1) });
    await insertUser(t, { name: "bob brown", email: "bob@corp.example", role: "analyst", createdAt: day(2) });
    await insertUser(t, { name: "Carol Clark", email: "carol@example.com", role: "customer", createdAt: day(3) });
    await insertUser(t, { name: "Dave 100% Davis", email: "dave@example.com", role: "customer", createdAt: day(4) });
    await insertUser(t, { name: "Erin_Evans", email: "erin@corp.example", role: "customer", createdAt: day(5) });
    await insertUser(t, { name: "Deleted Dan", email: "dan@example.com", role: "customer", createdAt: day(6), deletedAt: day(7) });
  });

  const names = (result: { rows: { name: string }[] }) => result.rows.map((row) => row.name);

  it("never lists the system administrator or deleted users", async () => {
    const result = await listUsers(t.db, everything, firstPage);
    expect(result.total).toBe(5);
    expect(names(result)).not.toContain("Administrator");
    expect(names(result)).not.toContain("Deleted Dan");
    expect(await listUsers(t.db, { ...everything, search: "admin" }, firstPage)).toEqual({ rows: [], total: 0 });
    expect(await listUsers(t.db, { ...everything, search: "Dan" }, firstPage)).toEqual({ rows: [], total: 0 });
  });

  it("returns summaries without secrets", async () => {
    const { rows } = await listUsers(t.db, everything, firstPage);
    expect(Object.keys(rows[0]).sort()).toEqual(["createdAt", "email", "id", "lockedUntil", "name", "role"]);
  });

  it("sorts by each key in both directions", async () => {
    expect(names(await listUsers(t.db, { sort: "createdAt", descending: true }, firstPage))).toEqual([
      "Erin_Evans",
      "Dave 100% Davis",
      "Carol Clark",
      "bob brown",
      "Alice Anders",
    ]);
    expect(names(await listUsers(t.db, { sort: "createdAt", descending: false }, firstPage))[0]).toBe("Alice Anders");
    expect(names(await listUsers(t.db, { sort: "email", descending: false }, firstPage))).toEqual([
      "Alice Anders",
      "bob brown",
      "Carol Clark",
      "Dave 100% Davis",
      "Erin_Evans",
    ]);
    const byRole = await listUsers(t.db, { sort: "role", descending: false }, firstPage);
    expect(byRole.rows.map((row) => row.role)).toEqual(["admin", "analyst", "customer", "customer", "customer"]);
    // Case doesn't matter: "bob brown" sits between Alice and Carol.
    const byNameAsc = names(await listUsers(t.db, { sort: "name", descending: false }, firstPage));
    expect(byNameAsc).toEqual(["Alice Anders", "bob brown", "Carol Clark", "Dave 100% Davis", "Erin_Evans"]);
    const byNameDesc = names(await listUsers(t.db, { sort: "name", descending: true }, firstPage));
    expect(byNameDesc).toEqual([...byNameAsc].reverse());
  });

  it("pages through the results with a stable total", async () => {
    const query: UserListQuery = { sort: "createdAt", descending: false };
    const pages = await Promise.all([0, 1, 2, 3].map((index) => listUsers(t.db, query, { index, size: 2 })));
    expect(pages.map(names)).toEqual([["Alice Anders", "bob brown"], ["Carol Clark", "Dave 100% Davis"], ["Erin_Evans"], []]);
    expect(pages.every((page) => page.total === 5)).toBe(true);
  });

  it("searches names and emails, case-insensitively", async () => {
    expect(names(await listUsers(t.db, { ...everything, search: "BOB" }, firstPage))).toEqual(["bob brown"]);
    expect(names(await listUsers(t.db, { ...everything, search: "corp.example" }, firstPage))).toEqual(["bob brown", "Erin_Evans"]);
    const clark = await listUsers(t.db, { ...everything, search: "clark" }, firstPage);
    expect(clark.total).toBe(1);
  });

  it("matches % , _ and \\ literally", async () => {
    expect(names(await listUsers(t.db, { ...everything, search: "%" }, firstPage))).toEqual(["Dave 100% Davis"]);
    expect(names(await listUsers(t.db, { ...everything, search: "100%" }, firstPage))).toEqual(["Dave 100% Davis"]);
    expect(names(await listUsers(t.db, { ...everything, search: "_" }, firstPage))).toEqual(["Erin_Evans"]);
    expect((await listUsers(t.db, { ...everything, search: "\\" }, firstPage)).total).toBe(0);
    expect((await listUsers(t.db, { ...everything, search: "a%s" }, firstPage)).total).toBe(0);
  });

  it("filters by role, together with search", async () => {
    expect(names(await listUsers(t.db, { ...everything, role: "customer" }, firstPage))).toEqual([
      "Carol Clark",
      "Dave 100% Davis",
      "Erin_Evans",
    ]);
    // The only other admin is the system one, which is never listed.
    expect(names(await listUsers(t.db, { ...everything, role: "admin" }, firstPage))).toEqual(["Alice Anders"]);
    expect(names(await listUsers(t.db, { ...everything, role: "customer", search: "corp" }, firstPage))).toEqual(["Erin_Evans"]);
    expect((await listUsers(t.db, { ...everything, role: "analyst", search: "alice" }, firstPage)).total).toBe(0);
  });

  it("counts active users by role, the administrator included", async () => {
    expect(await countUsersByRole(t.db)).toEqual({ admin: 2, analyst: 1, customer: 3 });
  });
});
