CREATE TABLE "picture_snapshots" (
	"room" text NOT NULL,
	"seq" bigint NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"picture" jsonb NOT NULL,
	CONSTRAINT "picture_snapshots_room_seq_pk" PRIMARY KEY("room","seq")
);
