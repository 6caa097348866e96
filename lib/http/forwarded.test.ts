import { describe, expect, it } from "vitest";
import { isTrustedProxy, normalizeAddress, parseTrustedProxies, resolveClientAddress, TrustedProxiesError } from "./forwarded";

const none = parseTrustedProxies(undefined);
const nginx = parseTrustedProxies("127.0.0.1/32, 10.0.0.0/8 fd00::/8");

describe("resolveClientAddress", () => {
  it("uses the socket's address and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", none)).toBe("127.0.0.1");
    expect(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.9, 198.51.100.1", none)).toBe("127.0.0.1");
    expect(resolveClientAddress("198.51.100.4", undefined, nginx)).toBe("198.51.100.4");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientAddress("198.51.100.4", "10.1.2.3", nginx)).toBe("198.51.100.4");
  });

  it("walks the chain from the right while hops are trusted proxies; the first untrusted one is the client", () => {
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", nginx)).toBe("203.0.113.9");
    // The client prepended a spoofed entry: it sits left of the client's real address and is never reached.
    expect(resolveClientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.5", nginx)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.1", ["1.2.3.4", "203.0.113.9 ,10.9.9.9"], nginx)).toBe("203.0.113.9");
  });

  it("answers the leftmost hop when every hop is trusted", () => {
    expect(resolveClientAddress("127.0.0.1", "10.0.0.7, 10.0.0.5", nginx)).toBe("10.0.0.7");
  });

  it("matches IPv4-mapped IPv6 peers and hops against IPv4 ranges, and IPv6 against IPv6 ranges", () => {
    expect(resolveClientAddress("::ffff:10.0.0.2", "::ffff:203.0.113.9", nginx)).toBe("203.0.113.9");
    expect(resolveClientAddress("fd12::1", "2001:DB8::1", nginx)).toBe("2001:db8::1");
    expect(resolveClientAddress("fe80::1", "2001:db8::1", nginx)).toBe("fe80::1");
    expect(resolveClientAddress("127.0.0.1", "[2001:db8::2]:4711, 192.0.2.1:8080", nginx)).toBe("192.0.2.1");
  });

  it("stops at the last trusted hop when the chain is malformed, and skips empty entries and spaces", () => {
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9, not-an-ip", nginx)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "not-an-ip, 10.0.0.3", nginx)).toBe("10.0.0.3");
    expect(resolveClientAddress("127.0.0.1", " 203.0.113.9 ,  , ", nginx)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "", nginx)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "300.1.1.1", nginx)).toBe("127.0.0.1");
  });

  it("has no address for a socket without one", () => {
    expect(resolveClientAddress(undefined, "203.0.113.9", nginx)).toBeUndefined();
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and CIDRs, and refuses anything else", () => {
    expect(parseTrustedProxies("192.0.2.1").check("192.0.2.1")).toBe(true);
    expect(parseTrustedProxies("192.0.2.1").check("192.0.2.2")).toBe(false);
    expect(parseTrustedProxies("").check("127.0.0.1")).toBe(false);
    for (const bad of ["10.0.0.0/33", "10.0.0.0/x", "fd00::/129", "nginx", "10.0.0.0/8/8", "10.0.0/8"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(TrustedProxiesError);
    }
  });
});

describe("normalizeAddress", () => {
  it("writes an address canonically, or refuses it", () => {
    expect(normalizeAddress(" ::FFFF:192.0.2.1 ")).toBe("192.0.2.1");
    expect(normalizeAddress("unknown")).toBeUndefined();
  });
});

describe("isTrustedProxy", () => {
  it("matches a mapped peer against IPv4 ranges", () => {
    expect(isTrustedProxy("::ffff:10.2.3.4", nginx)).toBe(true);
    expect(isTrustedProxy("192.0.2.1", nginx)).toBe(false);
    expect(isTrustedProxy(undefined, nginx)).toBe(false);
  });
});
