CREATE TYPE "public"."flow_direction" AS ENUM('in', 'out');--> statement-breakpoint
CREATE TABLE "account_monthly_totals" (
	"month" date NOT NULL,
	"direction" "flow_direction" NOT NULL,
	"bank" text NOT NULL,
	"branch" text NOT NULL,
	"account" text NOT NULL,
	"total" numeric NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "account_monthly_totals_month_direction_bank_branch_account_pk" PRIMARY KEY("month","direction","bank","branch","account")
);
--> statement-breakpoint
CREATE TABLE "branch_monthly_totals" (
	"month" date NOT NULL,
	"direction" "flow_direction" NOT NULL,
	"bank" text NOT NULL,
	"branch" text NOT NULL,
	"total" numeric NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "branch_monthly_totals_month_direction_bank_branch_pk" PRIMARY KEY("month","direction","bank","branch")
);
--> statement-breakpoint
CREATE TABLE "threshold_versions" (
	"version" serial PRIMARY KEY NOT NULL,
	"transaction_amount" bigint NOT NULL,
	"account_total" bigint NOT NULL,
	"branch_total" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "total_amount" numeric DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "totals_applied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "threshold_versions" ADD CONSTRAINT "threshold_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_monthly_totals_total_idx" ON "account_monthly_totals" USING btree ("month","total");--> statement-breakpoint
CREATE INDEX "branch_monthly_totals_total_idx" ON "branch_monthly_totals" USING btree ("month","total");--> statement-breakpoint
CREATE INDEX "imports_totals_pending_idx" ON "imports" USING btree ("transactions_date") WHERE "imports"."totals_applied_at" is null;--> statement-breakpoint
CREATE INDEX "transactions_amount_idx" ON "transactions" USING btree ("amount");--> statement-breakpoint
CREATE INDEX "transactions_origin_idx" ON "transactions" USING btree ("origin_bank","origin_branch","origin_account","occurred_at");--> statement-breakpoint
CREATE INDEX "transactions_destination_idx" ON "transactions" USING btree ("destination_bank","destination_branch","destination_account","occurred_at");
--> statement-breakpoint
-- The default thresholds (BRL 100,000.00, 1,000,000.00 and 1,000,000,000.00 in cents) as version 1.
INSERT INTO "threshold_versions" ("transaction_amount", "account_total", "branch_total") VALUES (10000000, 100000000, 100000000000);--> statement-breakpoint
-- Totals for the transactions imported before this migration; each import adds its own from here on.
UPDATE "imports" SET "total_amount" = coalesce((SELECT sum("amount") FROM "transactions" WHERE "import_id" = "imports"."id"), 0), "totals_applied_at" = now();--> statement-breakpoint
INSERT INTO "account_monthly_totals" ("month", "direction", "bank", "branch", "account", "total", "count")
SELECT date_trunc('month', "occurred_at")::date, 'out'::flow_direction, "origin_bank", "origin_branch", "origin_account", sum("amount"), count(*)
FROM "transactions" GROUP BY 1, 3, 4, 5
UNION ALL
SELECT date_trunc('month', "occurred_at")::date, 'in'::flow_direction, "destination_bank", "destination_branch", "destination_account", sum("amount"), count(*)
FROM "transactions" GROUP BY 1, 3, 4, 5;--> statement-breakpoint
INSERT INTO "branch_monthly_totals" ("month", "direction", "bank", "branch", "total", "count")
SELECT "month", "direction", "bank", "branch", sum("total"), sum("count") FROM "account_monthly_totals" GROUP BY 1, 2, 3, 4;
