CREATE TABLE "events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"stream_id" text NOT NULL,
	"stream_version" integer NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor" text NOT NULL,
	"region" text,
	"regions" text[] NOT NULL,
	"drill" boolean DEFAULT false NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"idempotency_key" text,
	"hash_alg" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "events_stream_version_positive" CHECK ("events"."stream_version" > 0)
);
--> statement-breakpoint
CREATE TABLE "projection_checkpoints" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"parent" text,
	"regulated" boolean NOT NULL,
	"sectors" text[] NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "events_stream_version_uq" ON "events" USING btree ("stream_id","stream_version");--> statement-breakpoint
CREATE UNIQUE INDEX "events_idempotency_key_uq" ON "events" USING btree ("idempotency_key") WHERE "events"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "events_region_seq_idx" ON "events" USING btree ("region","seq");--> statement-breakpoint
CREATE INDEX "events_regions_idx" ON "events" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "events_recorded_at_idx" ON "events" USING btree ("recorded_at");