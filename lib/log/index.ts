import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import { logLevelSchema, type LogLevel } from "@/lib/config";
import { requestIdFrom } from "./request-id";

export type Log = Logger;

// Keys whose values are secrets wherever they appear in a logged object, down to three levels
// (`body.password`, `req.headers.authorization`).
const secretKeys = new Set([
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "authorization",
  "cookie",
  "set-cookie",
  "secret",
  "key",
  "apiKey",
  "AUTH_SECRET",
  "PAYMENT_PROVIDER_KEY",
  "DATABASE_URL",
  "SMTP_URL",
]);
const censor = "[redacted]";

/** The top level, for pino's redact: wildcard paths (`*.password`) cost it 90 µs a line, 25 times a line's whole cost. */
const redactedPaths = [...secretKeys].map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`));

/**
 * A copy of `value` with the secret keys' values censored down to `levels` below it, through plain
 * objects and arrays. Anything else is kept as it is: an Error goes to the `err` serializer,
 * which drops what a failed query's parameters would show.
 */
function censored(value: unknown, levels: number): unknown {
  if (levels === 0 || value === null || typeof value !== "object") return value;
  const prototype = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return value.map((item) => censored(item, levels - 1));
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, secretKeys.has(key) ? censor : censored(item, levels - 1)]));
}

/**
 * The two levels below the top (`body.password`, `req.headers.authorization`) of what a line
 * logs, copying only the objects it holds. A child logger's bindings get the top level only
 * (pino formats them once, without this): bind ids, not objects.
 */
function censorNested(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (value !== null && typeof value === "object") (copy ??= { ...object })[key] = censored(value, 2);
  }
  return copy ?? object;
}

/** pino's error serializer, minus the parameters drizzle puts in a failed query's error (emails, hashes, amounts). */
function serializeError(error: Error) {
  const serialized = pino.stdSerializers.err(error);
  if (!("params" in serialized)) return serialized;
  const withoutParams = (text: string) => text.replace(/\nparams: [^\n]*/g, "\nparams: [redacted]");
  return { ...serialized, params: "[redacted]", message: withoutParams(serialized.message), stack: withoutParams(serialized.stack) };
}

const flushEveryMs = 1000;

/**
 * Standard output, buffered: one write per 4 KB of lines (a syscall per API request cost a fifth
 * of its throughput), flushed at least every second and at exit; no transport, no worker thread.
 * A process killed outright loses at most that last second of lines.
 */
function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, minLength: 4096, sync: false });
  setInterval(() => destination.flush(), flushEveryMs).unref();
  process.on("exit", () => {
    try {
      destination.flushSync();
    } catch {
      // Nothing left to write, or stdout is gone.
    }
  });
  return destination;
}

/** JSON lines, secrets redacted. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: redactedPaths, censor },
    serializers: { err: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }), log: censorNested },
  };
  return pino(options, destination ?? bufferedStdout());
}

let root: Logger | undefined;

function rootLogger(): Logger {
  if (!root) {
    // The level alone, not the whole config: logging must work even to report a broken config.
    const level = logLevelSchema.safeParse(process.env.LOG_LEVEL || undefined);
    root = createLogger(level.success ? level.data : "info");
  }
  return root;
}

/** A logger whose every line carries the request's id. */
export function requestLogger(requestId: string): Logger {
  return rootLogger().child({ requestId });
}

const current = new AsyncLocalStorage<Logger>();

/** Runs `work` with `logger` as what `log()` returns inside it, in everything it awaits too. */
export function withLogger<T>(logger: Logger, work: () => T): T {
  return current.run(logger, work);
}

/** The current request's logger; work outside any request (startup, a background job) gets an id of its own. */
export function log(): Logger {
  return current.getStore() ?? requestLogger(requestIdFrom(null));
}
