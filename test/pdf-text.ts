import { inflateSync } from "node:zlib";

/**
 * What a PDF's content streams write, one string per text operation (a TJ array's pieces
 * joined, kerning dropped): enough to find a figure in a PDF made with the built-in fonts,
 * without a PDF tool. Compressed (FlateDecode) streams are inflated.
 */
export function pdfTexts(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString("latin1");
  const texts: string[] = [];
  for (const match of raw.matchAll(/<<([^<>]*)>>\s*stream\r?\n/g)) {
    const length = Number(/\/Length (\d+)/.exec(match[1])?.[1]);
    const start = match.index + match[0].length;
    const bytes = Buffer.from(raw.slice(start, start + length), "latin1");
    const content = (/\/FlateDecode/.test(match[1]) ? inflateSync(bytes) : bytes).toString("latin1");
    for (const operation of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const pieces = operation[1] !== undefined ? [...operation[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((piece) => piece[1]) : [operation[2]];
      texts.push(pieces.map((hex) => Buffer.from(hex, "hex").toString("latin1")).join(""));
    }
  }
  return texts;
}

/** How many pages a PDF has. */
export function pdfPageCount(pdf: Uint8Array): number {
  return Buffer.from(pdf).toString("latin1").match(/\/Type \/Page(?!s)/g)?.length ?? 0;
}
