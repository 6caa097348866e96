import { z } from "zod";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try `openssl rand -base64 32`)"),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("Ledgerwatch <no-reply@ledgerwatch.local>"),
  APP_URL: z.url().default("http://localhost:3000"),
  BCRYPT_COST: z.coerce.number().int().min(10).max(15).default(10),
  LOCKOUT_MAX_ATTEMPTS: positiveInt(5),
  LOCKOUT_MINUTES: positiveInt(15),
  IP_MAX_FAILURES: positiveInt(30),
  IP_WINDOW_MINUTES: positiveInt(15),
  API_TOKEN_TTL_MINUTES: positiveInt(60),
  MAX_UPLOAD_BYTES: positiveInt(1024 ** 3),
  // The payment provider's bearer key; unset, the provider endpoints refuse every call.
  PAYMENT_PROVIDER_KEY: z.string().min(24, "must be at least 24 characters").optional(),
  WITHDRAWAL_HOLD_MINUTES: positiveInt(24 * 60),
  // API requests per minute, counted in PostgreSQL across every instance: per client address,
  // and per caller (bearer token, session user or the payment provider).
  RATE_LIMIT_IP_PER_MINUTE: positiveInt(1200),
  RATE_LIMIT_TOKEN_PER_MINUTE: positiveInt(600),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`SMTP_URL=` in a .env file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  return result.data;
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
