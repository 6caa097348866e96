import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isJsonBody, operationErrors, type Operation } from "./contract";
import * as definitions from "./operations";
import { schemaId } from "./openapi";

const apiRoot = path.resolve(import.meta.dirname, "../../app/api/v1");
const byName = definitions as unknown as Record<string, Operation>;

/** Each handler with the definition it passes to apiRoute, its import alias resolved. */
function servedOperations() {
  const served: { route: string; method: string; definition: string }[] = [];
  for (const entry of readdirSync(apiRoot, { recursive: true, encoding: "utf8" })) {
    if (path.basename(entry) !== "route.ts") continue;
    const route = "/api/v1/" + path.dirname(entry).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
    const source = readFileSync(path.join(apiRoot, entry), "utf8");
    const imported = source.match(/import \{([^}]*)\} from "@\/lib\/api\/operations"/)?.[1] ?? "";
    const aliases = new Map(imported.split(",").map((part) => part.trim().split(/\s+as\s+/)).map(([name, alias]) => [alias ?? name, name]));
    for (const [, method, argument] of source.matchAll(/export const (GET|POST|PATCH|DELETE) = apiRoute\((\w+)/g)) {
      served.push({ route, method: method.toLowerCase(), definition: aliases.get(argument) ?? argument });
    }
  }
  return served;
}

describe("the API's operations", () => {
  it("are each served by the handler of their own method and path, through apiRoute", () => {
    const served = servedOperations();
    expect(served).toHaveLength(definitions.operations.length);
    for (const { route, method, definition } of served) {
      expect(byName[definition], `${method} ${route} serves ${definition}`).toMatchObject({ method, path: route });
    }
  });

  it("name every JSON body they take or give, so the document refers to one shape", () => {
    for (const operation of definitions.operations) {
      const bodies = [operation.request, ...Object.values(operation.responses).map((answer) => answer.body)].filter(isJsonBody);
      for (const body of bodies) expect(() => schemaId(body), `${operation.method} ${operation.path}`).not.toThrow();
    }
  });

  it("answer a bad query or Idempotency-Key with VALIDATION_FAILED, and every call may be rate limited", () => {
    expect(operationErrors(definitions.listWallets)).toEqual(["UNAUTHORIZED", "FORBIDDEN", "VALIDATION_FAILED", "RATE_LIMITED"]);
    expect(operationErrors(definitions.bookDeposit)).toContain("VALIDATION_FAILED");
    expect(operationErrors(definitions.openApi)).toEqual(["RATE_LIMITED"]);
  });
});
