import PDFDocument from "pdfkit";
import { monthLabel } from "@/lib/analysis/month";
import { formatGroupedMinorUnits, formatMoney } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { localDateTime } from "@/lib/time";
import { statementDescription, type Statement } from "./statements";

type Document = PDFKit.PDFDocument;

const margin = 48;
const footerHeight = 24;
const padding = 6;
const tableFontSize = 9;
const closingHeight = 16;
// A4 is 595 points wide: 499 between the margins.
const columns = [
  { title: "Date", width: 86, align: "left" },
  { title: "Description", width: 180, align: "left" },
  { title: "Amount", width: 78, align: "right" },
  { title: "Fee", width: 62, align: "right" },
  { title: "Balance", width: 93, align: "right" },
] as const;
const tableWidth = columns.reduce((sum, column) => sum + column.width, 0);

// The PDF's built-in fonts (no font file to ship) write WinAnsi: Latin-1 and a few more.
const winAnsiExtras = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Text the built-in fonts can write: a character they have no glyph for shows as "?", not as a wrong one. */
export function winAnsiText(text: string): string {
  return Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(char) ? char : "?";
  }).join("");
}

/**
 * A statement as a PDF: what it covers, the opening balance and the month's totals, then a row
 * per line (date in the statement's time zone, description, amount or fee, balance after), on as
 * many A4 pages as it takes with the column headings on each, then the closing balance.
 */
export function statementPdf(statement: Statement): Promise<Uint8Array<ArrayBuffer>> {
  const { wallet } = statement;
  const doc = new PDFDocument({
    size: "A4",
    margin,
    bufferPages: true,
    info: {
      Title: winAnsiText(`Wallet statement ${wallet.accountNumber} ${statement.month}`),
      Author: "Ledgerwatch",
      Subject: winAnsiText(`${wallet.currency} wallet of ${wallet.ownerName}, ${monthLabel(statement.month)}`),
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on("data", (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on("end", () => resolve(concatenate(chunks)));
    doc.on("error", reject);
  });

  const money = (amount: bigint) => formatMoney(amount, wallet.currency);
  let y = drawHeading(doc, statement, money);
  y = drawTableHead(doc, y);
  const grouped = (amount: bigint) => formatGroupedMinorUnits(amount, currencyScale(wallet.currency));
  const signed = (amount: bigint) => (amount > 0n ? `+${grouped(amount)}` : grouped(amount));
  const rows = statement.lines.map((line) => [
    localDateTime(line.at, statement.timeZone),
    statementDescription(line),
    line.purpose === "principal" ? signed(line.amount) : "",
    line.purpose === "fee" ? signed(line.amount) : "",
    grouped(line.balanceAfter),
  ]);
  if (rows.length === 0) rows.push(["", "No money moved this month.", "", "", ""]);
  const fits = (height: number) => y + height <= doc.page.height - margin - footerHeight;
  for (const row of rows) {
    if (!fits(rowHeight(doc, row))) {
      doc.addPage();
      y = drawTableHead(doc, drawContinuedHeading(doc, statement));
    }
    y = drawRow(doc, y, row, "Helvetica");
  }
  y += 8;
  if (!fits(closingHeight)) {
    doc.addPage();
    y = drawContinuedHeading(doc, statement);
  }
  doc.font("Helvetica-Bold").fontSize(11).text(`Closing balance: ${money(statement.closingBalance)}`, margin, y, { width: tableWidth, align: "right" });
  drawFooters(doc, statement);
  doc.end();
  return finished;
}

function drawHeading(doc: Document, statement: Statement, money: (amount: bigint) => string): number {
  const { wallet } = statement;
  doc.font("Helvetica-Bold").fontSize(18).text("Wallet statement", margin, margin);
  doc.font("Helvetica").fontSize(10).fillColor("#475569").text("Ledgerwatch").fillColor("black").moveDown(1);
  const facts: [string, string][] = [
    ["Owner", wallet.ownerName],
    ["Account number", wallet.accountNumber],
    ["Currency", wallet.currency],
    ["Month", `${monthLabel(statement.month)} (${statement.month})`],
    ["Times in", statement.timeZone],
  ];
  let y = drawPairs(doc, doc.y, facts, "Helvetica");
  y += 10;
  const summary: [string, string][] = [
    ["Opening balance", money(statement.openingBalance)],
    ["Money in", money(statement.totals.in)],
    ["Money out", money(statement.totals.out)],
    ["Fees", money(statement.totals.fees)],
    ["Closing balance", money(statement.closingBalance)],
  ];
  y = drawPairs(doc, y, summary, "Helvetica-Bold");
  doc.font("Helvetica").fontSize(8).fillColor("#475569");
  doc.text(`Amounts in ${wallet.currency}. Balance is the wallet's balance after each line.`, margin, y + 12, { width: tableWidth });
  doc.fillColor("black");
  return doc.y + 8;
}

function drawPairs(doc: Document, top: number, pairs: [string, string][], valueFont: string): number {
  let y = top;
  for (const [label, value] of pairs) {
    doc.font("Helvetica").fontSize(10).text(label, margin, y, { width: 120 });
    doc.font(valueFont).fontSize(10).text(winAnsiText(value), margin + 130, y, { width: tableWidth - 130 });
    y = Math.max(y + 15, doc.y + 2);
  }
  return y;
}

function drawContinuedHeading(doc: Document, statement: Statement): number {
  const text = `Wallet statement · ${statement.wallet.accountNumber} · ${monthLabel(statement.month)} (continued)`;
  doc.font("Helvetica-Bold").fontSize(10).text(winAnsiText(text), margin, margin, { width: tableWidth });
  return doc.y + 8;
}

function drawTableHead(doc: Document, top: number): number {
  const bottom = drawRow(doc, top, columns.map((column) => column.title), "Helvetica-Bold");
  doc.moveTo(margin, bottom).lineTo(margin + tableWidth, bottom).lineWidth(0.5).strokeColor("#94a3b8").stroke();
  return bottom + 3;
}

const cellWidth = (index: number) => columns[index].width - padding;

function rowHeight(doc: Document, cells: string[]): number {
  doc.font("Helvetica").fontSize(tableFontSize);
  return Math.max(...cells.map((text, index) => doc.heightOfString(winAnsiText(text) || " ", { width: cellWidth(index) }))) + 4;
}

/** Writes a row of cells at `top`; returns where the next row starts. */
function drawRow(doc: Document, top: number, cells: string[], font: string): number {
  const height = rowHeight(doc, cells);
  doc.font(font).fontSize(tableFontSize);
  let x = margin;
  cells.forEach((text, index) => {
    const { align } = columns[index];
    if (text) doc.text(winAnsiText(text), align === "right" ? x + padding : x, top + 2, { width: cellWidth(index), align });
    x += columns[index].width;
  });
  return top + height;
}

/** "Page 1 of 3" on every page, written once all the pages exist. */
function drawFooters(doc: Document, statement: Statement) {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Text in the bottom margin would otherwise start a page of its own.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const text = `Ledgerwatch · ${statement.wallet.accountNumber} · ${statement.month} · Page ${index - start + 1} of ${count}`;
    doc.font("Helvetica").fontSize(8).fillColor("#475569").text(text, margin, doc.page.height - margin, { width: tableWidth, align: "center" });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor("black");
}

function concatenate(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
