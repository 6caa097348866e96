import { SaxesParser } from "saxes";
import { ImportFileError } from "./errors";
import { recordStream } from "./record-stream";
import type { RawRecord } from "./records";
import { TransactionFields } from "./xml-transaction";

const maxRecordChars = 64 * 1024;
const maxOutsideChars = 64 * 1024;
// Elements nested between transactions are skipped, but the parser keeps each open one.
const maxOutsideDepth = 100_000;

const notTransactionsFile = "This is not a transactions XML file: expected a <transacoes> root element";
const notATag = 'a "<" that does not start a tag (write it as &lt;)';
const transactionEnd = /<\/transacao[ \t\r\n]*>/g;

/** Thrown from the parser's error handler to stop it where the error is. */
const stop = Symbol("stop");

type Tag = { name: string; isSelfClosing: boolean };

/**
 * Reads an XML transactions file (`<transacoes>` holding `<transacao>` elements) into records as
 * it arrives. A file with a DOCTYPE, or whose root is not `<transacoes>`, is refused whole; a
 * `<transacao>` that cannot be read becomes an error record and the rest of the file goes on.
 */
export function parseXml(text: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  return recordStream(xmlBatches(text));
}

async function* xmlBatches(text: AsyncIterable<string>): AsyncGenerator<RawRecord[], void, undefined> {
  const reader = new TransacoesReader();
  for await (const chunk of text) {
    const records = reader.push(chunk);
    if (records.length > 0) yield records;
  }
  const records = reader.end();
  if (records.length > 0) yield records;
}

/**
 * Drives saxes over the file, one chunk at a time, holding no more than the transaction being
 * read. XML stops at its first error, but one broken transaction should not lose the others: on
 * an error inside a `<transacao>`, the parser is dropped, the text is skipped to the next
 * `</transacao>` and a new parser (reading a fragment) takes over from there.
 */
class TransacoesReader {
  private parser: SaxesParser;
  private phase: "prolog" | "root" | "record" | "skipping" | "done" = "prolog";
  private records: RawRecord[] = [];
  private position = 0;
  private transaction = new TransactionFields();
  /** Where, in the parser's text, the current <transacao> or the last markup outside one ended. */
  private recordStart = 0;
  private lastEvent = 0;
  private outsideDepth = 0;
  /** The name of the element the parser closed last, which an error may say was not closed. */
  private lastClosed = "";
  /** The text being written to the parser, where it starts in the parser's text, and what came before it. */
  private chunk = "";
  private chunkStart = 0;
  private before = "";
  /** How much text the parser has been given, and where it stopped when stopped. */
  private written = 0;
  private stoppedAt = 0;
  /** The end of the text skipped so far, where a "</transacao>" may have begun. */
  private skipped = "";
  private hasContent = false;
  /** The end of the previous chunk, so a "<!DOCTYPE" split between chunks is still seen. */
  private tail = "";

  constructor() {
    this.parser = this.newParser(false);
  }

  push(chunk: string): RawRecord[] {
    if (hasDoctype(chunk) || hasDoctype(this.tail + chunk.slice(0, 8))) {
      throw new ImportFileError("VALIDATION_FAILED", "XML files with a DOCTYPE are not accepted.");
    }
    this.tail = (chunk.length >= 8 ? chunk : this.tail + chunk).slice(-8);
    if (!this.hasContent && /\S/.test(chunk)) this.hasContent = true;
    this.feed(chunk);
    this.checkSizes();
    return this.take();
  }

  end(): RawRecord[] {
    if (!this.hasContent) throw new ImportFileError("EMPTY_FILE", "The file is empty.");
    if (this.phase === "prolog") throw new ImportFileError("UNSUPPORTED_FORMAT", `${notTransactionsFile}.`);
    if (this.phase === "record") this.records.push({ position: this.position, error: "transaction is not closed (no </transacao>)" });
    return this.take();
  }

  private take(): RawRecord[] {
    const records = this.records;
    this.records = [];
    return records;
  }

  private feed(chunk: string): void {
    let text = chunk;
    while (text.length > 0 && !this.done()) {
      if (this.phase === "skipping") {
        text = this.skip(text);
        continue;
      }
      this.before = this.chunk.length >= 256 ? this.chunk.slice(-256) : (this.before + this.chunk).slice(-256);
      this.chunk = text;
      this.chunkStart = this.written;
      this.written += text.length;
      try {
        this.parser.write(text);
        text = "";
      } catch (error) {
        if (error !== stop) throw error;
        if (this.done()) return;
        // A character the parser held back from the previous chunk counts from before this one.
        const offset = this.stoppedAt - this.chunkStart;
        text = offset < 0 ? this.before.slice(offset) + text : text.slice(offset);
        this.parser = this.newParser(true);
        this.written = 0;
        this.chunk = "";
      }
    }
  }

  /** Whether the root element has been closed (a method, as handlers change the phase behind TypeScript's back). */
  private done(): boolean {
    return this.phase === "done";
  }

  /** Skips text up to the end of the next `</transacao>`, then reads on with a new parser. */
  private skip(text: string): string {
    const joined = this.skipped + text;
    transactionEnd.lastIndex = 0;
    const found = transactionEnd.exec(joined);
    if (found === null) {
      this.skipped = joined.slice(-64);
      return "";
    }
    this.phase = "root";
    return joined.slice(found.index + found[0].length);
  }

