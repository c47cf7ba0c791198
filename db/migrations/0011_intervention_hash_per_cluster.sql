DROP INDEX "cluster_interventions_tx";--> statement-breakpoint
CREATE UNIQUE INDEX "cluster_interventions_cluster_tx" ON "cluster_interventions" USING btree ("chain_id","cluster_id","tx_hash");