import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

const document = openApiDocument();
const apiRoot = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every route handler under app/api/v1, as OpenAPI path and method: `[id]` folders become `{id}`. */
function routeHandlers(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(apiRoot, { recursive: true, encoding: "utf8" })) {
    if (path.basename(entry) !== "route.ts") continue;
    const route = "/api/v1/" + path.dirname(entry).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
    const source = readFileSync(path.join(apiRoot, entry), "utf8");
    for (const [, method] of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
      found.push(`${method.toLowerCase()} ${route}`);
    }
  }
  return found.sort();
}

const documented = () =>
  Object.entries(document.paths)
    .flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method} ${route}`))
    .sort();

const jsonSchemaTypes = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
const keywords = new Set([
  "type", "properties", "required", "items", "prefixItems", "additionalProperties", "anyOf", "oneOf", "allOf", "not", "enum", "const",
  "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
  "multipleOf", "default", "description", "title", "$ref", "discriminator", "readOnly", "writeOnly", "examples", "propertyNames",
]);

/** The problems with a schema as JSON Schema 2020-12: unknown keywords, bad types, dangling references. */
function schemaProblems(schema: unknown, where: string, schemas: Record<string, unknown>): string[] {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return [`${where} is not a schema object`];
  const problems: string[] = [];
  for (const [keyword, value] of Object.entries(schema)) {
    if (!keywords.has(keyword)) problems.push(`${where} has unknown keyword ${keyword}`);
    if (keyword === "type" && ![value].flat().every((type) => jsonSchemaTypes.has(type))) problems.push(`${where} has type ${value}`);
    if (keyword === "$ref" && !(typeof value === "string" && value.replace("#/components/schemas/", "") in schemas)) problems.push(`${where} refers to ${value}`);
    if (keyword === "pattern") expect(() => new RegExp(value as string, "u"), `${where}.pattern`).not.toThrow();
    if (keyword === "required") {
      const properties = (schema as { properties?: object }).properties ?? {};
      for (const name of value as string[]) if (!(name in properties)) problems.push(`${where} requires ${name}, which it doesn't define`);
    }
    if (keyword === "properties") {
      for (const [name, child] of Object.entries(value as object)) problems.push(...schemaProblems(child, `${where}.${name}`, schemas));
    }
    if (keyword === "items" || keyword === "not" || (keyword === "additionalProperties" && typeof value === "object")) {
      problems.push(...schemaProblems(value, `${where}.${keyword}`, schemas));
    }
    if (keyword === "anyOf" || keyword === "oneOf" || keyword === "allOf" || keyword === "prefixItems") {
      (value as unknown[]).forEach((child, i) => problems.push(...schemaProblems(child, `${where}.${keyword}[${i}]`, schemas)));
    }
  }
  return problems;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with JSON Schema 2020-12", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it("documents every route handler under app/api/v1, and nothing else", () => {
    const handlers = routeHandlers();
    expect(handlers.length).toBeGreaterThanOrEqual(20);
    expect(handlers).toContain("post /api/v1/transfers/batch");
    expect(handlers).toContain("post /api/v1/provider/withdrawals/{id}/settle");
    expect(documented()).toEqual(handlers);
  });

  it("has component schemas that are valid JSON Schema, with every reference resolved", () => {
    const schemas = document.components.schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["Wallet", "TransferRequest", "TransferResult", "BatchRequest", "BatchResult", "Error"]));
    for (const [id, schema] of Object.entries(schemas)) expect(schemaProblems(schema, id, schemas), id).toEqual([]);
    for (const [route, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods as Record<string, { parameters: { schema: unknown }[]; requestBody?: { content: object }; responses: object }>)) {
        const where = `${method} ${route}`;
        const bodies = [operation.requestBody, ...Object.values(operation.responses)].flatMap((part) =>
          Object.values((part as { content?: object } | undefined)?.content ?? {}).map((media) => (media as { schema: unknown }).schema),
        );
        for (const schema of [...operation.parameters.map((parameter) => parameter.schema), ...bodies]) {
          expect(schemaProblems(schema, where, schemas), where).toEqual([]);
        }
      }
    }
  });

  it("describes the shapes the issue names", () => {
    const { Wallet, TransferResult, BatchRequest } = document.components.schemas as Record<string, { properties: Record<string, unknown>; required: string[] }>;
    expect(Wallet.required.sort()).toEqual(["accountNumber", "available", "balance", "currency", "id"]);
    expect(Object.keys(TransferResult.properties).sort()).toEqual(["credited", "debited", "fee", "id", "rate", "status"]);
    expect(BatchRequest.properties.transfers).toMatchObject({ minItems: 1, maxItems: 1000 });
  });

  it("gives each operation its auth, a success answer and its errors", () => {
    const transfer = document.paths["/api/v1/transfers"].post as {
      security: object[];
      parameters: { name: string; in: string; required: boolean }[];
      responses: Record<string, { description: string }>;
    };
    expect(transfer.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(transfer.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: true }));
    expect(Object.keys(transfer.responses)).toEqual(["201", "202", "401", "403", "404", "409", "413", "422", "423", "429"]);
    expect(transfer.responses["413"].description).toContain("PAYLOAD_TOO_LARGE");
    expect(transfer.responses["429"]).toMatchObject({ description: expect.stringContaining("RATE_LIMITED"), headers: { "Retry-After": expect.any(Object) } });
    expect(transfer.responses["422"].description).toContain("INSUFFICIENT_FUNDS");
    expect(transfer.responses["403"].description).toContain("TRANSFER_BLOCKED");
    expect(transfer.responses["409"].description).toContain("IDEMPOTENCY_CONFLICT");

    const settle = document.paths["/api/v1/provider/withdrawals/{id}/settle"].post as { security: object[] };
    expect(settle.security).toEqual([{ providerKey: [] }]);
    for (const methods of Object.values(document.paths)) {
      for (const operation of Object.values(methods) as { responses: object; operationId: string }[]) {
        expect(Object.keys(operation.responses).some((status) => status.startsWith("2")), operation.operationId).toBe(true);
      }
    }
  });
});
