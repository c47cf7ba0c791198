CREATE TABLE "epoch_exports" (
	"chain_id" integer NOT NULL,
	"registry" varchar(42) NOT NULL,
	"cluster_id" numeric(78, 0) NOT NULL,
	"epoch" numeric(78, 0) NOT NULL,
	"telemetry_root" varchar(66) NOT NULL,
	"report_transaction" varchar(66) NOT NULL,
	"json" text NOT NULL,
	"samples" integer NOT NULL,
	"gpus" integer NOT NULL,
	"bytes" integer NOT NULL,
	"used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "epoch_exports_chain_id_registry_cluster_id_epoch_telemetry_root_report_transaction_pk" PRIMARY KEY("chain_id","registry","cluster_id","epoch","telemetry_root","report_transaction")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"route" text NOT NULL,
	"client" text NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp (6) with time zone NOT NULL,
	CONSTRAINT "rate_limit_buckets_route_client_pk" PRIMARY KEY("route","client")
);
--> statement-breakpoint
CREATE TABLE "sign_in_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"client" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sign_in_nonces_nonce" CHECK (char_length("sign_in_nonces"."nonce") <= 96),
	CONSTRAINT "sign_in_nonces_client" CHECK (char_length("sign_in_nonces"."client") <= 96)
);
--> statement-breakpoint
CREATE INDEX "epoch_exports_used_idx" ON "epoch_exports" USING btree ("used_at");--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_updated_idx" ON "rate_limit_buckets" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "sign_in_nonces_client_idx" ON "sign_in_nonces" USING btree ("client","issued_at");--> statement-breakpoint
CREATE INDEX "sign_in_nonces_expires_idx" ON "sign_in_nonces" USING btree ("expires_at");