import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { schemaText } from "./schema-text";

describe("schemaText", () => {
  it("writes an object's fields, optional ones with ?, references by name", () => {
    expect(
      schemaText({
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          amount: { $ref: "#/components/schemas/Money" },
          note: { anyOf: [{ type: "string" }, { type: "null" }], description: "Free text." },
        },
        required: ["id", "amount"],
      }),
    ).toBe("{\n  id: string /* uuid */;\n  amount: Money;\n  note?: string | null; // Free text.\n}");
  });

  it("writes arrays with their limits, literals and enums", () => {
    expect(schemaText({ type: "array", items: { $ref: "#/components/schemas/Wallet" }, minItems: 1, maxItems: 1000 })).toBe("Wallet[] /* at least 1, at most 1000 */");
    expect(schemaText({ type: "array", items: { enum: ["a", "b"] } })).toBe('("a" | "b")[]');
    expect(schemaText({ const: true })).toBe("true");
  });

  it("writes every component of the API document", () => {
    const { schemas } = openApiDocument().components;
    // Only an error's details are free-form.
    for (const [id, schema] of Object.entries(schemas)) expect(schemaText(schema).replace("details?: unknown;", ""), id).not.toContain("unknown");
    expect(schemaText(schemas.Wallet)).toContain("available: string; // The balance less what pending withdrawals hold.");
  });
});
