type JsonSchema = Record<string, unknown>;

const refName = (ref: string) => ref.split("/").at(-1)!;

/**
 * A JSON Schema written as a reader of TypeScript expects it, for the docs page:
 * `{ id: string; note?: string | null }`, a named component by its name.
 */
export function schemaText(schema: JsonSchema, indent = ""): string {
  if (typeof schema.$ref === "string") return refName(schema.$ref);
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (Array.isArray(schema.anyOf ?? schema.oneOf)) {
    return ((schema.anyOf ?? schema.oneOf) as JsonSchema[]).map((option) => schemaText(option, indent)).join(" | ");
  }
  if (schema.type === "array") {
    const items = schemaText((schema.items ?? {}) as JsonSchema, indent);
    const limits = [schema.minItems !== undefined && `at least ${schema.minItems}`, schema.maxItems !== undefined && `at most ${schema.maxItems}`].filter(Boolean);
    return `${items.includes(" | ") ? `(${items})` : items}[]${limits.length ? ` /* ${limits.join(", ")} */` : ""}`;
  }
  if (schema.type === "object" && schema.properties) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const inner = `${indent}  `;
    const lines = Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, property]) => {
      const note = property.description ? ` // ${property.description}` : "";
      return `${inner}${name}${required.has(name) ? "" : "?"}: ${schemaText(property, inner)};${note}`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  if (schema.type === "object") return "object";
  if (schema.type === "string" && schema.format === "date-time") return "string /* date-time */";
  if (schema.type === "string" && schema.format === "uuid") return "string /* uuid */";
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  return typeof schema.type === "string" ? schema.type : "unknown";
}
