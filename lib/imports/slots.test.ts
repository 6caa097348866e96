import { describe, expect, it } from "vitest";
import { ImportsBusyError, ImportSlots } from "./slots";

const busy = (take: () => unknown) => {
  try {
    take();
  } catch (error) {
    return error instanceof ImportsBusyError ? error.code : error;
  }
  return null;
};

describe("ImportSlots", () => {
  it("refuses a user's import past the per-user limit, and takes it again once one is released", () => {
    const slots = new ImportSlots({ perUser: 2, total: 4 });
    const first = slots.acquire("ana");
    slots.acquire("ana");
    expect(busy(() => slots.acquire("ana"))).toBe("IMPORTS_BUSY");
    expect(busy(() => slots.acquire("bob"))).toBeNull();
    first();
    first();
    expect(slots.active).toBe(2);
    expect(busy(() => slots.acquire("ana"))).toBeNull();
  });

  it("refuses every user past the process limit", () => {
    const slots = new ImportSlots({ perUser: 2, total: 3 });
    slots.acquire("ana");
    slots.acquire("ana");
    const bob = slots.acquire("bob");
    expect(busy(() => slots.acquire("carl"))).toBe("IMPORTS_BUSY");
    bob();
    expect(busy(() => slots.acquire("carl"))).toBeNull();
  });
});
