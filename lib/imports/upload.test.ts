import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { ImportFileError } from "./errors";
import { BodyTimeoutError, bodyDeadline, withSpooledBody } from "./upload";

const limits = { maxBytes: 1024, idleMs: 200, minBytesPerSecond: 1000 };

function streamOf(parts: (string | "stall")[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const part = parts[index++];
      // A stall sends nothing more, and keeps the stream open.
      if (part === "stall") return new Promise<void>(() => undefined);
      if (part === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(part));
    },
  });
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

const spoolDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith("ledgerwatch-import-"));

describe("withSpooledBody", () => {
  it("hands over the whole body once received, then deletes the file", async () => {
    const before = spoolDirs().length;
    let seenBytes = 0;
    const text = await withSpooledBody(streamOf(["a,b", "\nc,d"]), limits, (chunks, bytes) => {
      seenBytes = bytes;
      return collect(chunks);
    });
    expect(text).toBe("a,b\nc,d");
    expect(seenBytes).toBe(7);
    expect(spoolDirs().length).toBe(before);
  });

  it("times out a body that stops sending, without calling the importer", async () => {
    const before = spoolDirs().length;
    let called = false;
    const started = Date.now();
    const error = await withSpooledBody(streamOf(["x", "stall"]), limits, async () => {
      called = true;
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BodyTimeoutError);
    expect((error as BodyTimeoutError).code).toBe("REQUEST_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(called).toBe(false);
    expect(spoolDirs().length).toBe(before);
  });

  it("refuses a body past the size limit and deletes what it had", async () => {
    const before = spoolDirs().length;
    const error = await withSpooledBody(streamOf(["x".repeat(1000), "x".repeat(100)]), limits, async () => undefined).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).code).toBe("TOO_LARGE");
    expect(spoolDirs().length).toBe(before);
  });

  it("deletes the file when the importer fails", async () => {
    const before = spoolDirs().length;
    let path = "";
    await expect(
      withSpooledBody(streamOf(["a"]), limits, async () => {
        path = spoolDirs().length > before ? "spooled" : "";
        throw new Error("import failed");
      }),
    ).rejects.toThrow("import failed");
    expect(path).not.toBe("");
    expect(spoolDirs().length).toBe(before);
  });
});

describe("bodyDeadline", () => {
  it("allows the idle time after the last byte while the average rate holds", () => {
    expect(bodyDeadline(limits, 0, 5000, 10_000)).toEqual({ at: 5200, reason: "idle" });
  });

  it("ends a trickle when its average falls under the minimum rate after the grace period", () => {
    // 300 bytes at 1000 B/s last until 300 ms; the last byte came at 150 ms.
    expect(bodyDeadline(limits, 0, 150, 300)).toEqual({ at: 300, reason: "slow" });
    // Never before the grace period, however little has come.
    expect(bodyDeadline(limits, 0, 0, 0).at).toBe(200);
  });
});
