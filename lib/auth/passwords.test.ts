import bcrypt from "bcryptjs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, isCommonPassword, verifyAgainstNobody, verifyPassword } from "./passwords";

describe("generatePassword", () => {
  it("is always exactly six digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
        for (let i = 0; i < n; i++) expect(generatePassword()).toMatch(/^\d{6}$/);
      }),
    );
  });

  it("keeps leading zeros and spreads over the whole range", () => {
    const samples = Array.from({ length: 20_000 }, generatePassword);
    expect(samples.every((password) => /^\d{6}$/.test(password))).toBe(true);
    // About 10% start with 0; with 20k samples, none would mean padding is lost.
    const leadingZero = samples.filter((password) => password.startsWith("0")).length;
    expect(leadingZero).toBeGreaterThan(1_000);
    expect(leadingZero).toBeLessThan(3_000);
    // Every first digit shows up, and nearly all samples are distinct.
    expect(new Set(samples.map((password) => password[0])).size).toBe(10);
    expect(new Set(samples).size).toBeGreaterThan(19_000);
  });
});

describe("hashPassword / verifyPassword", () => {
  it("round-trips and refuses other passwords", async () => {
    const hash = await hashPassword("012345", 10);
    expect(hash).not.toContain("012345");
    expect(await verifyPassword("012345", hash)).toBe(true);
    expect(await verifyPassword("012346", hash)).toBe(false);
    expect(await verifyPassword("12345", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("round-trips random six-digit passwords", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 999_999 }), async (n) => {
        const password = n.toString().padStart(6, "0");
        const hash = await hashPassword(password, 4);
        expect(await verifyPassword(password, hash)).toBe(true);
        const other = ((n + 1) % 1_000_000).toString().padStart(6, "0");
        expect(await verifyPassword(other, hash)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it("embeds the requested cost, at least 10, in the hash", async () => {
    const hash = await hashPassword("123456", 10);
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(bcrypt.getRounds(hash)).toBeGreaterThanOrEqual(10);
    const stronger = await hashPassword("123456", 11);
    expect(bcrypt.getRounds(stronger)).toBe(11);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("654321", 10), hashPassword("654321", 10)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("654321", a)).toBe(true);
    expect(await verifyPassword("654321", b)).toBe(true);
  });
});

describe("verifyAgainstNobody", () => {
  it("never accepts anything", async () => {
    expect(await verifyAgainstNobody("123999")).toBe(false);
    expect(await verifyAgainstNobody("")).toBe(false);
  });
});

describe("isCommonPassword", () => {
  it("finds the common ones whatever their case, and not a long random one", async () => {
    for (const password of ["password", "12345678", "Qwerty123", "iloveyou", "PASSWORD1"]) expect(await isCommonPassword(password), password).toBe(true);
    for (const password of ["tangerine-otter-71-glass", "Vq8#pL2m!xR4"]) expect(await isCommonPassword(password), password).toBe(false);
  });
});
