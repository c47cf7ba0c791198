ALTER TABLE "committee_events" ADD COLUMN "account" varchar(42);--> statement-breakpoint
ALTER TABLE "committee_events" ADD COLUMN "signers" text[];--> statement-breakpoint
ALTER TABLE "committee_events" ADD COLUMN "threshold" numeric(78, 0);--> statement-breakpoint
ALTER TABLE "offering_events" ADD COLUMN "recipient" varchar(42);--> statement-breakpoint
ALTER TABLE "offering_events" ADD COLUMN "revenue_escrowed" numeric(78, 0);