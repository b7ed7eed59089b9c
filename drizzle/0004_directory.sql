CREATE TABLE "districts" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_descriptions" (
	"organisation_id" integer NOT NULL,
	"locale" text NOT NULL,
	"body" text NOT NULL,
	"source_revision" integer NOT NULL,
	"reviewed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_descriptions_organisation_id_locale_pk" PRIMARY KEY("organisation_id","locale")
);
--> statement-breakpoint
CREATE TABLE "organisation_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"invited_by" integer,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"user_id" integer,
	"wants_admin" boolean DEFAULT false NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_roles" (
	"organisation_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_roles_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"legal_form" text,
	"register_court" text,
	"register_number" text,
	"district_key" text NOT NULL,
	"municipality" text DEFAULT '' NOT NULL,
	"postal_code" text DEFAULT '' NOT NULL,
	"street" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"contact_person" text DEFAULT '' NOT NULL,
	"founding_year" integer,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"communities" text[] DEFAULT '{}'::text[] NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_member" boolean DEFAULT false NOT NULL,
	"logo_key" text,
	"visibility" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"source_revision" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"search_vector" "tsvector",
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "organisation_descriptions" ADD CONSTRAINT "organisation_descriptions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD CONSTRAINT "organisation_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD CONSTRAINT "organisation_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_requests" ADD CONSTRAINT "organisation_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_requests" ADD CONSTRAINT "organisation_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_requests" ADD CONSTRAINT "organisation_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_roles" ADD CONSTRAINT "organisation_roles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_roles" ADD CONSTRAINT "organisation_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_district_key_districts_key_fk" FOREIGN KEY ("district_key") REFERENCES "public"."districts"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_requests_status_idx" ON "organisation_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_requests_open_claim_idx" ON "organisation_requests" USING btree ("organisation_id","user_id") WHERE "organisation_requests"."status" = 'open' and "organisation_requests"."kind" = 'claim';--> statement-breakpoint
CREATE INDEX "organisation_roles_user_idx" ON "organisation_roles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "organisations_search_vector_idx" ON "organisations" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "organisations_search_text_idx" ON "organisations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organisations_status_district_idx" ON "organisations" USING btree ("status","district_key");--> statement-breakpoint
CREATE INDEX "organisations_name_idx" ON "organisations" USING btree ("status","name");--> statement-breakpoint
INSERT INTO "districts" ("key", "name") VALUES
	('14511', 'Chemnitz'),
	('14521', 'Erzgebirgskreis'),
	('14522', 'Mittelsachsen'),
	('14523', 'Vogtlandkreis'),
	('14524', 'Zwickau'),
	('14612', 'Dresden'),
	('14625', 'Bautzen'),
	('14626', 'Görlitz'),
	('14627', 'Meißen'),
	('14628', 'Sächsische Schweiz-Osterzgebirge'),
	('14713', 'Leipzig'),
	('14729', 'Landkreis Leipzig'),
	('14730', 'Nordsachsen')
ON CONFLICT ("key") DO NOTHING;
