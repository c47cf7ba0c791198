CREATE TABLE "attestations" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"hardware_root" varchar(66) NOT NULL,
	"gpu_count" integer NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"nonce" bigint NOT NULL,
	"attested_at" timestamp with time zone NOT NULL,
	"signers" text[] NOT NULL,
	"submitter" varchar(42) NOT NULL,
	CONSTRAINT "attestations_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "balances" (
	"chain_id" integer NOT NULL,
	"token" varchar(42) NOT NULL,
	"account" varchar(42) NOT NULL,
	"balance" numeric(78, 0) NOT NULL,
	CONSTRAINT "balances_chain_id_token_account_pk" PRIMARY KEY("chain_id","token","account")
);
--> statement-breakpoint
CREATE TABLE "chain_identity" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"genesis_hash" varchar(66) NOT NULL,
	"deploy_block" bigint NOT NULL,
	"deploy_block_hash" varchar(66) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"token" varchar(42) NOT NULL,
	"account" varchar(42) NOT NULL,
	"recipient" varchar(42) NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	CONSTRAINT "claims_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "cluster_events" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"kind" text NOT NULL,
	"operator" varchar(42),
	"gpu_model" text,
	"location" text,
	"gpu_count" integer,
	"hardware_root" varchar(66),
	"metadata_uri" text,
	"metadata_hash" varchar(66),
	CONSTRAINT "cluster_events_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"chain_id" integer NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"operator" varchar(42) NOT NULL,
	"pending_operator" varchar(42),
	"gpu_model" text NOT NULL,
	"location" text NOT NULL,
	"gpu_count" integer NOT NULL,
	"hardware_root" varchar(66) NOT NULL,
	"metadata_uri" text NOT NULL,
	"metadata_hash" varchar(66) NOT NULL,
	"status" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_block" bigint NOT NULL,
	"attested_at" timestamp with time zone,
	"attested_until" timestamp with time zone,
	"last_epoch" bigint NOT NULL,
	"last_report_at" timestamp with time zone,
	CONSTRAINT "clusters_chain_id_cluster_id_pk" PRIMARY KEY("chain_id","cluster_id")
);
--> statement-breakpoint
CREATE TABLE "committee_events" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"signer" varchar(42),
	"previous_value" numeric(78, 0),
	"value" numeric(78, 0),
	CONSTRAINT "committee_events_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "epoch_reports" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"epoch" bigint NOT NULL,
	"gpu_hours_milli" bigint NOT NULL,
	"utilization_bps" smallint NOT NULL,
	"gpus_online" integer NOT NULL,
	"revenue" numeric(78, 0) NOT NULL,
	"telemetry_root" varchar(66) NOT NULL,
	"submitter" varchar(42) NOT NULL,
	CONSTRAINT "epoch_reports_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "indexed_blocks" (
	"chain_id" integer NOT NULL,
	"number" bigint NOT NULL,
	"hash" varchar(66) NOT NULL,
	"parent_hash" varchar(66),
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "indexed_blocks_chain_id_number_pk" PRIMARY KEY("chain_id","number")
);
--> statement-breakpoint
CREATE TABLE "offering_events" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"offering" varchar(42) NOT NULL,
	"kind" text NOT NULL,
	"account" varchar(42) NOT NULL,
	"shares" numeric(78, 0) NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"total_sold" numeric(78, 0),
	"total_raised" numeric(78, 0),
	"succeeded" boolean,
	"shares_returned" numeric(78, 0),
	"revenue_forwarded" numeric(78, 0),
	CONSTRAINT "offering_events_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "offerings" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"offering" varchar(42) NOT NULL,
	"token" varchar(42) NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"price_per_share" numeric(78, 0) NOT NULL,
	"sale_start" timestamp with time zone NOT NULL,
	"sale_end" timestamp with time zone NOT NULL,
	"soft_cap" numeric(78, 0) NOT NULL,
	"per_buyer_cap" numeric(78, 0) NOT NULL,
	CONSTRAINT "offerings_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "revenue_deposits" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"token" varchar(42) NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"payer" varchar(42) NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"duration_seconds" bigint NOT NULL,
	"rate_per_second" numeric(78, 0) NOT NULL,
	"stream_end" timestamp with time zone NOT NULL,
	"carried_over" numeric(78, 0) NOT NULL,
	CONSTRAINT "revenue_deposits_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "rollups" (
	"chain_id" integer NOT NULL,
	"granularity" text NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"report_count" integer NOT NULL,
	"utilization_bps_sum" bigint NOT NULL,
	"gpu_hours_milli" bigint NOT NULL,
	"gpus_online_sum" bigint NOT NULL,
	"revenue_reported" numeric(78, 0) NOT NULL,
	"deposit_count" integer NOT NULL,
	"revenue_deposited" numeric(78, 0) NOT NULL,
	CONSTRAINT "rollups_chain_id_granularity_dimension_key_bucket_pk" PRIMARY KEY("chain_id","granularity","dimension","key","bucket")
);
--> statement-breakpoint
CREATE TABLE "share_tokens" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"token" varchar(42) NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"offering" varchar(42) NOT NULL,
	"operator" varchar(42) NOT NULL,
	"name" text NOT NULL,
	"symbol" text NOT NULL,
	"supply" numeric(78, 0) NOT NULL,
	CONSTRAINT "share_tokens_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "share_transfers" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"token" varchar(42) NOT NULL,
	"from" varchar(42) NOT NULL,
	"to" varchar(42) NOT NULL,
	"value" numeric(78, 0) NOT NULL,
	CONSTRAINT "share_transfers_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "stablecoin_transfers" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"from" varchar(42) NOT NULL,
	"to" varchar(42) NOT NULL,
	"value" numeric(78, 0) NOT NULL,
	CONSTRAINT "stablecoin_transfers_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "telemetry_summaries" (
	"chain_id" integer NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"epoch" bigint NOT NULL,
	"telemetry_root" varchar(66) NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"sample_count" integer NOT NULL,
	"gpus_seen" integer NOT NULL,
	"gpus_online" integer NOT NULL,
	"utilization_bps" smallint NOT NULL,
	"gpu_hours_milli" bigint NOT NULL,
	"avg_power_watts" integer,
	"max_temperature_c" smallint,
	"ecc_errors" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telemetry_summaries_chain_id_cluster_id_epoch_pk" PRIMARY KEY("chain_id","cluster_id","epoch")
);
--> statement-breakpoint
CREATE TABLE "token_control_events" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"token" varchar(42) NOT NULL,
	"kind" text NOT NULL,
	"actor" varchar(42),
	"account" varchar(42),
	"counterparty" varchar(42),
	"flag" boolean,
	"value" numeric(78, 0),
	"revenue" numeric(78, 0),
	CONSTRAINT "token_control_events_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE INDEX "attestations_block_idx" ON "attestations" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "attestations_cluster_idx" ON "attestations" USING btree ("chain_id","cluster_id","block_number");--> statement-breakpoint
