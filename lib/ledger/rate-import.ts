import Papa from "papaparse";
import { z } from "zod";
import { rateInputSchema } from "./rates";

export type RateLine = z.output<typeof rateInputSchema>;
export type LineError = { line: number; message: string };
export type RateFileResult = { ok: true; rates: RateLine[] } | { ok: false; message: string; errors: LineError[] };

/** A rates file is a short list typed or exported by a person: more lines than this is a wrong file. */
export const maxRateLines = 1000;
/** A generous bound for a file of at most `maxRateLines` lines. */
export const maxRateFileBytes = 256 * 1024;
export const defaultImportSource = "CSV import";

const columns = ["base", "quote", "rate", "source"] as const;

function isHeader(fields: string[]): boolean {
  return fields[0]?.trim().toLowerCase() === "base" && fields[1]?.trim().toLowerCase() === "quote";
}

function lineProblem(fields: string[]): { rate: RateLine } | { message: string } {
  if (fields.length < 3 || fields.length > 4) {
    return { message: `Expected base,quote,rate or base,quote,rate,source; found ${fields.length} field${fields.length === 1 ? "" : "s"}.` };
  }
  const record = Object.fromEntries(columns.map((name, index) => [name, fields[index]]));
  if (!record.source?.trim()) record.source = defaultImportSource;
  const parsed = rateInputSchema.safeParse(record);
  if (!parsed.success) {
    return { message: parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "line")}: ${issue.message}`).join(" ") };
  }
  if (parsed.data.base === parsed.data.quote) return { message: "A rate needs two different currencies." };
  return { rate: parsed.data };
}

/**
 * Reads a rates CSV (`base,quote,rate[,source]`, an optional header line, blank lines skipped)
 * and validates every line. The file is taken whole or not at all: any bad line makes it a list
 * of errors by line number (counting from 1, as an editor shows them).
 */
export function parseRateFile(text: string): RateFileResult {
  const content = text.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(content, { delimiter: ",", skipEmptyLines: false });
  const errors: LineError[] = [];
  const rates: RateLine[] = [];
  const rowErrors = new Map(parsed.errors.filter((error) => error.row !== undefined).map((error) => [error.row!, error.message]));

  // Papaparse gives one row per line (a quoted field spanning lines aside, which rates never have).
  parsed.data.forEach((fields, index) => {
    const line = index + 1;
    if (fields.every((field) => field.trim() === "")) return;
    if (rates.length === 0 && errors.length === 0 && isHeader(fields)) return;
    const parseError = rowErrors.get(index);
    if (parseError) {
      errors.push({ line, message: parseError });
      return;
    }
    const outcome = lineProblem(fields);
    if ("message" in outcome) errors.push({ line, message: outcome.message });
    else rates.push(outcome.rate);
  });

  if (errors.length > 0) {
    const count = errors.length === 1 ? "1 line has a problem" : `${errors.length} lines have problems`;
    return { ok: false, message: `Nothing was imported: ${count}. Fix the file and import it again.`, errors };
  }
  if (rates.length === 0) return { ok: false, message: "The file has no rates: write one base,quote,rate per line, like USD,BRL,5.4321.", errors };
  if (rates.length > maxRateLines) return { ok: false, message: `A file holds at most ${maxRateLines} rates; this one has ${rates.length}.`, errors };
  return { ok: true, rates };
}
