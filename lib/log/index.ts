import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import { logLevelSchema, type LogLevel } from "@/lib/config";
import { requestIdFrom } from "./request-id";

export type Log = Logger;

// Keys whose values are secrets wherever they appear in a logged object, down to three levels
// (`body.password`, `req.headers.authorization`).
const secretKeys = [
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
];
export const redactedPaths = secretKeys.flatMap((key) => {
  const path = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  return [path, `*.${path}`, `*.*.${path}`];
});

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
    redact: { paths: redactedPaths, censor: "[redacted]" },
    serializers: { err: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
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
