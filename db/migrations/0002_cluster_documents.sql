CREATE TABLE "cluster_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cluster_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"chain_id" integer NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"title" text NOT NULL,
	"uri" text NOT NULL,
	"sha256" varchar(66) NOT NULL,
	"author" varchar(42) NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cluster_documents_cluster" ON "cluster_documents" USING btree ("chain_id","cluster_id");