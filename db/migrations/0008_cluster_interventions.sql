CREATE TABLE "cluster_interventions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cluster_interventions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"chain_id" integer NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"kind" text NOT NULL,
	"tx_hash" varchar(66),
	"from" varchar(42) NOT NULL,
	"to" varchar(42) NOT NULL,
	"amount" numeric(78, 0),
	"reason" text NOT NULL,
	"document_title" text,
	"document_uri" text NOT NULL,
	"document_sha256" varchar(66) NOT NULL,
	"author" varchar(42) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cluster_interventions_kind" CHECK ("cluster_interventions"."kind" in ('forced_transfer', 'wallet_recovered')),
	CONSTRAINT "cluster_interventions_reason" CHECK (char_length("cluster_interventions"."reason") between 1 and 1000),
	CONSTRAINT "cluster_interventions_document_title" CHECK (char_length("cluster_interventions"."document_title") <= 120),
	CONSTRAINT "cluster_interventions_document_uri" CHECK (char_length("cluster_interventions"."document_uri") <= 512)
);
--> statement-breakpoint
CREATE INDEX "cluster_interventions_cluster" ON "cluster_interventions" USING btree ("chain_id","cluster_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cluster_interventions_tx" ON "cluster_interventions" USING btree ("chain_id","tx_hash");