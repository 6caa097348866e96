CREATE TYPE "public"."case_source" AS ENUM('screening', 'analysis');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('open', 'released', 'rejected', 'closed');--> statement-breakpoint
CREATE TYPE "public"."screening_list_entry_kind" AS ENUM('account', 'email', 'document');--> statement-breakpoint
CREATE TYPE "public"."screening_list_kind" AS ENUM('deny', 'allow');--> statement-breakpoint
CREATE TYPE "public"."screening_outcome" AS ENUM('allow', 'review', 'block');--> statement-breakpoint
ALTER TYPE "public"."ledger_transfer_status" ADD VALUE 'pending_review';--> statement-breakpoint
ALTER TYPE "public"."ledger_transfer_status" ADD VALUE 'rejected';--> statement-breakpoint
ALTER TYPE "public"."ledger_transfer_status" ADD VALUE 'blocked';--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"source" "case_source" NOT NULL,
	"status" "case_status" DEFAULT 'open' NOT NULL,
	"transfer_id" uuid,
	"subject" jsonb,
	"title" text NOT NULL,
	"assignee_id" uuid,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "cases_number_unique" UNIQUE("number"),
	CONSTRAINT "cases_transferId_unique" UNIQUE("transfer_id")
);
--> statement-breakpoint
CREATE TABLE "screening_list_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"entries" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "screening_list_kind" NOT NULL,
	"entry_kind" "screening_list_entry_kind" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_rule_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"conditions" jsonb NOT NULL,
	"outcome" "screening_outcome" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_rulesets" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_version_ids" uuid[] NOT NULL,
	"list_version_ids" uuid[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD COLUMN "screening" jsonb;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_transfer_id_ledger_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."ledger_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_list_versions" ADD CONSTRAINT "screening_list_versions_list_id_screening_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."screening_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_list_versions" ADD CONSTRAINT "screening_list_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_lists" ADD CONSTRAINT "screening_lists_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_rule_versions" ADD CONSTRAINT "screening_rule_versions_rule_id_screening_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."screening_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_rule_versions" ADD CONSTRAINT "screening_rule_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_rules" ADD CONSTRAINT "screening_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_rulesets" ADD CONSTRAINT "screening_rulesets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "cases_status_opened_idx" ON "cases" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_list_versions_list_idx" ON "screening_list_versions" USING btree ("list_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_rule_versions_rule_idx" ON "screening_rule_versions" USING btree ("rule_id","version");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "ledger_transfers_screened_idx" ON "ledger_transfers" USING btree ("from_account_id") WHERE "ledger_transfers"."status" > 'expired';--> statement-breakpoint
CREATE INDEX "ledger_transfers_from_at_idx" ON "ledger_transfers" USING btree ("from_account_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_transfers_from_to_idx" ON "ledger_transfers" USING btree ("from_account_id","to_account_id","created_at");