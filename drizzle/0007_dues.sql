CREATE TABLE "dues" (
	"id" serial PRIMARY KEY NOT NULL,
	"membership_id" integer NOT NULL,
	"year" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"paid_on" date,
	"method" text,
	"reminded_at" timestamp with time zone,
	"collection_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_schedules" (
	"year" integer NOT NULL,
	"form" text NOT NULL,
	"amount_cents" integer NOT NULL,
	CONSTRAINT "fee_schedules_year_form_pk" PRIMARY KEY("year","form")
);
--> statement-breakpoint
CREATE TABLE "sepa_mandates" (
	"id" serial PRIMARY KEY NOT NULL,
	"membership_id" integer NOT NULL,
	"reference" text NOT NULL,
	"account_holder" text NOT NULL,
	"iban" text NOT NULL,
	"bic" text,
	"signed_on" date NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sepa_mandates_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "association_settings" ALTER COLUMN "membership_number_pattern" SET DEFAULT 'M-JJJJ-NNN';--> statement-breakpoint
ALTER TABLE "association_settings" ADD COLUMN "membership_retention_years" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "association_settings" ADD COLUMN "sepa_creditor_id" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "payment_method" text DEFAULT 'transfer' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dues" ADD CONSTRAINT "dues_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sepa_mandates" ADD CONSTRAINT "sepa_mandates_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dues_membership_year_idx" ON "dues" USING btree ("membership_id","year");--> statement-breakpoint
CREATE INDEX "dues_status_idx" ON "dues" USING btree ("status","due_on");--> statement-breakpoint
UPDATE "association_settings" SET "membership_number_pattern" = 'M-JJJJ-NNN' WHERE "membership_number_pattern" = 'M-{year}-{seq}';
