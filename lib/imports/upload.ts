import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ImportFormat } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { ImportFileError } from "./errors";
import { formatBytes } from "./format";

/** The file name from `?filename=` or the Content-Disposition header. */
export function uploadFileName(url: URL, contentDisposition: string | null): string {
  const fromQuery = url.searchParams.get("filename");
  if (fromQuery) return cleanFileName(fromQuery);
  if (contentDisposition) {
    const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition);
    if (encoded) {
      try {
        return cleanFileName(decodeURIComponent(encoded[1]));
      } catch {
        // A malformed encoding: fall back to the plain parameter.
      }
    }
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(contentDisposition);
    if (plain) return cleanFileName(plain[1] ?? plain[2]);
  }
  return "upload";
}

function cleanFileName(name: string): string {
  // Keep the base name only, without control characters, at a sane length.
  const base = name.split(/[\\/]/).at(-1)!.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return base.slice(0, 255) || "upload";
}

/** CSV or XML, from the Content-Type, or from the file name when the type says nothing. */
export function uploadFormat(contentType: string | null, fileName: string): ImportFormat {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  if (type === "text/csv" || type === "application/csv") return "csv";
  if (type === "application/xml" || type === "text/xml") return "xml";
  if (type === "" || type === "application/octet-stream" || type === "text/plain") {
    const extension = fileName.toLowerCase().split(".").at(-1);
    if (extension === "csv") return "csv";
    if (extension === "xml") return "xml";
  }
  throw new ImportFileError("UNSUPPORTED_FORMAT", "Upload a .csv or .xml file (Content-Type text/csv or application/xml).");
}

export type BodyLimits = {
  maxBytes: number;
  /** No byte for this long is a timeout; it is also the grace period before the minimum rate applies. */
  idleMs: number;
  minBytesPerSecond: number;
};

/** The body stalled or trickled in: the client is answered 408 and nothing is imported. */
export class BodyTimeoutError extends DomainError {
  constructor(readonly reason: "idle" | "slow", readonly receivedBytes: number) {
    super(
      "REQUEST_TIMEOUT",
      reason === "idle" ? "The upload stopped sending data. Nothing was imported; try again." : "The upload was too slow. Nothing was imported; try again.",
    );
  }
}

/**
 * The time by which more bytes must have come: the idle limit after the last byte, and the point at
 * which the average rate since the start would fall under the minimum (never before the grace period).
 */
export function bodyDeadline(limits: BodyLimits, startedAt: number, lastByteAt: number, received: number): { at: number; reason: "idle" | "slow" } {
  const idle = lastByteAt + limits.idleMs;
  const slow = startedAt + Math.max(limits.idleMs, (received / limits.minBytesPerSecond) * 1000);
  return slow < idle ? { at: slow, reason: "slow" } : { at: idle, reason: "idle" };
}

/**
 * Receives a request body into a temporary file, enforcing the size, idle and rate limits, then
 * hands `use` the file's chunks: no database connection waits on a slow client. The file is
 * deleted whatever happens.
 */
export async function withSpooledBody<T>(
  body: ReadableStream<Uint8Array>,
  limits: BodyLimits,
  consume: (chunks: AsyncIterable<Uint8Array>, bytes: number) => Promise<T>,
): Promise<T> {
  const directory = await mkdtemp(path.join(tmpdir(), "ledgerwatch-import-"));
  const file = path.join(directory, "body");
  try {
    const bytes = await spool(body, file, limits);
    return await consume(createReadStream(file), bytes);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function spool(body: ReadableStream<Uint8Array>, file: string, limits: BodyLimits): Promise<number> {
  const reader = body.getReader();
  const out = await open(file, "w");
  const startedAt = Date.now();
  let lastByteAt = startedAt;
  let received = 0;
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      const deadline = bodyDeadline(limits, startedAt, lastByteAt, received);
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BodyTimeoutError(deadline.reason, received)), Math.max(0, deadline.at - Date.now()));
      });
      const next = await Promise.race([reader.read(), timedOut]);
      clearTimeout(timer);
      if (next.done) {
        done = true;
        return received;
      }
      received += next.value.byteLength;
      lastByteAt = Date.now();
      if (received > limits.maxBytes) {
        throw new ImportFileError("TOO_LARGE", `The file is larger than the ${formatBytes(limits.maxBytes)} limit.`);
      }
      await out.write(next.value);
    }
  } finally {
    clearTimeout(timer);
    await out.close();
    // Not awaited: cancelling a stalled request body can wait for the client, which is the point of leaving.
    if (!done) reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
