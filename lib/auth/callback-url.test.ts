import { describe, expect, it } from "vitest";
import { openRedirectCorpus } from "./callback-url.corpus";
import { sameSiteRedirect, safeCallbackUrl } from "./callback-url";


describe("the sign-in callback URL", () => {
  it.each([
    "/",
    "/imports?page=2#x",
    "/wallet/transfers/abc",
    "/customers?search=o%27brien",
    "/analysis?month=2019-03",
    "/login?callbackUrl=https://evil.example",
  ])("keeps the path %j on this site unchanged", (value) => {
    expect(safeCallbackUrl(value)).toBe(value);
  });

  it("keeps a path whose look-alike slashes, dots and scheme are only text on this site", () => {
    expect(safeCallbackUrl("/javascript:alert(1)")).toBe("/javascript:alert(1)");
    expect(safeCallbackUrl("/@evil.example")).toBe("/@evil.example");
    expect(safeCallbackUrl("/．．//evil.example")).toBe("/%EF%BC%8E%EF%BC%8E//evil.example");
    expect(safeCallbackUrl("/\u2215evil.example")).toBe("/%E2%88%95evil.example");
    expect(safeCallbackUrl("/wallet/../imports")).toBe("/imports");
  });

  it.each(openRedirectCorpus)("sends %j home instead", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it("refuses anything but one string of a sensible length", () => {
    expect(safeCallbackUrl(null)).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/");
    expect(safeCallbackUrl(`/${"a".repeat(5000)}`)).toBe("/");
  });

  it("refuses a path that is not valid percent-encoding", () => {
    expect(safeCallbackUrl("/%E0%A4%A")).toBe("/");
  });
});

describe("next-auth's redirects", () => {
  const baseUrl = "http://127.0.0.1:3000";

  it("go to the same path on this site", () => {
    expect(sameSiteRedirect("/imports?page=2#x", baseUrl)).toBe(`${baseUrl}/imports?page=2#x`);
    expect(sameSiteRedirect(`${baseUrl}/wallet`, baseUrl)).toBe(`${baseUrl}/wallet`);
  });

  it.each([...openRedirectCorpus, "http://127.0.0.1:3000//evil.example", "http://127.0.0.1:3000/..//evil.example", "http://127.0.0.1:3000/%2F%2Fevil.example", "http://127.0.0.2:3000/wallet"])(
    "never leave the site for %j",
    (value) => {
      const url = new URL(sameSiteRedirect(value, baseUrl));
      expect(url.origin).toBe(baseUrl);
      expect(url.pathname).toMatch(/^\/(?![/\\])/);
      expect(decodeURIComponent(url.pathname)).not.toMatch(/^\/[/\\]/);
    },
  );
});
