import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "./decode";
import { collect, cut, cutPoints, encode, refusal, scaled, streamOf } from "./test-support";

const decode = (bytes: Uint8Array, offsets: number[] = []) => collect(decodeUtf8(streamOf(cut(bytes, offsets))));
const latin1 = (text: string) => Uint8Array.from(text, (character) => character.charCodeAt(0));

describe("decodeUtf8", () => {
  it("decodes UTF-8 text", async () => {
    expect((await decode(encode("BANCO SÃO PAULO,€"))).join("")).toBe("BANCO SÃO PAULO,€");
  });

  it("joins a character split between chunks", async () => {
    const bytes = encode("é€💰");
    for (let at = 1; at < bytes.length; at++) {
      expect((await decode(bytes, [at])).join("")).toBe("é€💰");
    }
  });

  it("drops a leading byte order mark, even split across chunks, and keeps a later one", async () => {
    const bytes = encode("\ufeffA\ufeffB");
    expect((await decode(bytes, [1, 2])).join("")).toBe("A\ufeffB");
  });

  it("yields nothing for no bytes or a lone byte order mark", async () => {
    expect(await decode(new Uint8Array())).toEqual([]);
    expect(await decode(encode("\ufeff"))).toEqual([]);
  });

  it("refuses Latin-1 text with a message that says what to do", async () => {
    const error = await refusal(decode(latin1("BANCO SÃO PAULO,0001")));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe("The file is not valid UTF-8 text. Save it as UTF-8 and upload it again.");
  });

  it("refuses a file that ends in the middle of a character", async () => {
    const bytes = encode("AB€");
    expect((await refusal(decode(bytes.slice(0, -1)))).code).toBe("VALIDATION_FAILED");
  });

  it("gives back any text, however its bytes are cut", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme" }), cutPoints, async (text, offsets) => {
        const bytes = encode(text);
        expect((await decode(bytes, scaled(offsets, bytes.length))).join("")).toBe(text.replace(/^\ufeff/, ""));
      }),
    );
  });

  it("refuses any Latin-1 text with an accented letter", async () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) });
    const accented = fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code));
    // Each accented byte is followed by an ASCII one, so no pair of them can happen to be valid UTF-8.
    const text = fc
      .array(fc.tuple(ascii, accented, fc.integer({ min: 0x20, max: 0x7e })), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.map(([before, letter, after]) => before + letter + String.fromCharCode(after)).join(""));
    await fc.assert(
      fc.asyncProperty(text, cutPoints, async (value, offsets) => {
        const bytes = latin1(value);
        const error = await refusal(decode(bytes, scaled(offsets, bytes.length)));
        expect(error.message).toContain("not valid UTF-8");
      }),
    );
  });
});
