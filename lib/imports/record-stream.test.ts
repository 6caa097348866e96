import { describe, expect, it } from "vitest";
import { recordStream } from "./record-stream";
import type { RawRecord } from "./records";
import { collect } from "./test-support";

const record = (position: number): RawRecord => ({ position, fields: [] });

function batchesOf(batches: RawRecord[][], events: string[] = [], failAfter?: number) {
  return (async function* () {
    try {
      for (const [i, batch] of batches.entries()) {
        if (i === failAfter) throw new Error("broken input");
        events.push(`batch ${i}`);
        yield batch;
      }
    } finally {
      events.push("closed");
    }
  })();
}

describe("recordStream", () => {
  it("hands out every record of every batch in order, skipping empty batches", async () => {
    const stream = recordStream(batchesOf([[record(1), record(2)], [], [record(3)]]));
    expect(await collect(stream)).toEqual([record(1), record(2), record(3)]);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it("reads a batch only when the records before it are used", async () => {
    const events: string[] = [];
    const stream = recordStream(batchesOf([[record(1)], [record(2)]], events));
    expect(events).toEqual([]);
    await stream.next();
    expect(events).toEqual(["batch 0"]);
    await stream.next();
    expect(events).toEqual(["batch 0", "batch 1"]);
  });

  it("keeps order when next() is called again before the previous call settles", async () => {
    const stream = recordStream(batchesOf([[record(1)], [record(2), record(3)]]));
    const results = await Promise.all([stream.next(), stream.next(), stream.next(), stream.next()]);
    expect(results.map((result) => result.value?.position)).toEqual([1, 2, 3, undefined]);
  });

  it("passes on the input's error, then ends", async () => {
    const stream = recordStream(batchesOf([[record(1)], [record(2)]], [], 1));
    await expect(stream.next()).resolves.toEqual({ value: record(1), done: false });
    await expect(stream.next()).rejects.toThrow("broken input");
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it("closes the input when the reader stops early", async () => {
    const events: string[] = [];
    const stream = recordStream(batchesOf([[record(1), record(2)], [record(3)]], events));
    for await (const item of stream) if (item.position === 1) break;
    expect(events).toEqual(["batch 0", "closed"]);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it("closes the input on throw() and rethrows", async () => {
    const events: string[] = [];
    const stream = recordStream(batchesOf([[record(1)], [record(2)]], events));
    await stream.next();
    await expect(stream.throw(new Error("stop"))).rejects.toThrow("stop");
    expect(events).toEqual(["batch 0", "closed"]);
  });
});
