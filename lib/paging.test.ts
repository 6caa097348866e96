import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeLike, pageSizes, parsePage } from "./paging";

describe("parsePage", () => {
  it("defaults to the first page of 25", () => {
    expect(parsePage({})).toEqual({ index: 0, size: 25 });
  });

  it("reads page (from 1) and size from strings", () => {
    expect(parsePage({ page: "3", size: "50" })).toEqual({ index: 2, size: 50 });
    for (const size of pageSizes) expect(parsePage({ size: String(size) }).size).toBe(size);
  });

  it("falls back on bad values instead of failing", () => {
    expect(parsePage({ page: "0" })).toEqual({ index: 0, size: 25 });
    expect(parsePage({ page: "-4" })).toEqual({ index: 0, size: 25 });
    expect(parsePage({ page: "abc", size: "lots" })).toEqual({ index: 0, size: 25 });
    expect(parsePage({ page: "2.5" })).toEqual({ index: 0, size: 25 });
    expect(parsePage({ page: "99999999999" })).toEqual({ index: 0, size: 25 });
    expect(parsePage({ size: "1000" }).size).toBe(25);
    expect(parsePage({ size: "7" }).size).toBe(25);
    expect(parsePage({ size: "0" }).size).toBe(25);
  });

  it("always gives a non-negative index and an allowed size", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (page, size) => {
        const parsed = parsePage({ page, size });
        expect(Number.isInteger(parsed.index)).toBe(true);
        expect(parsed.index).toBeGreaterThanOrEqual(0);
        expect(parsed.index).toBeLessThan(1_000_000);
        expect(pageSizes).toContain(parsed.size);
      }),
    );
  });
});

describe("escapeLike", () => {
  it("escapes %, _ and backslash", () => {
    expect(escapeLike("50%")).toBe("50\\%");
    expect(escapeLike("first_name")).toBe("first\\_name");
    expect(escapeLike("a\\b")).toBe("a\\\\b");
    expect(escapeLike("%_\\")).toBe("\\%\\_\\\\");
    expect(escapeLike("plain text")).toBe("plain text");
  });

  it("drops NUL, which PostgreSQL text can't hold", () => {
    expect(escapeLike("a\0b%\0")).toBe("ab\\%");
  });

  it("leaves no unescaped wildcard", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeLike(text);
        // Undo the escaping: every backslash pairs with the character after it.
        let unescaped = "";
        for (let i = 0; i < escaped.length; i++) {
          const char = escaped[i];
          if (char === "\\") {
            expect(["%", "_", "\\"]).toContain(escaped[i + 1]);
            unescaped += escaped[++i];
          } else {
            expect(["%", "_"]).not.toContain(char);
            unescaped += char;
          }
        }
        expect(unescaped).toBe(text);
      }),
    );
  });
});
