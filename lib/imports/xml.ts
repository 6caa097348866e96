import { XMLParser } from "fast-xml-parser";
import { recordStream } from "./record-stream";
import type { RawRecord } from "./records";
import { TransacaoSplitter, type XmlPiece } from "./xml-splitter";

const batchRecords = 500;
const batchChars = 256 * 1024;

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  processEntities: false,
  trimValues: true,
  // The ordered form skips the library's tree-to-object pass (a third of its time) and keeps
  // CDATA apart from text, so entities are decoded in text only.
  preserveOrder: true,
  cdataPropName: "#cdata",
  jPath: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 32,
});

/**
 * Reads an XML transactions file (`<transacoes>` holding `<transacao>` elements) into records as
 * it arrives. A file with a DOCTYPE, or whose root is not `<transacoes>`, is refused whole; a
 * `<transacao>` that cannot be read becomes an error record and the rest of the file goes on.
 */
export function parseXml(text: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  return recordStream(xmlBatches(text));
}

async function* xmlBatches(text: AsyncIterable<string>): AsyncGenerator<RawRecord[], void, undefined> {
  const splitter = new TransacaoSplitter();
  const batch = new RecordBatch();
  for await (const chunk of text) {
    const records = batch.take(splitter.push(chunk));
    if (records.length > 0) yield records;
  }
  const records = [...batch.take(splitter.end()), ...batch.flush()];
  if (records.length > 0) yield records;
}

/** Collects records to parse many at once, keeping error pieces in their place in file order. */
class RecordBatch {
  private pieces: Array<{ position: number; xml: string }> = [];
  private chars = 0;

  /** The records ready after adding `pieces`: parsed batches and errors, in file order. */
  take(pieces: XmlPiece[]): RawRecord[] {
    const records: RawRecord[] = [];
    for (const piece of pieces) {
      if ("error" in piece) {
        records.push(...this.flush(), piece);
        continue;
      }
      this.pieces.push(piece);
      this.chars += piece.xml.length;
      if (this.pieces.length >= batchRecords || this.chars >= batchChars) records.push(...this.flush());
    }
    return records;
  }

  flush(): RawRecord[] {
    const pieces = this.pieces;
    this.pieces = [];
    this.chars = 0;
    return pieces.length > 0 ? parseBatch(pieces) : [];
  }
}

type OrderedNode = Record<string, unknown>;

/**
 * Reads the records of a batch in file order: those in the plain shape directly, the others with
 * fast-xml-parser, many at once; if that fails, each on its own so only the bad ones are lost.
 */
function parseBatch(batch: Array<{ position: number; xml: string }>): RawRecord[] {
  const plain = batch.map(({ xml }) => readPlainTransaction(xml));
  const others = batch.filter((_, i) => plain[i] === null);
  const together = others.length > 0 ? parseRecords(compact(others.map((record) => record.xml).join("")), others.length) : [];
  let other = 0;
  return batch.map(({ position, xml }, i) => {
    const fields = plain[i];
    if (fields !== null) return { position, fields };
    const children = Array.isArray(together) ? together[other++] : parseRecord(xml);
    if (typeof children === "string") return { position, error: `unreadable XML: ${children}` };
    return { position, ...readTransaction(children) };
  });
}

const space = "[ \\t\\r\\n]*";
const text = "([^<&]*)";
const party = (name: string) =>
  `<${name}>${space}<banco>${text}</banco>${space}<agencia>${text}</agencia>${space}<conta>${text}</conta>${space}</${name}>`;
const plainTransaction = new RegExp(
  `^<transacao>${space}${party("origem")}${space}${party("destino")}${space}<valor>${text}</valor>${space}<data>${text}</data>${space}</transacao>$`,
);

/**
 * The fields of a `<transacao>` written in the usual shape: the eight elements in order, with
 * plain text (no entities, CDATA, comments or attributes). fast-xml-parser costs four times as
 * much per record as the rest of the import together, and nearly every record of a bank's file
 * has this shape; every other record goes to fast-xml-parser, and a property test holds the two
 * readings equal.
 */
