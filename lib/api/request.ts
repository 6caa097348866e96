import { z } from "zod";
import { idempotencyKeySchema } from "@/lib/ledger/idempotency";
import { readBodyText } from "./body";

/** A request the client got wrong before any domain rule ran: a 422 with the field problems. */
export class ApiValidationError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Reads and validates a JSON body; an oversized one is a 413, a malformed or invalid one a 422 with the field problems. */
export async function parseJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> {
  const text = await readBodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiValidationError("The request body must be valid JSON.");
  }
  const parsed = await schema.safeParseAsync(body);
  if (!parsed.success) throw new ApiValidationError("The request body is invalid.", z.flattenError(parsed.error).fieldErrors);
  return parsed.data;
}

/** Reads and validates the query string; an invalid one becomes a 422 with the parameter problems. */
export function parseQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.output<Schema> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new ApiValidationError("The query parameters are invalid.", z.flattenError(parsed.error).fieldErrors);
  return parsed.data;
}

/** The request's Idempotency-Key header, which every request that moves money must carry. */
export function idempotencyKey(request: Request): string {
  const parsed = idempotencyKeySchema.safeParse(request.headers.get("idempotency-key") ?? "");
  if (!parsed.success) throw new ApiValidationError(parsed.error.issues[0].message, { "Idempotency-Key": parsed.error.issues.map((issue) => issue.message) });
  return parsed.data;
}
