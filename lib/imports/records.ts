/**
 * One transaction as read from a file, before validation.
 * `position` is the 1-based line where the record starts in a CSV file, or the 1-based index of
 * its `<transacao>` element in an XML file. `fields` holds the eight values in file order (origin
 * bank, branch, account, destination bank, branch, account, amount, date-time) exactly as found;
 * `error` says why a record could not be read at all.
 */
export type RawRecord = { position: number; fields: string[] } | { position: number; error: string };
