-- The mirror of the chain moves to its own schema, so re-indexing and the local chain's automatic reset empty it and
-- nothing else: operator notes and documents (and any other application's objects) stay in public. ALTER TABLE ... SET
-- SCHEMA keeps the rows, indexes and constraints, so an existing database keeps its mirror and needs no re-index.
CREATE SCHEMA IF NOT EXISTS "mirror";--> statement-breakpoint
ALTER TABLE "public"."chain_identity" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."indexed_blocks" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."stablecoin_transfers" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."cluster_events" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."clusters" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."attestations" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."epoch_reports" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."committee_events" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."share_tokens" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."offerings" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."offering_events" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."share_transfers" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."balances" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."revenue_deposits" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."claims" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."token_control_events" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."telemetry_summaries" SET SCHEMA "mirror";--> statement-breakpoint
ALTER TABLE "public"."rollups" SET SCHEMA "mirror";
