CREATE TABLE "mirror"."market_fee_events" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"market" varchar(42) NOT NULL,
	"fee_bps" integer NOT NULL,
	"recipient" varchar(42) NOT NULL,
	CONSTRAINT "market_fee_events_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "mirror"."market_fills" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"market" varchar(42) NOT NULL,
	"offer_hash" varchar(66) NOT NULL,
	"maker" varchar(42) NOT NULL,
	"taker" varchar(42) NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"side" smallint NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"price" numeric(78, 0) NOT NULL,
	"cost" numeric(78, 0) NOT NULL,
	"fee" numeric(78, 0) NOT NULL,
	CONSTRAINT "market_fills_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "mirror"."market_nonce_cancels" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"market" varchar(42) NOT NULL,
	"maker" varchar(42) NOT NULL,
	"min_nonce" numeric(78, 0) NOT NULL,
	CONSTRAINT "market_nonce_cancels_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "mirror"."market_offer_cancels" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" varchar(66) NOT NULL,
	"log_index" integer NOT NULL,
	"transaction_hash" varchar(66) NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"market" varchar(42) NOT NULL,
	"offer_hash" varchar(66) NOT NULL,
	"maker" varchar(42) NOT NULL,
	CONSTRAINT "market_offer_cancels_chain_id_block_hash_log_index_pk" PRIMARY KEY("chain_id","block_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "market_offers" (
	"offer_hash" varchar(66) PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"market" varchar(42) NOT NULL,
	"maker" varchar(42) NOT NULL,
	"side" smallint NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"price" numeric(78, 0) NOT NULL,
	"taker" varchar(42) NOT NULL,
	"expiry" bigint NOT NULL,
	"nonce" numeric(78, 0) NOT NULL,
	"signature" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"filled" numeric(78, 0) NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"checked_block" bigint NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"permit_value" numeric(78, 0),
	"permit_deadline" numeric(78, 0),
	"permit_v" smallint,
	"permit_r" varchar(66),
	"permit_s" varchar(66),
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_offers_status" CHECK ("market_offers"."status" in ('open', 'unfillable', 'filled', 'cancelled', 'expired')),
	CONSTRAINT "market_offers_side" CHECK ("market_offers"."side" in (0, 1)),
	CONSTRAINT "market_offers_signature" CHECK (char_length("market_offers"."signature") <= 4098),
	CONSTRAINT "market_offers_reason" CHECK (char_length("market_offers"."reason") <= 300)
);
--> statement-breakpoint
CREATE INDEX "market_fee_events_block_idx" ON "mirror"."market_fee_events" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "market_fills_block_idx" ON "mirror"."market_fills" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "market_fills_cluster_idx" ON "mirror"."market_fills" USING btree ("chain_id","cluster_id","block_number","log_index");--> statement-breakpoint
CREATE INDEX "market_fills_offer_idx" ON "mirror"."market_fills" USING btree ("chain_id","offer_hash");--> statement-breakpoint
CREATE INDEX "market_fills_maker_idx" ON "mirror"."market_fills" USING btree ("chain_id","maker","block_number");--> statement-breakpoint
CREATE INDEX "market_fills_taker_idx" ON "mirror"."market_fills" USING btree ("chain_id","taker","block_number");--> statement-breakpoint
CREATE INDEX "market_nonce_cancels_block_idx" ON "mirror"."market_nonce_cancels" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "market_nonce_cancels_maker_idx" ON "mirror"."market_nonce_cancels" USING btree ("chain_id","maker","min_nonce");--> statement-breakpoint
CREATE INDEX "market_offer_cancels_block_idx" ON "mirror"."market_offer_cancels" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "market_offer_cancels_offer_idx" ON "mirror"."market_offer_cancels" USING btree ("chain_id","offer_hash");--> statement-breakpoint
CREATE INDEX "market_offers_book_idx" ON "market_offers" USING btree ("chain_id","cluster_id","status","side","price");--> statement-breakpoint
CREATE INDEX "market_offers_maker_idx" ON "market_offers" USING btree ("chain_id","maker","status");--> statement-breakpoint
CREATE INDEX "market_offers_checked_idx" ON "market_offers" USING btree ("chain_id","status","checked_at");