-- Nothing reads transfers by sender or recipient and time (a history reads postings; holds have
-- their own partial index): these two indexes only cost every transfer two index writes.
DROP INDEX "ledger_transfers_from_idx";--> statement-breakpoint
DROP INDEX "ledger_transfers_to_idx";