import { describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { createLogger, log, withLogger } from "./index";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("info", { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("createLogger", () => {
  it("writes one JSON line per call, with the level's name and the request id of a child", () => {
    const { logger, lines } = capture();
    logger.child({ requestId: "req-12345678" }).info({ status: 200 }, "api request");
    expect(lines).toEqual([expect.objectContaining({ level: "info", requestId: "req-12345678", status: 200, msg: "api request" })]);
    expect(typeof lines[0].time).toBe("string");
  });

  it("redacts secrets at the top level and nested in requests and bodies", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: "123456",
        body: { newPassword: "654321", token: "lw_abc" },
        req: { headers: { authorization: "Bearer lw_abc", cookie: "authjs.session-token=x", "set-cookie": "y" } },
        config: { AUTH_SECRET: "s".repeat(32), PAYMENT_PROVIDER_KEY: "k".repeat(24) },
        login: "admin",
      },
      "sign-in",
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ["123456", "654321", "lw_abc", "authjs.session-token", "s".repeat(32), "k".repeat(24)]) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ password: "[redacted]", body: { newPassword: "[redacted]" }, login: "admin" });
  });

  it("redacts in arrays and in a child's bindings, without changing the object logged", () => {
    const { logger, lines } = capture();
    const transfers = [{ token: "lw_first", amount: "1.00" }];
    const request = { body: { login: "ana", password: "123456" } };
    logger.child({ apiKey: "k".repeat(24), caller: "provider" }).info({ transfers, request }, "batch");
    expect(lines[0]).toMatchObject({
      apiKey: "[redacted]",
      caller: "provider",
      transfers: [{ token: "[redacted]", amount: "1.00" }],
      request: { body: { login: "ana", password: "[redacted]" } },
    });
    expect(transfers).toEqual([{ token: "lw_first", amount: "1.00" }]);
    expect(request.body.password).toBe("123456");
  });

  it("logs a failed query's error without its parameters", () => {
    const { logger, lines } = capture();
    const error = new DrizzleQueryError("insert into users (email) values ($1)", ["mia@example.com"], new Error("duplicate key"));
    logger.error({ err: error }, "unhandled API error");
    const line = JSON.stringify(lines[0]);
    expect(line).toContain("insert into users");
    expect(line).not.toContain("mia@example.com");
  });
});

describe("log", () => {
  it("is the request's logger inside withLogger, also after an await", async () => {
    const { logger, lines } = capture();
    const request = logger.child({ requestId: "req-abcdefgh" });
    await withLogger(request, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log().info("inside");
    });
    expect(lines).toEqual([expect.objectContaining({ requestId: "req-abcdefgh", msg: "inside" })]);
  });

  it("gives work outside a request an id of its own", () => {
    const first = log().bindings();
    const second = log().bindings();
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.requestId).not.toBe(first.requestId);
  });
});
