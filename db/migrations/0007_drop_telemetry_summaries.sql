-- telemetry_summaries (0000) was meant for the oracle to write, but nothing ever wrote or read it; dropped so the
-- mirror holds only what the indexer fills.
-- No CASCADE: a view a deployment built on it must make this migration fail loudly, not vanish with it.
DROP TABLE "mirror"."telemetry_summaries";
