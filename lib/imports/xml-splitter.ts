import { ImportFileError } from "./errors";

/** One `<transacao>` element's text, or why it could not be cut out of the file. */
export type XmlPiece = { position: number; xml: string } | { position: number; error: string };

export const maxRecordChars = 64 * 1024;
const minScanChars = 4 * 1024;
// A transaction is two levels deep (<origem><banco>); anything much deeper is not one.
const maxDepth = 16;

const notTransactionsFile = "This is not a transactions XML file: expected a <transacoes> root element";
const doctype = /<!(?:DOCTYPE|ENTITY)/i;
const xmlName = /^[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7\u00C0-\uFFFF]*$/;

const [lessThan, greaterThan, slash, bang, question, equals, doubleQuote, singleQuote] = [..."<>/!?=\"'"].map((character) =>
  character.charCodeAt(0),
);

type Markup =
  | { kind: "open" | "empty" | "close"; name: string; end: number }
  | { kind: "comment" | "cdata"; end: number }
  | { kind: "bad"; reason: string; end: number };

/**
 * Cuts `<transacao>…</transacao>` elements out of XML text as it arrives, holding no more than
 * the element being read plus the latest chunk. It reads just enough XML to find where each
 * element ends (comments, CDATA, quoted attributes) and checks that the tags inside it nest
 * properly, so a broken element becomes an error of its own instead of spilling into the next.
 */
export class TransacaoSplitter {
  private buffer = "";
  /** Characters added since the last scan. */
  private unscanned = 0;
  /** Where scanning resumes in `buffer`. */
  private at = 0;
  private phase: "prolog" | "root" | "record" | "oversized" | "done" = "prolog";
  private recordStart = 0;
  private position = 0;
  private open: string[] = [];
  private problem: string | null = null;
  private hasContent = false;
  /** The end of the previous chunk, so a "<!DOCTYPE" split between chunks is still seen. */
  private tail = "";

  push(chunk: string): XmlPiece[] {
    if (doctype.test(chunk) || doctype.test(this.tail + chunk.slice(0, 8))) {
      throw new ImportFileError("VALIDATION_FAILED", "XML files with a DOCTYPE are not accepted.");
    }
    this.tail = (chunk.length >= 8 ? chunk : this.tail + chunk).slice(-8);
    if (!this.hasContent && /\S/.test(chunk)) this.hasContent = true;
    this.buffer += chunk;
    // An unfinished tag or comment is scanned again from its start when more text comes, so
    // tiny chunks are gathered first: that rescanning stays a small multiple of the text.
    this.unscanned += chunk.length;
    return this.unscanned < minScanChars ? [] : this.advance();
  }

  end(): XmlPiece[] {
    if (!this.hasContent) throw new ImportFileError("EMPTY_FILE", "The file is empty.");
    const pieces = this.advance();
    if (this.phase === "prolog") throw new ImportFileError("UNSUPPORTED_FORMAT", `${notTransactionsFile}.`);
    if (this.phase === "record") pieces.push({ position: this.position, error: "transaction is not closed (no </transacao>)" });
    return pieces;
  }

  private advance(): XmlPiece[] {
    this.unscanned = 0;
    const pieces: XmlPiece[] = [];
    this.scan(pieces);
    if (this.phase === "record" && this.buffer.length - this.recordStart > maxRecordChars) {
      pieces.push({ position: this.position, error: "transaction is larger than 64 KiB" });
      this.phase = "oversized";
    }
    const keepFrom = this.phase === "record" ? this.recordStart : this.at;
    this.buffer = this.buffer.slice(keepFrom);
    this.at -= keepFrom;
    this.recordStart -= keepFrom;
    if (this.phase !== "record" && this.buffer.length > maxRecordChars) {
      throw new ImportFileError("VALIDATION_FAILED", "The XML has a tag or comment longer than 64 KiB.");
    }
    return pieces;
  }

  private scan(pieces: XmlPiece[]): void {
    const buffer = this.buffer;
    while (this.phase !== "done") {
      const lt = buffer.indexOf("<", this.at);
      if (this.phase === "prolog" && /\S/.test(buffer.slice(this.at, lt === -1 ? buffer.length : lt))) {
        throw new ImportFileError("UNSUPPORTED_FORMAT", `${notTransactionsFile}.`);
      }
      if (lt === -1) {
        this.at = buffer.length;
        return;
      }
      const markup = readMarkup(buffer, lt);
      if (markup === null) {
        this.at = lt;
        return;
      }
      this.at = markup.end;
      if (this.phase === "prolog") this.inProlog(markup);
      else if (this.phase === "root") this.inRoot(markup, lt, pieces);
      else this.inRecord(markup, pieces);
    }
    this.at = buffer.length;
  }

  private inProlog(markup: Markup): void {
    if (markup.kind === "comment") return;
    if ((markup.kind === "open" || markup.kind === "empty") && markup.name === "transacoes") {
      this.phase = markup.kind === "open" ? "root" : "done";
      return;
    }
    const found = markup.kind === "open" || markup.kind === "empty" ? `, found <${markup.name}>` : "";
    throw new ImportFileError("UNSUPPORTED_FORMAT", `${notTransactionsFile}${found}.`);
  }

