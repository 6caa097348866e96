import { ImportFileError } from "./errors";
import { BAD, CLOSE, EMPTY, hasDoctype, Markup, OPEN, SKIPPED } from "./xml-markup";

/** One `<transacao>` element's text, or why it could not be cut out of the file. */
export type XmlPiece = { position: number; xml: string } | { position: number; error: string };

const maxRecordChars = 64 * 1024;
const minScanChars = 4 * 1024;
// A transaction is two levels deep (<origem><banco>); anything much deeper is not one.
const maxDepth = 16;

const notTransactionsFile = "This is not a transactions XML file: expected a <transacoes> root element";

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
  private readonly markup = new Markup();

  push(chunk: string): XmlPiece[] {
    if (hasDoctype(chunk) || hasDoctype(this.tail + chunk.slice(0, 8))) {
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
    const markup = this.markup;
    while (this.phase !== "done") {
      const lt = buffer.indexOf("<", this.at);
      if (this.phase === "prolog" && /\S/.test(buffer.slice(this.at, lt === -1 ? buffer.length : lt))) {
        throw new ImportFileError("UNSUPPORTED_FORMAT", `${notTransactionsFile}.`);
      }
      if (lt === -1) {
        this.at = buffer.length;
        return;
      }
      if (!markup.read(buffer, lt)) {
        this.at = lt;
        return;
      }
      this.at = markup.end;
      if (this.phase === "prolog") this.inProlog(buffer);
      else if (this.phase === "root") this.inRoot(buffer, lt, pieces);
      else this.inRecord(buffer, pieces);
    }
    this.at = buffer.length;
  }

  private inProlog(buffer: string): void {
    const markup = this.markup;
    if (markup.kind === SKIPPED) return;
    const element = markup.kind === OPEN || markup.kind === EMPTY;
    if (element && markup.nameIs(buffer, "transacoes")) {
      this.phase = markup.kind === OPEN ? "root" : "done";
      return;
    }
    const found = element ? `, found <${markup.name(buffer)}>` : "";
    throw new ImportFileError("UNSUPPORTED_FORMAT", `${notTransactionsFile}${found}.`);
  }

  private inRoot(buffer: string, lt: number, pieces: XmlPiece[]): void {
    const markup = this.markup;
    if (markup.kind === BAD) {
      const where = this.position === 0 ? "before the first transaction" : `after transaction ${this.position}`;
      throw new ImportFileError("VALIDATION_FAILED", `The XML is malformed ${where}: ${markup.reason}.`);
    }
    if (markup.kind === CLOSE && markup.nameIs(buffer, "transacoes")) this.phase = "done";
    if ((markup.kind !== OPEN && markup.kind !== EMPTY) || !markup.nameIs(buffer, "transacao")) return;
    this.position++;
    if (markup.kind === EMPTY) {
      pieces.push({ position: this.position, xml: buffer.slice(lt, markup.end) });
      return;
    }
    this.phase = "record";
    this.recordStart = lt;
    this.open = [];
    this.problem = null;
  }

  private inRecord(buffer: string, pieces: XmlPiece[]): void {
    const markup = this.markup;
    if (markup.kind === CLOSE && markup.nameIs(buffer, "transacao")) {
      if (this.phase === "record") pieces.push(this.finishRecord(markup.end));
      this.phase = "root";
      return;
    }
    if (this.phase === "oversized" || this.problem !== null) return;
    const open = this.open;
    if (markup.kind === BAD) this.problem = markup.reason;
    else if (markup.kind === OPEN) {
      if (markup.nameIs(buffer, "transacao")) this.problem = "a <transacao> inside another";
      else if (open.length === maxDepth) this.problem = "elements nested too deeply";
      else open.push(markup.name(buffer));
    } else if (markup.kind === CLOSE) {
      const expected = open.at(-1);
      if (expected !== undefined && markup.nameIs(buffer, expected)) open.pop();
      else if (expected === undefined) this.problem = `unexpected </${markup.name(buffer)}>`;
      else this.problem = `</${markup.name(buffer)}> found where </${expected}> was expected`;
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

