CREATE TABLE "agency_load" (
	"agency_id" text PRIMARY KEY NOT NULL,
	"stream_version" integer NOT NULL,
	"last_seq" bigint NOT NULL,
	"name" text NOT NULL,
	"tier" text NOT NULL,
	"capacity" integer NOT NULL,
	"active" integer NOT NULL,
	"regions_served" text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"state" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drill_current" (
	"drill_id" text PRIMARY KEY NOT NULL,
	"stream_version" integer NOT NULL,
	"last_seq" bigint NOT NULL,
	"scenario_id" text NOT NULL,
	"status" text NOT NULL,
	"regions" text[] NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"state" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_current" (
	"incident_id" text PRIMARY KEY NOT NULL,
	"stream_version" integer NOT NULL,
	"last_seq" bigint NOT NULL,
	"status" text NOT NULL,
	"level" text,
	"sector" text NOT NULL,
	"region" text NOT NULL,
	"regulator_region" text NOT NULL,
	"org_id" text NOT NULL,
	"org_name" text NOT NULL,
	"open" boolean NOT NULL,
	"drill" boolean NOT NULL,
	"warning_id" text,
	"discovered_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"state" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region_summary" (
	"region" text NOT NULL,
	"drill" boolean NOT NULL,
	"level" text NOT NULL,
	"open" integer NOT NULL,
	"last_seq" bigint NOT NULL,
	CONSTRAINT "region_summary_region_drill_level_pk" PRIMARY KEY("region","drill","level")
);
--> statement-breakpoint
CREATE TABLE "warning_current" (
	"warning_id" text PRIMARY KEY NOT NULL,
	"stream_version" integer NOT NULL,
	"last_seq" bigint NOT NULL,
	"status" text NOT NULL,
	"colour" text,
	"regions" text[] NOT NULL,
	"sectors" text[] NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"drill" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"state" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_current" (
	"watch_id" text PRIMARY KEY NOT NULL,
	"stream_version" integer NOT NULL,
	"last_seq" bigint NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"regions" text[] NOT NULL,
	"drill" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"state" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "incident_current_region_idx" ON "incident_current" USING btree ("region","open");--> statement-breakpoint
CREATE INDEX "incident_current_regulator_idx" ON "incident_current" USING btree ("regulator_region","sector","open");