CREATE INDEX "claims_block_idx" ON "claims" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "claims_account_idx" ON "claims" USING btree ("chain_id","account");--> statement-breakpoint
CREATE INDEX "cluster_events_block_idx" ON "cluster_events" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "cluster_events_cluster_idx" ON "cluster_events" USING btree ("chain_id","cluster_id","block_number","log_index");--> statement-breakpoint
CREATE INDEX "clusters_operator_idx" ON "clusters" USING btree ("chain_id","operator");--> statement-breakpoint
CREATE INDEX "committee_events_block_idx" ON "committee_events" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "epoch_reports_block_idx" ON "epoch_reports" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "epoch_reports_cluster_idx" ON "epoch_reports" USING btree ("chain_id","cluster_id","epoch");--> statement-breakpoint
CREATE INDEX "offering_events_block_idx" ON "offering_events" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "offering_events_offering_idx" ON "offering_events" USING btree ("chain_id","offering","kind","block_number");--> statement-breakpoint
CREATE INDEX "offering_events_account_idx" ON "offering_events" USING btree ("chain_id","account");--> statement-breakpoint
CREATE UNIQUE INDEX "offerings_offering_idx" ON "offerings" USING btree ("chain_id","offering");--> statement-breakpoint
CREATE INDEX "offerings_block_idx" ON "offerings" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "revenue_deposits_block_idx" ON "revenue_deposits" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "revenue_deposits_token_idx" ON "revenue_deposits" USING btree ("chain_id","token","block_number");--> statement-breakpoint
CREATE UNIQUE INDEX "share_tokens_token_idx" ON "share_tokens" USING btree ("chain_id","token");--> statement-breakpoint
CREATE INDEX "share_tokens_cluster_idx" ON "share_tokens" USING btree ("chain_id","cluster_id");--> statement-breakpoint
CREATE INDEX "share_tokens_block_idx" ON "share_tokens" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "share_transfers_block_idx" ON "share_transfers" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "share_transfers_token_idx" ON "share_transfers" USING btree ("chain_id","token","block_number");--> statement-breakpoint
CREATE INDEX "stablecoin_transfers_block_idx" ON "stablecoin_transfers" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "token_control_events_block_idx" ON "token_control_events" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "token_control_events_token_idx" ON "token_control_events" USING btree ("chain_id","token","kind");