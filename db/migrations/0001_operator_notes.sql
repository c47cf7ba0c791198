CREATE TABLE "cluster_notes" (
	"chain_id" integer NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"body" text NOT NULL,
	"author" varchar(42) NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cluster_notes_chain_id_cluster_id_pk" PRIMARY KEY("chain_id","cluster_id")
);
