/** Test helpers on pg_locks for the advisory locks of lock.ts (lock.test.ts, lock-fence.test.ts). */
import type pg from 'pg';
import { advisoryLockRows } from './lock';

/** Terminates the backend holding the (bigint) advisory lock `key`, as a cut connection or a killed session would. */
export async function terminateHolder(admin: pg.Client, key: bigint) {
  const { rows } = await admin.query(
    `select pg_terminate_backend(pid) as terminated from pg_locks where ${advisoryLockRows(key)} and granted`,
  );
  return rows;
}

/** Sessions waiting (not granted) for the advisory lock `key`. */
export async function waitingFor(admin: pg.Client, key: bigint) {
  const { rows } = await admin.query<{ waiting: number }>(
    `select count(*)::int as waiting from pg_locks where ${advisoryLockRows(key)} and not granted`,
  );
  return rows[0]!.waiting;
}
