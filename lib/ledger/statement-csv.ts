import Papa from "papaparse";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { localDateTime } from "@/lib/time";
import { lineLabel } from "./line-text";
import type { Statement } from "./statements";

// A spreadsheet runs a cell starting with =, +, - or @ as a formula: such text is escaped, but a
// negative amount ("-50.00") is a number and stays one.
const formulaLike = /^(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?$))/;

const columns = ["date", "description", "counterparty_account", "counterparty_name", "reference", "amount", "fee", "balance", "transfer_id"];

/**
 * A statement as CSV: a block of what it covers and its balances (opening first, closing last),
 * a blank line, then one row per line with its columns named. Amounts are plain decimals, signed
 * as they move the balance; a fee is in the fee column, the balance after each row in balance.
 */
export function statementCsv(statement: Statement): string {
  const scale = currencyScale(statement.wallet.currency);
  const decimal = (amount: bigint) => formatMinorUnits(amount, scale);
  const options = { newline: "\r\n", escapeFormulae: formulaLike };
  const summary = Papa.unparse(
    [
      ["Statement", "Ledgerwatch wallet statement"],
      ["Owner", statement.wallet.ownerName],
      ["Account number", statement.wallet.accountNumber],
      ["Currency", statement.wallet.currency],
      ["Month", statement.month],
      ["Time zone", statement.timeZone],
      ["Opening balance", decimal(statement.openingBalance)],
      ["Money in", decimal(statement.totals.in)],
      ["Money out", decimal(statement.totals.out)],
      ["Fees", decimal(statement.totals.fees)],
      ["Closing balance", decimal(statement.closingBalance)],
    ],
    options,
  );
  const rows = statement.lines.map((line) => ({
    date: localDateTime(line.at, statement.timeZone),
    description: lineLabel(line),
    counterparty_account: line.counterparty ?? "",
    counterparty_name: line.counterpartyName ?? "",
    reference: line.reference ?? "",
    amount: line.purpose === "principal" ? decimal(line.amount) : "",
    fee: line.purpose === "fee" ? decimal(line.amount) : "",
    balance: decimal(line.balanceAfter),
    transfer_id: line.transferId,
  }));
  const table = Papa.unparse({ fields: columns, data: rows }, options);
  return `${summary}\r\n\r\n${table}\r\n`;
}
