import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "analyst", "customer"]);
export type UserRole = (typeof userRole.enumValues)[number];

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    // Only the seeded administrator has a username ("Admin"); everyone else signs in by email.
    username: text(),
    email: text().notNull(),
    role: userRole().notNull(),
    passwordHash: text().notNull(),
    // The seeded administrator: never listed, edited or deleted.
    isSystem: boolean().notNull().default(false),
    failedAttempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    // Bumped whenever existing sessions must stop working (password reset, deletion).
    sessionVersion: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // A deleted user's email may be given to a new account; history keeps the old row.
    uniqueIndex("users_email_active_idx").on(sql`lower(${t.email})`).where(sql`${t.deletedAt} is null`),
    uniqueIndex("users_username_idx").on(sql`lower(${t.username})`),
    index("users_created_at_idx").on(t.createdAt),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: createdAt(),
    ip: text().notNull(),
    login: text().notNull(),
    userId: uuid().references(() => users.id),
    succeeded: boolean().notNull(),
  },
  (t) => [index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: createdAt(),
    actorId: uuid().references(() => users.id),
    // What identified the actor when there is no user row (a failed sign-in's login).
    actorLabel: text().notNull(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_action_at_idx").on(t.action, t.at)],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

export const apiTokenKind = pgEnum("api_token_kind", ["session", "personal"]);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: apiTokenKind().notNull(),
    name: text().notNull(),
    // SHA-256 of the token: the token itself is shown once and never stored.
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    createdAt: createdAt(),
    to: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
  },
  (t) => [index("outbox_messages_created_at_idx").on(t.createdAt)],
);
export type OutboxMessage = typeof outboxMessages.$inferSelect;