  private inRoot(markup: Markup, lt: number, pieces: XmlPiece[]): void {
    if (markup.kind === "bad") {
      throw new ImportFileError(
        "VALIDATION_FAILED",
        `The XML is malformed ${this.position === 0 ? "before the first transaction" : `after transaction ${this.position}`}: ${markup.reason}.`,
      );
    }
    if (markup.kind === "close" && markup.name === "transacoes") this.phase = "done";
    if ((markup.kind !== "open" && markup.kind !== "empty") || markup.name !== "transacao") return;
    this.position++;
    if (markup.kind === "empty") {
      pieces.push({ position: this.position, xml: this.buffer.slice(lt, markup.end) });
      return;
    }
    this.phase = "record";
    this.recordStart = lt;
    this.open = [];
    this.problem = null;
  }

  private inRecord(markup: Markup, pieces: XmlPiece[]): void {
    if (markup.kind === "close" && markup.name === "transacao") {
      if (this.phase === "record") pieces.push(this.finishRecord(markup.end));
      this.phase = "root";
      return;
    }
    if (this.phase === "oversized" || this.problem !== null) return;
    const open = this.open;
    if (markup.kind === "bad") this.problem = markup.reason;
    else if (markup.kind === "open") {
      if (markup.name === "transacao") this.problem = "a <transacao> inside another";
      else if (open.length === maxDepth) this.problem = "elements nested too deeply";
      else open.push(markup.name);
    } else if (markup.kind === "close") {
      if (open.at(-1) === markup.name) open.pop();
      else if (open.length === 0) this.problem = `unexpected </${markup.name}>`;
      else this.problem = `</${markup.name}> found where </${open.at(-1)}> was expected`;
    }
  }

  private finishRecord(end: number): XmlPiece {
    const position = this.position;
    if (end - this.recordStart > maxRecordChars) return { position, error: "transaction is larger than 64 KiB" };
    if (this.problem === null && this.open.length > 0) this.problem = `<${this.open.at(-1)}> is not closed`;
    if (this.problem !== null) return { position, error: `malformed XML: ${this.problem}` };
    return { position, xml: this.buffer.slice(this.recordStart, end) };
  }
}

/**
 * Reads the markup starting at `lt` (a "<"), or returns null when the buffer ends inside it.
 * Tags are read character by character and a stray "<" ends them, so text full of "<" costs
 * one pass rather than one search to the next ">" per "<".
 */
function readMarkup(buffer: string, lt: number): Markup | null {
  const next = buffer.charCodeAt(lt + 1);
  if (Number.isNaN(next)) return null;
  if (next === bang) return readDeclaration(buffer, lt);
  if (next === question) {
    const close = buffer.indexOf("?>", lt + 2);
    return close === -1 ? null : { kind: "comment", end: close + 2 };
  }
  if (next === slash) return readEndTag(buffer, lt);
  return readStartTag(buffer, lt);
}

function readDeclaration(buffer: string, lt: number): Markup | null {
  for (const [opener, closer, kind] of [
    ["<!--", "-->", "comment"],
    ["<![CDATA[", "]]>", "cdata"],
  ] as const) {
    if (buffer.startsWith(opener, lt)) {
      const close = buffer.indexOf(closer, lt + opener.length);
      return close === -1 ? null : { kind, end: close + closer.length };
    }
  }
  // Wait for enough text to tell "<!DOCTYPE" (refused by its own check) from other markup.
  if (buffer.length - lt < "<!DOCTYPE".length) return null;
  return { kind: "bad", reason: "unexpected <!", end: lt + 2 };
}

const notATag = 'a "<" that does not start a tag (write it as &lt;)';

function readStartTag(buffer: string, lt: number): Markup | null {
  const nameEnd = endOfName(buffer, lt + 1);
  if (nameEnd === buffer.length) return null;
  const name = buffer.slice(lt + 1, nameEnd);
  if (!xmlName.test(name)) return { kind: "bad", reason: notATag, end: lt + 1 };
  let quote = 0;
  for (let i = nameEnd; i < buffer.length; i++) {
    const code = buffer.charCodeAt(i);
    if (code === lessThan) return { kind: "bad", reason: notATag, end: i };
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === doubleQuote || code === singleQuote) {
      quote = code;
    } else if (code === greaterThan) {
      return { kind: buffer.charCodeAt(i - 1) === slash ? "empty" : "open", name, end: i + 1 };
    }
  }
  return null;
}

function readEndTag(buffer: string, lt: number): Markup | null {
  const nameEnd = endOfName(buffer, lt + 2);
  let i = nameEnd;
  while (i < buffer.length && buffer.charCodeAt(i) <= 32) i++;
  if (i === buffer.length) return null;
  const name = buffer.slice(lt + 2, nameEnd);
  if (buffer.charCodeAt(i) !== greaterThan || !xmlName.test(name)) {
    return { kind: "bad", reason: "malformed closing tag", end: Math.max(i, lt + 2) };
  }
  return { kind: "close", name, end: i + 1 };
}

/** Where the name starting at `start` ends: at whitespace, or a character that ends a tag or starts an attribute. */
function endOfName(buffer: string, start: number): number {
  let i = start;
  for (; i < buffer.length; i++) {
    const code = buffer.charCodeAt(i);
    if (code <= 32 || code === slash || code === greaterThan || code === lessThan || code === equals) break;
    if (code === doubleQuote || code === singleQuote) break;
  }
  return i;
}
