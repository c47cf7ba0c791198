ALTER TABLE "cluster_interventions" DROP CONSTRAINT "cluster_interventions_kind";--> statement-breakpoint
ALTER TABLE "mirror"."offering_events" ADD COLUMN "actor" varchar(42);--> statement-breakpoint
ALTER TABLE "cluster_interventions" ADD CONSTRAINT "cluster_interventions_kind" CHECK ("cluster_interventions"."kind" in ('forced_transfer', 'wallet_recovered', 'purchase_recovered'));