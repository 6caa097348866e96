import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, parseMigrationConfig } from "./config";

const minimal = {
  DATABASE_URL: "postgres://user:secret@localhost:5432/ledgerwatch",
  AUTH_SECRET: "x".repeat(32),
};

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("parseConfig accepted an invalid environment");
}

describe("parseConfig", () => {
  it("accepts a minimal environment and applies the defaults", () => {
    expect(parseConfig(minimal)).toEqual({
      ...minimal,
      NODE_ENV: "development",
      DATABASE_PREPARED_STATEMENTS: true,
      MAIL_FROM: "Ledgerwatch <no-reply@ledgerwatch.local>",
      APP_URL: "http://localhost:3000",
      BCRYPT_COST: 10,
      LOCKOUT_MAX_ATTEMPTS: 5,
      LOCKOUT_MINUTES: 15,
      IP_MAX_FAILURES: 30,
      IP_WINDOW_MINUTES: 15,
      WITHDRAWAL_HOLD_MINUTES: 1440,
      REVIEW_HOURS: 48,
      RATE_LIMIT_IP_PER_MINUTE: 1200,
      RATE_LIMIT_TOKEN_PER_MINUTE: 600,
      API_TOKEN_TTL_MINUTES: 15,
      MAX_UPLOAD_BYTES: 1024 ** 3,
      IMPORT_BODY_IDLE_SECONDS: 10,
      IMPORT_MIN_BYTES_PER_SECOND: 10240,
      IMPORT_MAX_CONCURRENT_PER_USER: 2,
      IMPORT_MAX_CONCURRENT: 4,
      IMPORT_DATABASE_POOL_SIZE: 2,
      LOG_LEVEL: "info",
    });
    expect(parseConfig(minimal).SMTP_URL).toBeUndefined();
  });

  it("refuses import limits that are not positive whole numbers", () => {
    expect(() => parseConfig({ ...minimal, IMPORT_BODY_IDLE_SECONDS: "0" })).toThrow(/IMPORT_BODY_IDLE_SECONDS/);
    expect(() => parseConfig({ ...minimal, IMPORT_MAX_CONCURRENT: "many" })).toThrow(/IMPORT_MAX_CONCURRENT/);
    expect(() => parseConfig({ ...minimal, IMPORT_DATABASE_POOL_SIZE: "1.5" })).toThrow(/IMPORT_DATABASE_POOL_SIZE/);
  });

  it("accepts postgresql:// and reads numbers and SMTP from strings", () => {
    const config = parseConfig({
      ...minimal,
      DATABASE_URL: "postgresql://localhost/ledgerwatch",
      NODE_ENV: "production",
      SMTP_URL: "smtps://user:pass@mail.example.com:465",
      BCRYPT_COST: "12",
      LOCKOUT_MAX_ATTEMPTS: "3",
      IP_WINDOW_MINUTES: "5",
    });
    expect(config.DATABASE_URL).toBe("postgresql://localhost/ledgerwatch");
    expect(config.NODE_ENV).toBe("production");
    expect(config.SMTP_URL).toBe("smtps://user:pass@mail.example.com:465");
    expect(config.BCRYPT_COST).toBe(12);
    expect(config.LOCKOUT_MAX_ATTEMPTS).toBe(3);
    expect(config.IP_WINDOW_MINUTES).toBe(5);
  });

  it("ignores unrelated variables", () => {
    expect(parseConfig({ ...minimal, PATH: "/usr/bin", HOME: "/root" })).not.toHaveProperty("PATH");
  });

  it.each([
    ["missing", undefined],
    ["not a URL", "localhost:5432"],
    ["another protocol", "mysql://localhost/ledgerwatch"],
  ])("rejects a DATABASE_URL that is %s, naming the variable", (_, value) => {
    const error = configError({ ...minimal, DATABASE_URL: value });
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).not.toContain("AUTH_SECRET");
  });

  it("rejects a short AUTH_SECRET, naming the variable", () => {
    const error = configError({ ...minimal, AUTH_SECRET: "x".repeat(31) });
    expect(error.message).toContain("AUTH_SECRET");
    expect(error.message).toContain("32");
    expect(error.message).not.toContain("DATABASE_URL");
  });

  it("refuses a webhook URL without the secret that signs its deliveries", () => {
    expect(configError({ ...minimal, WEBHOOK_URL: "https://platform.example/hooks" }).message).toContain("WEBHOOK_SECRET");
    expect(parseConfig({ ...minimal, WEBHOOK_URL: "https://platform.example/hooks", WEBHOOK_SECRET: "s".repeat(24) }).WEBHOOK_URL).toBe("https://platform.example/hooks");
  });

  it("lists every problem at once", () => {
    const error = configError({ AUTH_SECRET: "short", SMTP_URL: "http://mail", BCRYPT_COST: "4" });
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "SMTP_URL", "BCRYPT_COST"]) expect(error.message).toContain(name);
  });

  it("rejects out-of-range numbers", () => {
    expect(configError({ ...minimal, BCRYPT_COST: "9" }).message).toContain("BCRYPT_COST");
    expect(configError({ ...minimal, BCRYPT_COST: "16" }).message).toContain("BCRYPT_COST");
    expect(configError({ ...minimal, LOCKOUT_MAX_ATTEMPTS: "0" }).message).toContain("LOCKOUT_MAX_ATTEMPTS");
    expect(configError({ ...minimal, IP_MAX_FAILURES: "lots" }).message).toContain("IP_MAX_FAILURES");
  });

  it("treats empty strings as unset", () => {
    const config = parseConfig({ ...minimal, SMTP_URL: "", BCRYPT_COST: "", MAIL_FROM: "", NODE_ENV: "" });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.BCRYPT_COST).toBe(10);
    expect(config.MAIL_FROM).toBe("Ledgerwatch <no-reply@ledgerwatch.local>");
    expect(config.NODE_ENV).toBe("development");
    // An empty required variable is as missing as an absent one.
    expect(configError({ ...minimal, DATABASE_URL: "" }).message).toContain("DATABASE_URL");
  });

  it("turns prepared statements off for a transaction pooler, and refuses anything but a yes or a no", () => {
    expect(parseConfig({ ...minimal, DATABASE_PREPARED_STATEMENTS: "false" }).DATABASE_PREPARED_STATEMENTS).toBe(false);
    expect(parseConfig({ ...minimal, DATABASE_PREPARED_STATEMENTS: "true" }).DATABASE_PREPARED_STATEMENTS).toBe(true);
    expect(configError({ ...minimal, DATABASE_PREPARED_STATEMENTS: "pgbouncer" }).message).toContain("DATABASE_PREPARED_STATEMENTS");
  });
});

describe("parseMigrationConfig", () => {
  it("needs only the database: the app's secrets are not the migration's business", () => {
    expect(parseMigrationConfig({ DATABASE_URL: minimal.DATABASE_URL, DATABASE_PREPARED_STATEMENTS: "false", AUTH_SECRET: "short" })).toEqual({
      DATABASE_URL: minimal.DATABASE_URL,
      DATABASE_PREPARED_STATEMENTS: false,
      BCRYPT_COST: 10,
    });
  });

  it("refuses to run without a database, naming the variable", () => {
    expect(() => parseMigrationConfig({})).toThrow(/DATABASE_URL/);
  });
});