  private checkSizes(): void {
    if (this.phase === "record" && this.written - this.recordStart > maxRecordChars) {
      this.records.push({ position: this.position, error: "transaction is larger than 64 KiB" });
      this.phase = "skipping";
      // The "</transacao>" that ends it may have begun in this chunk.
      this.skipped = this.chunk.slice(-64);
      this.parser = this.newParser(true);
      this.written = 0;
      this.chunk = "";
    } else if ((this.phase === "root" || this.phase === "prolog") && this.written - this.lastEvent > maxOutsideChars) {
      throw new ImportFileError("VALIDATION_FAILED", "The XML has a tag, comment or text longer than 64 KiB between transactions.");
    }
  }

  private newParser(fragment: boolean): SaxesParser {
    const parser = new SaxesParser({ fragment, position: false });
    parser.on("opentag", (tag) => this.onOpen(tag));
    parser.on("closetag", (tag) => this.onClose(tag));
    parser.on("text", (text) => this.onText(text));
    parser.on("cdata", (text) => this.onText(text));
    // No "xmldecl" handler: it comes first anyway, and saxes adds each handler as a property; an
    // eighth turns the parser into a dictionary-mode object in V8, and the parsing 5x slower.
    const seen = () => (this.lastEvent = this.parser.position);
    parser.on("comment", seen);
    parser.on("processinginstruction", seen);
    parser.on("error", (error) => this.onError(error.message));
    this.lastEvent = 0;
    return parser;
  }

  private onOpen(tag: Tag): void {
    const name = tag.name;
    if (this.phase === "record") return this.transaction.openElement(name);
    if (this.phase === "prolog") {
      if (name !== "transacoes") throw new ImportFileError("UNSUPPORTED_FORMAT", `${notTransactionsFile}, found <${name}>.`);
      this.phase = "root";
    } else if (name === "transacao") {
      this.position++;
      this.phase = "record";
      this.transaction = new TransactionFields();
      this.recordStart = this.parser.position;
    } else if (++this.outsideDepth > maxOutsideDepth) {
      throw new ImportFileError("VALIDATION_FAILED", "The XML has elements nested too deeply between transactions.");
    }
    this.lastEvent = this.parser.position;
  }

  private onClose(tag: Tag): void {
    this.lastClosed = tag.name;
    if (this.phase === "record") {
      if (this.transaction.open.length > 0) return this.transaction.closeElement();
      // The parser also closes the elements it drops on an error, which comes next.
      if (!tag.isSelfClosing && !this.justClosed("transacao")) return;
      this.records.push(this.finishRecord());
      this.phase = "root";
    } else if (tag.name === "transacoes" && (tag.isSelfClosing || this.justClosed("transacoes"))) {
      this.phase = "done";
      throw stop;
    } else {
      this.outsideDepth--;
    }
    this.lastEvent = this.parser.position;
  }

  private onText(text: string): void {
    if (this.phase === "record") this.transaction.addText(text);
    else this.lastEvent = this.parser.position;
  }

  private onError(message: string): void {
    if (this.phase === "done") return;
    if (this.phase === "prolog") throw new ImportFileError("UNSUPPORTED_FORMAT", `${notTransactionsFile}.`);
    const reason = message === "disallowed character in tag name" ? notATag : message.replace(/\.$/, "");
    if (this.phase === "root") {
      if (this.closedName() === "transacoes") {
        this.phase = "done";
        throw stop;
      }
      const where = this.position === 0 ? "before the first transaction" : `after transaction ${this.position}`;
      throw new ImportFileError("VALIDATION_FAILED", `The XML is malformed ${where}: ${reason}.`);
    }
    if (this.phase !== "record") return;
    const closed = this.closedName();
    const transaction = this.transaction;
    if (closed === "transacao" && this.lastClosed !== "transacao") transaction.malformed(`<${this.lastClosed}> is not closed`);
    else if (closed !== null && this.lastClosed === "transacao") transaction.malformed(`unexpected </${closed}>`);
    else if (closed !== null) transaction.malformed(`</${closed}> found where </${this.lastClosed}> was expected`);
    else transaction.malformed(reason);
    this.records.push({ position: this.position, error: transaction.problem! });
    this.phase = closed === "transacao" ? "root" : "skipping";
    this.stoppedAt = this.parser.position;
    this.skipped = "";
    throw stop;
  }

  private finishRecord(): RawRecord {
    const position = this.position;
    if (this.parser.position - this.recordStart > maxRecordChars) return { position, error: "transaction is larger than 64 KiB" };
    const { problem, fields } = this.transaction;
    return problem === null ? { position, fields } : { position, error: problem };
  }

  /** Whether the markup the parser just read is `</name>`. */
  private justClosed(name: string): boolean {
    const end = this.parser.position - this.chunkStart;
    return (end >= name.length + 3 && this.chunk.startsWith(`</${name}>`, end - name.length - 3)) || this.closedName() === name;
  }

  /** The name in the closing tag the parser just read, if it just read one. */
  private closedName(): string | null {
    const end = this.parser.position - this.chunkStart;
    const text = end < 256 ? this.before + this.chunk.slice(0, Math.max(end, 0)) : this.chunk.slice(end - 256, end);
    return /<\/([^\s<>/]+)[ \t\r\n]*>$/.exec(text)?.[1] ?? null;
  }
}

/** Whether the text holds "<!DOCTYPE" or "<!ENTITY", in any case. */
function hasDoctype(text: string): boolean {
  // "!" is rare in XML text, so looking for it first skips the many "<".
  for (let at = text.indexOf("!"); at !== -1; at = text.indexOf("!", at + 1)) {
    if (text.charCodeAt(at - 1) !== 60) continue;
    const word = text.slice(at + 1, at + 8).toUpperCase();
    if (word === "DOCTYPE" || word.startsWith("ENTITY")) return true;
  }
  return false;
}
