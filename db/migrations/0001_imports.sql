CREATE TYPE "public"."import_format" AS ENUM('csv', 'xml');--> statement-breakpoint
CREATE TABLE "import_ignored_lines" (
	"import_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "import_ignored_lines_import_id_position_pk" PRIMARY KEY("import_id","position")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"format" "import_format" NOT NULL,
	"transactions_date" date NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"transaction_count" integer NOT NULL,
	"ignored_count" integer NOT NULL,
	"byte_count" bigint NOT NULL,
	CONSTRAINT "imports_transactionsDate_unique" UNIQUE("transactions_date")
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"origin_bank" text NOT NULL,
	"origin_branch" text NOT NULL,
	"origin_account" text NOT NULL,
	"destination_bank" text NOT NULL,
	"destination_branch" text NOT NULL,
	"destination_account" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) DEFAULT 'BRL' NOT NULL,
	"occurred_at" timestamp NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_ignored_lines" ADD CONSTRAINT "import_ignored_lines_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_imported_at_idx" ON "imports" USING btree ("imported_at");--> statement-breakpoint
CREATE INDEX "transactions_import_id_idx" ON "transactions" USING btree ("import_id","id");--> statement-breakpoint
CREATE INDEX "transactions_occurred_at_idx" ON "transactions" USING btree ("occurred_at");