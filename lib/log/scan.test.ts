import { describe, expect, it } from "vitest";
import { scanLog } from "./scan";

const requestLine = JSON.stringify({ level: "info", requestId: "3f1c2b9e-1d2a-4f4e-9c1b-123456789012", method: "GET", path: "/api/v1/wallets", status: 200, ms: 12, msg: "api request" });

describe("scanLog", () => {
  it("passes a clean log, counting the request lines and ignoring the framework's plain text", () => {
    const log = ["▲ Next.js 16", requestLine, JSON.stringify({ level: "info", requestId: "r-12345678", msg: "signed in" }), ""].join("\n");
    expect(scanLog(log, ["123999", "e2e-payment-provider-key-0123456789"])).toEqual({ jsonLines: 2, requestLines: 1, problems: [] });
  });

  it("finds a planted password, key and token, without repeating them in the report", () => {
    const token = "lw_" + "A".repeat(43);
    const log = [
      JSON.stringify({ requestId: "r-12345678", login: "admin", password: "123999" }),
      `{"requestId":"r-12345678","msg":"called with e2e-payment-provider-key-0123456789"}`,
      JSON.stringify({ requestId: "r-12345678", header: `Bearer ${token}` }),
    ].join("\n");
    const { problems } = scanLog(log, ["123999", "e2e-payment-provider-key-0123456789"]);
    expect(problems.map((problem) => problem.split(":")[0])).toEqual(["line 1", "line 2", "line 3", "line 3"]);
    expect(problems.join("\n")).not.toContain("123999");
    expect(problems.join("\n")).not.toContain("e2e-payment");
  });

  it("finds a refresh token and a password reset link", () => {
    const log = [
      JSON.stringify({ requestId: "r-12345678", body: { refreshToken: "lwr_" + "B".repeat(43) } }),
      JSON.stringify({ requestId: "r-12345678", msg: "GET /reset-password?token=abc" }),
    ].join("\n");
    expect(scanLog(log, []).problems.map((problem) => problem.split(":")[0])).toEqual(["line 1", "line 2"]);
  });

  it("does not mistake the same digits inside an id, a timestamp or a longer number for a password", () => {
    const log = [requestLine, JSON.stringify({ requestId: "r-12345678", time: "2026-01-23T12:34:56.789Z", count: 91234567 })].join("\n");
    expect(scanLog(log, ["123456", "234567"]).problems).toEqual([]);
  });

  it("reports a JSON line without a requestId and a broken one", () => {
    const { problems } = scanLog([JSON.stringify({ level: "error", msg: "oops" }), "{not json"].join("\n"), []);
    expect(problems).toEqual(["line 1: no requestId", "line 2: not valid JSON"]);
  });
});
