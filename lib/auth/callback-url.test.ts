import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("the sign-in callback URL", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackUrl("/imports?page=2#top")).toBe("/imports?page=2#top");
    expect(safeCallbackUrl("/login?callbackUrl=https://evil.example")).toBe("/login?callbackUrl=https://evil.example");
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "http:evil.example",
    "",
  ])("refuses %j for the home page", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it("refuses anything but one string", () => {
    expect(safeCallbackUrl(null)).toBe("/");
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/");
  });

  it("keeps an encoded path on this site", () => {
    expect(safeCallbackUrl("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });
});
