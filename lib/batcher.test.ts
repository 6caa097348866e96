import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

/** A promise and the function that settles it, to hold an `apply` call open. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("Batcher", () => {
  it("sends a lone item at once, and what arrives while the slots are busy as one group", async () => {
    const calls: number[][] = [];
    const first = gate();
    const batcher = new Batcher<number, string>(async (items) => {
      calls.push(items);
      if (items.includes(1)) await first.opened;
      return items.map((item) => `done ${item}`);
    }, 1);

    const answers = [batcher.submit(1)];
    expect(calls).toEqual([[1]]);
    answers.push(batcher.submit(2), batcher.submit(3), batcher.submit(4));
    expect(calls).toEqual([[1]]);
    first.open();
    expect(await Promise.all(answers)).toEqual(["done 1", "done 2", "done 3", "done 4"]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
  });

  it("runs as many groups at once as it has slots, each at most the largest group", async () => {
    const calls: number[][] = [];
    const release = gate();
    const batcher = new Batcher<number, number>(async (items) => {
      calls.push(items);
      await release.opened;
      return items;
    }, 2, 3);
    const answers = Array.from({ length: 9 }, (_, i) => batcher.submit(i));
    expect(calls).toEqual([[0], [1]]);
    release.open();
    expect(await Promise.all(answers)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(calls).toEqual([[0], [1], [2, 3, 4], [5, 6, 7], [8]]);
  });

  it("when a group fails, runs it again in halves, down to the bad item alone", async () => {
    const calls: string[][] = [];
    const first = gate();
    const batcher = new Batcher<string, string>(async (items) => {
      calls.push(items);
      if (items.includes("hold")) await first.opened;
      if (items.includes("bad")) throw new Error("bad item");
      return items.map((item) => item.toUpperCase());
    }, 1);
    const held = batcher.submit("hold");
    const answers = ["a", "b", "bad", "c", "d"].map((item) => batcher.submit(item).catch((error: Error) => error.message));
    first.open();
    expect(await held).toBe("HOLD");
    expect(await Promise.all(answers)).toEqual(["A", "B", "bad item", "C", "D"]);
    expect(calls).toEqual([["hold"], ["a", "b", "bad", "c", "d"], ["a", "b", "bad"], ["a", "b"], ["bad"], ["c", "d"]]);
  });

  it("keeps one batcher per key, each applying with the key it serves", async () => {
    const batcherFor = Batcher.per(async (key: { name: string }, items: number[]) => items.map((item) => `${key.name} ${item}`));
    const a = { name: "a" };
    const b = { name: "b" };
    expect(batcherFor(a)).toBe(batcherFor(a));
    expect(batcherFor(a)).not.toBe(batcherFor(b));
    expect(await Promise.all([batcherFor(a).submit(1), batcherFor(b).submit(2)])).toEqual(["a 1", "b 2"]);
  });
});
