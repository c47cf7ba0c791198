CREATE TABLE "chain_identity" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"genesis_hash" varchar(66) NOT NULL,
	"deploy_block" bigint NOT NULL,
	"deploy_block_hash" varchar(66) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indexed_blocks" (
	"chain_id" integer NOT NULL,
	"number" bigint NOT NULL,
	"hash" varchar(66) NOT NULL,
	"parent_hash" varchar(66) NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "indexed_blocks_chain_id_number_pk" PRIMARY KEY("chain_id","number")
);
--> statement-breakpoint
CREATE TABLE "stablecoin_transfers" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"from" varchar(42) NOT NULL,
	"to" varchar(42) NOT NULL,
	"value" numeric(78, 0) NOT NULL,
	CONSTRAINT "stablecoin_transfers_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE INDEX "stablecoin_transfers_block_idx" ON "stablecoin_transfers" USING btree ("chain_id","block_number");