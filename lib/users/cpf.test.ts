import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCpf, isValidCpf, normalizeCpf } from "./cpf";

/** A CPF built from nine digits the way Receita Federal computes its check digits, written out independently of cpf.ts. */
function withCheckDigits(nine: number[]): string {
  const first = (nine.reduce((sum, digit, i) => sum + digit * (10 - i), 0) * 10) % 11 % 10;
  const second = ([...nine, first].reduce((sum, digit, i) => sum + digit * (11 - i), 0) * 10) % 11 % 10;
  return [...nine, first, second].join("");
}

describe("CPF", () => {
  it("accepts valid numbers, formatted or not", () => {
    for (const cpf of ["529.982.247-25", "52998224725", " 111.444.777-35 ", "111 444 777 35", "935.411.347-80"]) {
      const digits = normalizeCpf(cpf);
      expect(digits, cpf).not.toBeNull();
      expect(isValidCpf(digits!), cpf).toBe(true);
    }
    expect(normalizeCpf("529.982.247-25")).toBe("52998224725");
    expect(formatCpf("52998224725")).toBe("529.982.247-25");
  });

  it("refuses a wrong check digit, a run of one digit, and what isn't 11 digits", () => {
    for (const digits of ["52998224724", "52998224715", "11144477734", "00000000000", "99999999999"]) expect(isValidCpf(digits), digits).toBe(false);
    for (const text of ["5299822472", "529982247251", "529.982.247-2a", "abc", "", "529/982/247-25"]) expect(normalizeCpf(text), text).toBeNull();
  });

  it("agrees with the reference on every nine digits: the right check digits pass, any other pair fails", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), fc.integer({ min: 1, max: 99 }), (nine, shift) => {
        const cpf = withCheckDigits(nine);
        const repeated = /^(\d)\1{10}$/.test(cpf);
        expect(isValidCpf(cpf)).toBe(!repeated);
        const wrong = cpf.slice(0, 9) + String((Number(cpf.slice(9)) + shift) % 100).padStart(2, "0");
        expect(isValidCpf(wrong)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
