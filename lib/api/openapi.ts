import { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import { accessText, isJsonBody, operationErrors, type Access, type Answer, type Operation } from "./contract";
import { statusByCode } from "./errors";
import { operations } from "./operations";
import { namedSchemas } from "./schemas";

type JsonSchema = Record<string, unknown>;

const componentRef = (id: string) => `#/components/schemas/${id}`;

/** `.describe()` keeps descriptions in zod's global registry, which a conversion of our own registry doesn't read. */
function withDescriptions(ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }) {
  const description = z.globalRegistry.get(ctx.zodSchema)?.description;
  if (description && !ctx.jsonSchema.description) ctx.jsonSchema.description = description;
}

/** A schema inside the document: the document names the dialect, and components are found by their key. */
function embedded(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([keyword]) => keyword !== "$schema" && keyword !== "$id"));
}

function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(namedSchemas)) registry.add(schema, { id });
  // Requests are described as clients send them (before defaults and coercion).
  const { schemas } = z.toJSONSchema(registry, { uri: componentRef, io: "input", override: withDescriptions });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, embedded(schema as JsonSchema)]));
}

const retryAfter = {
  "Retry-After": { description: "Seconds until the current one-minute window ends.", schema: { type: "integer", minimum: 1, maximum: 60 } },
};

function security(access: Access) {
  if (access === "public" || access === "credentials") return [];
  if (access === "provider") return [{ providerKey: [] }];
  return [{ bearerToken: [] }, { sessionCookie: [] }];
}

function parameters(operation: Operation) {
  const path = Object.entries(operation.pathParams ?? {}).map(([name, description]) => ({
    name,
    in: "path",
    required: true,
    description,
    schema: { type: "string" },
  }));
  const query = Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => {
    const { description, ...rest } = embedded(z.toJSONSchema(schema as z.ZodType, { io: "input", override: withDescriptions }) as JsonSchema);
    return { name, in: "query", required: !(schema as z.ZodType).safeParse(undefined).success, description, schema: rest };
  });
  const headers = operation.idempotent
    ? [
        {
          name: "Idempotency-Key",
          in: "header",
          required: true,
          description: "A unique string per request (a UUID, say), sent again only to retry the same request.",
          schema: { type: "string", minLength: 1, maxLength: 200 },
        },
      ]
    : [];
  return [...path, ...query, ...headers];
}

const schemaIds = new Map<z.ZodType, string>(Object.entries(namedSchemas).map(([id, schema]) => [schema, id]));

/** The component name of an operation's body schema: every one is named, so the document refers to it. */
export function schemaId(schema: z.ZodType): string {
  const id = schemaIds.get(schema);
  if (!id) throw new Error("An operation's body schema is missing from namedSchemas in lib/api/schemas.ts.");
  return id;
}

function content(body: NonNullable<Answer["body"]>) {
  if (isJsonBody(body)) return { "application/json": { schema: { $ref: componentRef(schemaId(body)) } } };
  return Object.fromEntries(body.contentTypes.map((type) => [type, { schema: { type: "string" } }]));
}

function responses(operation: Operation) {
  const answers: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    answers[status] = { description: response.description, ...(response.body ? { content: content(response.body) } : {}) };
  }
  const codesByStatus = new Map<number, ErrorCode[]>();
  for (const code of operationErrors(operation)) codesByStatus.set(statusByCode[code], [...(codesByStatus.get(statusByCode[code]) ?? []), code]);
  for (const [status, codes] of [...codesByStatus].sort(([a], [b]) => a - b)) {
    answers[String(status)] = {
      description: `error.code is ${codes.join(" or ")}.`,
      ...(codes.includes("RATE_LIMITED") ? { headers: retryAfter } : {}),
      content: { "application/json": { schema: { $ref: componentRef("Error") } } },
    };
  }
  return answers;
}

const operationId = (operation: Operation) =>
  operation.method +
  operation.path
    .replace(/^\/api\/v1/, "")
    .split(/[/.{}-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");

/** The API's OpenAPI 3.1 document, generated from the operations' definitions, which the handlers serve. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = {
      operationId: operationId(operation),
      tags: [operation.tag],
      summary: operation.summary,
      description: [operation.description, accessText[operation.access]].filter(Boolean).join("\n\n"),
      security: security(operation.access),
      parameters: parameters(operation),
      ...(operation.request ? { requestBody: { required: true, content: content(operation.request) } } : {}),
      responses: responses(operation),
    };
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Ledgerwatch API",
      version: "1",
      description:
        "Amounts are decimal strings in the currency's minor units (\"10.50\" BRL, \"1000\" JPY), never numbers. " +
        'Errors answer { "error": { "code", "message" } } with the status of their code. ' +
        'Every list answers { "data", "page", "size", "total" }: ask for ?page= (from 1) and ?size= (10, 25, 50 or 100; 25 by default).',
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "From POST /api/v1/auth/token, or a personal API token made in the app." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The app's sign-in session." },
        providerKey: { type: "http", scheme: "bearer", description: "The payment provider's key (PAYMENT_PROVIDER_KEY)." },
      },
    },
  };
}

export { operationErrors };
export type OpenApiDocument = ReturnType<typeof openApiDocument>;