export function readPlainTransaction(xml: string): string[] | null {
  const match = plainTransaction.exec(xml);
  if (match === null) return null;
  const fields = match.slice(1);
  // As XML (and fast-xml-parser) reads line breaks: CRLF and a lone CR as LF.
  for (let i = 0; i < fields.length; i++) fields[i] = fields[i].replace(/\r\n?/g, "\n").trim();
  return fields;
}

function parseRecord(xml: string): OrderedNode[] | string {
  const parsed = parseRecords(xml, 1);
  return typeof parsed === "string" ? parsed : parsed[0];
}

/**
 * Drops the indentation between tags, which the parser would otherwise read as text nodes only
 * to trim them away. Inside CDATA that whitespace is data, so text holding CDATA is kept as is.
 */
function compact(xml: string): string {
  return xml.includes("<![CDATA[") ? xml : xml.replace(/>\s+</g, "><");
}

/** The children of each `<transacao>` in `xml`, or why it could not be parsed. */
function parseRecords(xml: string, count: number): OrderedNode[][] | string {
  let document: unknown;
  try {
    document = parser.parse(`<batch>${xml}</batch>`);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const root = Array.isArray(document) ? (document[0] as OrderedNode | undefined)?.batch : undefined;
  if (!Array.isArray(root) || root.length !== count) return "unexpected structure";
  const records: OrderedNode[][] = [];
  for (const node of root as OrderedNode[]) {
    if (!Array.isArray(node.transacao)) return "unexpected structure";
    records.push(node.transacao as OrderedNode[]);
  }
  return records;
}

class RecordProblem extends Error {}

const fieldSlots = new Map([
  ["origem", 0],
  ["destino", 3],
  ["valor", 6],
  ["data", 7],
]);
const partySlots = new Map([
  ["banco", 0],
  ["agencia", 1],
  ["conta", 2],
]);

function readTransaction(children: OrderedNode[]): { fields: string[] } | { error: string } {
  const fields = ["", "", "", "", "", "", "", ""];
  try {
    readElements(children, fieldSlots, (name, slot, content) => {
      if (slot === 6 || slot === 7) fields[slot] = textOf(name, content);
      else readElements(content, partySlots, (part, offset, partContent) => (fields[slot + offset] = textOf(part, partContent)));
    });
  } catch (error) {
    if (error instanceof RecordProblem) return { error: error.message };
    throw error;
  }
  return { fields };
}

/** Calls `read` for each child element named in `slots`; others (and loose text) are ignored. */
function readElements(
  children: OrderedNode[],
  slots: Map<string, number>,
  read: (name: string, slot: number, content: OrderedNode[]) => void,
): void {
  let seen = 0;
  for (const child of children) {
    const name = nodeName(child);
    const slot = slots.get(name);
    if (slot === undefined) continue;
    if (seen & (1 << slot)) throw new RecordProblem(`<${name}> appears more than once`);
    seen |= 1 << slot;
    read(name, slot, child[name] as OrderedNode[]);
  }
}

function textOf(name: string, content: OrderedNode[]): string {
  let text = "";
  for (const node of content) {
    if (typeof node["#text"] === "string") text += decodeEntities(node["#text"]);
    else if (Array.isArray(node["#cdata"])) text += (node["#cdata"] as OrderedNode[]).map((part) => part["#text"]).join("");
    else throw new RecordProblem(`<${name}> holds elements instead of text`);
  }
  return text;
}

function nodeName(node: OrderedNode): string {
  for (const key in node) if (key !== ":@") return key;
  return "";
}

const entity = /&(?:#(\d{1,7})|#x([\da-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const namedEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else is left as written. */
function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(entity, (match, decimal?: string, hex?: string, name?: string) => {
    if (name) return namedEntities[name];
    const code = decimal ? Number(decimal) : Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}
