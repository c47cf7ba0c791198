-- Reports now sit in the rollups at the end of the epoch they measure, not at the block that carried them (see
-- reportTime in db/indexer/store.ts): a backlog of months of reports landed in one block no longer counts as one day.
-- Rebuild the report half of every rollup row from epoch_reports with the indexer's keys (cluster and network always,
-- model and location where the cluster row exists); deposits keep their block time. Rows left empty are dropped.
UPDATE "rollups" SET "report_count" = 0, "utilization_bps_sum" = 0, "gpu_hours_milli" = 0, "gpus_online_sum" = 0, "revenue_reported" = 0;--> statement-breakpoint
INSERT INTO "rollups" ("chain_id", "granularity", "dimension", "key", "bucket", "report_count", "utilization_bps_sum",
  "gpu_hours_milli", "gpus_online_sum", "revenue_reported", "deposit_count", "revenue_deposited")
SELECT r."chain_id", g."granularity", d."dimension", d."key",
  date_trunc(g."granularity", to_timestamp(r."epoch") - interval '1 millisecond', 'UTC'),
  count(*), sum(r."utilization_bps"), sum(r."gpu_hours_milli"), sum(r."gpus_online"), sum(r."revenue"), 0, 0
FROM "epoch_reports" r
LEFT JOIN "clusters" c ON c."chain_id" = r."chain_id" AND c."cluster_id" = r."cluster_id"
CROSS JOIN (VALUES ('hour'), ('day')) AS g("granularity")
CROSS JOIN LATERAL (VALUES ('cluster', r."cluster_id"::text), ('network', ''), ('gpu_model', c."gpu_model"),
  ('location', c."location")) AS d("dimension", "key")
WHERE d."key" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT ("chain_id", "granularity", "dimension", "key", "bucket") DO UPDATE SET
  "report_count" = excluded."report_count",
  "utilization_bps_sum" = excluded."utilization_bps_sum",
  "gpu_hours_milli" = excluded."gpu_hours_milli",
  "gpus_online_sum" = excluded."gpus_online_sum",
  "revenue_reported" = excluded."revenue_reported";--> statement-breakpoint
DELETE FROM "rollups" WHERE "report_count" = 0 AND "deposit_count" = 0;
