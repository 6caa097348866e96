import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, type WriteStream } from "node:fs";
import path from "node:path";

export type BenchFiles = { csv: string; xml: string; csvDate: string; xmlDate: string; rows: number };

const csvDate = "2030-01-01";
const xmlDate = "2030-01-02";
const rowsPerChunk = 5000;

const banks = [
  "BANCO DO BRASIL",
  "BANCO BRADESCO",
  "BANCO SANTANDER",
  "ITAU UNIBANCO",
  "CAIXA ECONOMICA FEDERAL",
  "BANCO INTER",
  "NU PAGAMENTOS",
  "BANCO SAFRA",
  "BANCO BTG PACTUAL",
  "BANCO ORIGINAL",
  "BANCO PAN",
  "BANCO C6",
  "BANCO MERCANTIL DO BRASIL",
  "BANCO DO NORDESTE",
  "BANRISUL",
  "SICOOB",
  "SICREDI",
  "BANCO DAYCOVAL",
  "BANCO BMG",
  "BANCO VOTORANTIM",
];

/** A small seeded generator, so the CSV and the XML always hold the same transactions. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = {
  originBank: string;
  originBranch: string;
  originAccount: string;
  destinationBank: string;
  destinationBranch: string;
  destinationAccount: string;
  amount: string;
  time: string;
};

function rowMaker(rows: number) {
  const random = seededRandom(20300101);
  const pick = (count: number) => Math.floor(random() * count);
  const branch = () => String(1 + pick(200)).padStart(4, "0");
  const account = () => `${String(pick(100_000)).padStart(5, "0")}-${pick(10)}`;
  const amount = () => {
    // Half whole amounts (1 to 200000), half with cents (0.01 to 200000.00).
    if (random() < 0.5) return String(1 + pick(200_000));
    const cents = 1 + pick(20_000_000);
    return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  };
  const two = (value: number) => String(value).padStart(2, "0");
  return (index: number): Row => {
    // Times climb through the day as in a real statement, seconds jittered.
    const second = Math.min(86_399, Math.floor((index * 86_400) / rows) + pick(3));
    return {
      originBank: banks[pick(banks.length)],
      originBranch: branch(),
      originAccount: account(),
      destinationBank: banks[pick(banks.length)],
      destinationBranch: branch(),
      destinationAccount: account(),
      amount: amount(),
      time: `${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}`,
    };
  };
}

function csvLine(row: Row): string {
  return `${row.originBank},${row.originBranch},${row.originAccount},${row.destinationBank},${row.destinationBranch},${row.destinationAccount},${row.amount},${csvDate}T${row.time}\n`;
}

// The layout of the challenge's sample file.
function xmlElement(row: Row): string {
  return `  <transacao>
    <origem>
      <banco>${row.originBank}</banco>
      <agencia>${row.originBranch}</agencia>
      <conta>${row.originAccount}</conta>
    </origem>
    <destino>
      <banco>${row.destinationBank}</banco>
      <agencia>${row.destinationBranch}</agencia>
      <conta>${row.destinationAccount}</conta>
    </destino>
    <valor>${row.amount}</valor>
    <data>${xmlDate}T${row.time}</data>
  </transacao>
`;
}

async function write(stream: WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

async function close(stream: WriteStream) {
  stream.end();
  await once(stream, "finish");
}

/** Counts the occurrences of `marker` in a file, reading it as a stream. */
export async function countInFile(file: string, marker: string): Promise<number> {
  const needle = Buffer.from(marker);
  let count = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let at = data.indexOf(needle);
    let end = 0;
    while (at !== -1) {
      count++;
      end = at + needle.length;
      at = data.indexOf(needle, end);
    }
    // Keep a tail that might hold the start of a marker cut by the chunk boundary.
    carry = Buffer.from(data.subarray(Math.max(end, data.length - needle.length + 1)));
  }
  return count;
}

async function hasRows(file: string, marker: string, rows: number): Promise<boolean> {
  return existsSync(file) && (await countInFile(file, marker)) === rows;
}

/**
 * Writes `rows` transactions as a CSV of one day and the same transactions as an XML of the
 * next day, chunk by chunk. Files already holding that many rows are kept.
 */
export async function benchFiles(directory: string, rows: number, log: (line: string) => void): Promise<BenchFiles> {
  mkdirSync(directory, { recursive: true });
  const csv = path.join(directory, `transactions-${rows}.csv`);
  const xml = path.join(directory, `transactions-${rows}.xml`);
  const files = { csv, xml, csvDate, xmlDate, rows };
  if ((await hasRows(csv, "\n", rows)) && (await hasRows(xml, "</transacao>", rows))) {
    log(`reusing ${path.relative(process.cwd(), csv)} and ${path.relative(process.cwd(), xml)} (${rows.toLocaleString("en")} rows each)`);
    return files;
  }

  const started = performance.now();
  // Written under temporary names, so an interrupted run never leaves a file that looks complete.
  const csvOut = createWriteStream(`${csv}.partial`);
  const xmlOut = createWriteStream(`${xml}.partial`);
  const makeRow = rowMaker(rows);
  await write(xmlOut, '<?xml version="1.0" encoding="UTF-8"?>\n<transacoes>\n');
  for (let start = 0; start < rows; start += rowsPerChunk) {
    let csvChunk = "";
    let xmlChunk = "";
    for (let index = start; index < Math.min(rows, start + rowsPerChunk); index++) {
      const row = makeRow(index);
      csvChunk += csvLine(row);
      xmlChunk += xmlElement(row);
    }
    await Promise.all([write(csvOut, csvChunk), write(xmlOut, xmlChunk)]);
  }
  await write(xmlOut, "</transacoes>\n");
  await Promise.all([close(csvOut), close(xmlOut)]);
  renameSync(`${csv}.partial`, csv);
  renameSync(`${xml}.partial`, xml);
  log(`generated ${rows.toLocaleString("en")} rows into ${path.relative(process.cwd(), directory)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return files;
}
