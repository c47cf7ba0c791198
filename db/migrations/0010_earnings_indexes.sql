CREATE INDEX "offering_events_recipient_idx" ON "mirror"."offering_events" USING btree ("chain_id","recipient");--> statement-breakpoint
CREATE INDEX "share_transfers_to_idx" ON "mirror"."share_transfers" USING btree ("chain_id","to");--> statement-breakpoint
CREATE INDEX "share_transfers_from_idx" ON "mirror"."share_transfers" USING btree ("chain_id","from");