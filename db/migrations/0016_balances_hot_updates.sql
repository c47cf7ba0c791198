-- Every indexed range moves the balances of the holders its transfers touch, the same rows again and again. With
-- pages left half free, PostgreSQL rewrites such a row in its own page (a HOT update) without a new primary-key entry;
-- with full pages every update also inserted into the index (measured: a backfill's balance upserts took a quarter
-- less time). The table takes about twice the pages. Pages written from now on keep the room, no row is moved:
-- `npm run db:reindex` (TRUNCATE keeps the setting) or `VACUUM FULL mirror.balances` applies it to a mirror already
-- built. drizzle-kit does not track it: a migration that recreates the table must set it again (balances.test.ts
-- notices). To undo: ALTER TABLE "mirror"."balances" RESET (fillfactor);
ALTER TABLE "mirror"."balances" SET (fillfactor = 50);
