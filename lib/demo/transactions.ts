import { importTransactions } from "@/lib/imports/importer";
import { formatMinorUnits } from "@/lib/money";
import type { Database } from "@/db/client";

const banks = ["BANCO DO BRASIL", "BANCO BRADESCO", "BANCO SANTANDER", "CAIXA ECONOMICA FEDERAL", "NUBANK"];
const branches = ["0001", "0002", "0110", "1234"];
const transactionsPerDay = 120;

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
const account = () => `${String(Math.floor(Math.random() * 60) + 1).padStart(5, "0")}-${Math.floor(Math.random() * 10)}`;

/** One day of made-up transactions as a bank's CSV file: mostly small, a few over BRL 100,000.00. */
function demoDayCsv(date: string): string {
  const lines: string[] = [];
  for (let i = 0; i < transactionsPerDay; i++) {
    const large = Math.random() < 0.04;
    // Whole cents drawn at random; the amount itself is formatted from an integer.
    const cents = BigInt(Math.floor(Math.random() * (large ? 40_000_000 : 2_000_000))) + (large ? 10_000_000n : 100n);
    const time = `${String(8 + Math.floor((i / transactionsPerDay) * 10)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00`;
    lines.push(
      [pick(banks), pick(branches), account(), pick(banks), pick(branches), account(), formatMinorUnits(cents), `${date}T${time}`].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Imports a demo file for every day from the start of last month to yesterday, so the
 * dashboard and the analysis have something to show. Days already imported are left alone.
 */
export async function importDemoTransactions(db: Database, actor: { id: string; label: string }, today = new Date()): Promise<number> {
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const todayStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const imported = await db.$client`select to_char(transactions_date, 'YYYY-MM-DD') as date from imports where transactions_date >= ${first.toISOString().slice(0, 10)}`;
  const done = new Set(imported.map((row) => row.date as string));
  let count = 0;
  for (const day = first; day < todayStart; day.setUTCDate(day.getUTCDate() + 1)) {
    const date = day.toISOString().slice(0, 10);
    if (done.has(date)) continue;
    const bytes = new TextEncoder().encode(demoDayCsv(date));
    await importTransactions(
      db,
      { ...actor, ip: null },
      {
        fileName: `demo-${date}.csv`,
        format: "csv",
        body: (async function* () {
          yield bytes;
        })(),
        maxBytes: bytes.length,
      },
    );
    count++;
  }
  return count;
}
