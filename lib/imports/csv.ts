import Papa from "papaparse";
import { ImportFileError } from "./errors";
import { recordStream } from "./record-stream";
import type { RawRecord } from "./records";

// One transaction line is under 300 characters; an unfinished record this long can only be a
// quote that is never closed, which would otherwise swallow the rest of the file.
const maxRecordChars = 64 * 1024;
// An unfinished record is parsed again with each new piece of text, so pieces are gathered to
// this size first: tiny chunks then cost no more than big ones.
const minParseChars = 16 * 1024;

const quoteProblems: Record<string, string> = {
  MissingQuotes: "a quoted field is never closed",
  InvalidQuotes: "malformed quoted field (a closing quote must be followed by a comma or the end of the line)",
};

/**
 * Reads CSV text (no header, comma-separated, RFC 4180 quoting) into records as it arrives.
 * Rows end at "\n"; a "\r" left at the end of a row is dropped, so CRLF, LF and a mix of both all
 * work. Lines holding only whitespace are skipped but still counted, so each record's position is
 * the line it starts on.
 */
export function parseCsv(text: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  return recordStream(csvBatches(text));
}

async function* csvBatches(text: AsyncIterable<string>): AsyncGenerator<RawRecord[], void, undefined> {
  // The low-level parser reads what it is given and reports where the unfinished last row
  // starts; that row is kept and parsed again with the next chunk.
  const parser = new Papa.Parser({ delimiter: ",", newline: "\n", quoteChar: '"' });
  const lines = { next: 1 };
  let pending = "";
  let unparsed = 0;
  let hasContent = false;
  for await (const chunk of text) {
    if (!hasContent && /\S/.test(chunk)) hasContent = true;
    pending += chunk;
    unparsed += chunk.length;
    if (unparsed < minParseChars) continue;
    unparsed = 0;
    const result: Papa.ParseResult<string[]> = parser.parse(pending, 0, true);
    const records = toRecords(result, pending, lines);
    if (records.length > 0) yield records;
    pending = pending.slice(result.meta.cursor);
    if (pending.length > maxRecordChars) {
      throw new ImportFileError(
        "VALIDATION_FAILED",
        `Line ${lines.next} starts a record longer than 64 KiB: most likely a quote (") that is never closed.`,
      );
    }
  }
  if (!hasContent) throw new ImportFileError("EMPTY_FILE", "The file is empty.");
  const records = toRecords(parser.parse(pending, 0, false), pending, lines);
  if (records.length > 0) yield records;
}

function toRecords(result: Papa.ParseResult<string[]>, input: string, lines: { next: number }): RawRecord[] {
  const rows = result.data;
  const records: RawRecord[] = [];
  // Without a quote in the input no field can hold a line break, so every row is one line.
  const multiline = input.includes('"');
  const problems = result.errors.length > 0 ? rowProblems(result.errors, rows.length) : undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const position = lines.next;
    lines.next += multiline ? 1 + lineBreaks(row) : 1;
    const problem = problems?.get(i);
    if (problem) {
      records.push({ position, error: problem });
      continue;
    }
    const last = row.length - 1;
    if (row[last].charCodeAt(row[last].length - 1) === 13) row[last] = row[last].slice(0, -1);
    if (last === 0 && row[0].trim() === "") continue;
    records.push({ position, fields: row });
  }
  return records;
}

function rowProblems(errors: Papa.ParseError[], rowCount: number): Map<number, string> {
  const problems = new Map<number, string>();
  for (const error of errors) {
    // An error past the last returned row belongs to the unfinished row, parsed again later.
    if (error.row === undefined || error.row >= rowCount || problems.has(error.row)) continue;
    problems.set(error.row, quoteProblems[error.code] ?? error.message);
  }
  return problems;
}

function lineBreaks(row: string[]): number {
  let count = 0;
  for (const field of row) {
    for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) count++;
  }
  return count;
}
