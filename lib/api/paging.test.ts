import { describe, expect, it } from "vitest";
import { listPage, pageIndex, pageOf } from "./paging";
import { pageQuerySchema } from "./schemas";

describe("the API's paging", () => {
  it("reads ?page= from 1 and ?size= among the page sizes, 1 and 25 by default", () => {
    expect(pageQuerySchema.parse({})).toEqual({ page: 1, size: 25 });
    expect(pageQuerySchema.parse({ page: "3", size: "10" })).toEqual({ page: 3, size: 10 });
    for (const bad of [{ page: "0" }, { page: "abc" }, { page: "1.5" }, { size: "7" }, { size: "500" }]) {
      expect(pageQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("answers the one list envelope", () => {
    expect(pageIndex({ page: 3, size: 10 })).toEqual({ index: 2, size: 10 });
    expect(listPage(["a"], { page: 2, size: 10 }, 11)).toEqual({ data: ["a"], page: 2, size: 10, total: 11 });
    const letters = ["a", "b", "c", "d", "e"];
    expect(pageOf(letters, { page: 2, size: 2 })).toEqual({ data: ["c", "d"], page: 2, size: 2, total: 5 });
    expect(pageOf(letters, { page: 4, size: 2 })).toEqual({ data: [], page: 4, size: 2, total: 5 });
  });
});
