ALTER TABLE "committee_events" ADD COLUMN "account" varchar(42);--> statement-breakpoint
ALTER TABLE "offering_events" ADD COLUMN "recipient" varchar(42);