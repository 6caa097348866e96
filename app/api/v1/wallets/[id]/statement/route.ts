import { apiRoute } from "@/app/_server/api";
import { readWalletStatement } from "@/lib/api/operations";
import { statementCsv } from "@/lib/ledger/statement-csv";
import { statementPdf } from "@/lib/ledger/statement-pdf";
import { statementFileName, walletStatement } from "@/lib/ledger/statements";

/** The customer's own wallet's statement for a month, as a file to download: the wallet pages link here too. */
export const GET = apiRoute(readWalletStatement, async ({ params, query, user, services }) => {
  const statement = await walletStatement(services.db, { ownerId: user.id, walletId: params.id, month: query.month, timeZone: query.timeZone });
  const file =
    query.format === "pdf"
      ? { body: await statementPdf(statement), type: "application/pdf" }
      : // The byte order mark tells spreadsheets the text is UTF-8, so accented names survive.
        { body: `\uFEFF${statementCsv(statement)}`, type: "text/csv; charset=utf-8" };
  return new Response(file.body, {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="${statementFileName(statement, query.format)}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
