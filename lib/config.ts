import { z } from "zod";
import { parseTrustedProxies } from "./http/forwarded";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");
export type LogLevel = z.infer<typeof logLevelSchema>;

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }),
  // Off behind a transaction pooler (PgBouncer in transaction mode, Supabase's or Neon's pooler):
  // a statement prepared on one server connection is unknown on the next one the pooler picks.
  DATABASE_PREPARED_STATEMENTS: z.stringbool({ error: "must be true or false" }).default(true),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try `openssl rand -base64 32`)"),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("Ledgerwatch <no-reply@ledgerwatch.local>"),
  APP_URL: z.url().default("http://localhost:3000"),
  BCRYPT_COST: z.coerce.number().int().min(10).max(15).default(10),
  LOCKOUT_MAX_ATTEMPTS: positiveInt(5),
  LOCKOUT_MINUTES: positiveInt(15),
  IP_MAX_FAILURES: positiveInt(30),
  IP_WINDOW_MINUTES: positiveInt(15),
  API_TOKEN_TTL_MINUTES: positiveInt(15),
  MAX_UPLOAD_BYTES: positiveInt(1024 ** 3),
  // An import body is spooled to a temporary file before it touches the database; a body idle
  // this long, or slower on average than the minimum rate once the idle time has passed, is a 408.
  IMPORT_BODY_IDLE_SECONDS: positiveInt(10),
  IMPORT_MIN_BYTES_PER_SECOND: positiveInt(10 * 1024),
  // Imports in flight per server process, per user and in all; over that a 429 before the body is read.
  IMPORT_MAX_CONCURRENT_PER_USER: positiveInt(2),
  IMPORT_MAX_CONCURRENT: positiveInt(4),
  // The connections imports write with: a pool of their own, so the rest of the app keeps its pool.
  IMPORT_DATABASE_POOL_SIZE: positiveInt(2),
  // The payment provider's bearer key; unset, the provider endpoints refuse every call.
  PAYMENT_PROVIDER_KEY: z.string().min(24, "must be at least 24 characters").optional(),
  WITHDRAWAL_HOLD_MINUTES: positiveInt(24 * 60),
  // A case screening opened that nobody has decided within this many hours escalates on the dashboard.
  REVIEW_HOURS: positiveInt(48),
  // Where the platform hears about each screening decision (held, released, rejected); unset, events are kept but not sent.
  WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  // The HMAC-SHA256 key that signs each webhook delivery (X-Ledgerwatch-Signature).
  WEBHOOK_SECRET: z.string().min(24, "must be at least 24 characters").optional(),
  LOG_LEVEL: logLevelSchema,
  // API requests per minute, counted in PostgreSQL across every instance: per client address,
  // and per caller (bearer token, session user or the payment provider).
  RATE_LIMIT_IP_PER_MINUTE: positiveInt(1200),
  RATE_LIMIT_TOKEN_PER_MINUTE: positiveInt(600),
  // Proxies (addresses or CIDRs) whose X-Forwarded-* headers the server believes; none by default,
  // so the client is the socket's peer. Applied by scripts/server-hook.ts, validated here.
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, context) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
});

// Webhooks are never sent unsigned: a URL without its secret is a configuration error.
const appConfigSchema = configSchema.refine((config) => !config.WEBHOOK_URL || config.WEBHOOK_SECRET, {
  path: ["WEBHOOK_SECRET"],
  message: "is required when WEBHOOK_URL is set",
});

export type Config = z.infer<typeof configSchema>;

/** What the one-shot migration needs: the app's secrets and mail settings are not its business. */
const migrationConfigSchema = configSchema.pick({ DATABASE_URL: true, DATABASE_PREPARED_STATEMENTS: true, BCRYPT_COST: true });

export type MigrationConfig = z.infer<typeof migrationConfigSchema>;

export class ConfigError extends Error {}

function parseWith<Schema extends z.ZodType>(schema: Schema, env: Record<string, string | undefined>): z.infer<Schema> {
  // An empty variable (`SMTP_URL=` in a .env file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  return result.data;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseWith(appConfigSchema, env);
}

export function parseMigrationConfig(env: Record<string, string | undefined>): MigrationConfig {
  return parseWith(migrationConfigSchema, env);
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
