/**
 * The spent-nonce store of Sign-In with Ethereum (app/lib/siwe.server.ts) on every engine: single use across web
 * processes, the sweep, and the table as each release lays it out during a rolling upgrade. The message checks around
 * it are in siwe.server.test.ts.
 */
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateDatabase } from '#db';
import { migrationsBefore, secondProcess, testDatabases } from '#db/databases.test-kit';
import { queryRows } from '#db/rows.test-kit';
import { signInNonces } from '#db/schema';
import { CLOCK_SKEW_MS, NONCE_TTL_MS, NonceStore, type NonceStoreOptions } from './siwe.server';

/** The pre-auth cookie's client id of the browser signing in. */
const CLIENT = 'a'.repeat(32);
/** The web tier's session secret, shared by every web process. */
const SECRET = 's'.repeat(32);

/** The nonces spent in `handle`'s database. */
async function spentNonces(handle: DatabaseHandle) {
  const rows = await handle.db.select({ nonce: signInNonces.nonce }).from(signInNonces);
  return rows.map((row) => row.nonce).sort();
}

describe.each(testDatabases)('NonceStore on $name', ({ name, open, openEmpty }) => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  /** Every store a test made: their background sweeps end before the databases close. */
  let made: NonceStore[];
  /** Ends a transaction a test holds open, if any (so a failing test does not leave it blocking the rest). */
  let release: (() => void) | undefined;
  const on = (handle: DatabaseHandle, options?: NonceStoreOptions) => {
    const nonces = new NonceStore(handle.db, SECRET, options);
    made.push(nonces);
    return nonces;
  };
  beforeEach(async () => {
    made = [];
    a = await open();
    b = await secondProcess(a);
  });
  afterEach(async () => {
    release?.();
    release = undefined;
    await Promise.all(made.map((nonces) => nonces.swept()));
    await b.close();
    await a.close();
  });

  it('issues nonces without writing: 20,000 clients leave the table empty, and a fresh client still spends one', async () => {
    const nonces = on(a);
    const flood = new Set<string>();
    for (let index = 0; index < 20_000; index++) flood.add(nonces.issue(index.toString(16).padStart(32, 'f')));
    expect(flood.size).toBe(20_000);
    expect(await spentNonces(a)).toEqual([]);
    const nonce = nonces.issue(CLIENT);
    expect(await on(b).consume(CLIENT, nonce)).toBe(true);
    expect(await spentNonces(a)).toEqual([nonce]);
  });

  it('accepts a nonce issued by one web process through another, once', async () => {
    const nonce = on(a).issue(CLIENT);
    const other = on(b);
    expect(await other.consume(CLIENT, nonce)).toBe(true);
    expect(await other.consume(CLIENT, nonce)).toBe(false);
    expect(await on(a).consume(CLIENT, nonce)).toBe(false);
  });

  it('lets exactly one of concurrent consumes in two processes win', async () => {
    const nonce = on(a).issue(CLIENT);
    const stores = [on(a), on(b)];
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, index) => stores[index % 2]!.consume(CLIENT, nonce)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('accepts a nonce only from the client it was issued to, and stores nothing for a refused one', async () => {
    const nonces = on(a);
    const nonce = nonces.issue(CLIENT);
    expect(await nonces.consume('b'.repeat(32), nonce)).toBe(false);
    expect(await nonces.consume(undefined, nonce)).toBe(false);
    expect(await spentNonces(a)).toEqual([]);
    expect(await nonces.consume(CLIENT, nonce)).toBe(true);
  });

  it('accepts a nonce until its time is up, not after', async () => {
    let now = 1_000_000;
    const nonces = on(a, { now: () => now });
    const late = nonces.issue(CLIENT);
    const inTime = nonces.issue(CLIENT);
    now += NONCE_TTL_MS - 1;
    expect(await nonces.consume(CLIENT, inTime)).toBe(true);
    now += 1;
    expect(await nonces.consume(CLIENT, late)).toBe(false);
  });

  it("keeps a spent nonce until the database's clock passes its time, whatever a web process's clock says", async () => {
    const start = Date.now();
    // Spent by a process whose clock lags so far that the row is due by the database's clock already...
    const lagging = on(a, { now: () => start - NONCE_TTL_MS - CLOCK_SKEW_MS - 1_000 });
    const due = lagging.issue(CLIENT);
    expect(await lagging.consume(CLIENT, due)).toBe(true);
    // ...and one that is due only in a minute (by the database's clock).
    const behind = on(b, { now: () => start - NONCE_TTL_MS - CLOCK_SKEW_MS + 60_000 });
    const kept = behind.issue(CLIENT);
    expect(await behind.consume(CLIENT, kept)).toBe(true);
    await Promise.all([lagging.swept(), behind.swept()]);
    // A process whose clock runs ten minutes fast sweeps after its sign-in: by its own clock `kept` is long past use.
    const fast = on(a, { now: () => Date.now() + 10 * 60_000 });
    const fresh = fast.issue(CLIENT);
    expect(await fast.consume(CLIENT, fresh)).toBe(true);
    await fast.swept();
    expect(await spentNonces(a)).toEqual([fresh, kept].sort());
    expect(await behind.consume(CLIENT, kept)).toBe(false);
  });

  it('spends the nonce even when the sweep after it fails, and logs the failure', async () => {
    await a.db.execute(sql`create function refuse_delete() returns trigger language plpgsql as $$
      begin raise exception 'deletes refused'; end $$`);
    await a.db.execute(sql`create trigger refuse_delete before delete on sign_in_nonces
      for each statement execute function refuse_delete()`);
    const lines: string[] = [];
    const nonces = on(a, { log: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }) });
    const nonce = nonces.issue(CLIENT);
    expect(await nonces.consume(CLIENT, nonce)).toBe(true);
    await nonces.swept();
    expect(lines.map((line) => JSON.parse(line) as { msg: string; err: { message: string } })).toEqual([
      expect.objectContaining({
        msg: 'could not sweep spent sign-in nonces',
        err: expect.objectContaining({ message: expect.stringContaining('deletes refused') }),
      }),
    ]);
    // The nonce stays spent: the failed sweep did not undo the sign-in's insert.
    expect(await spentNonces(a)).toEqual([nonce]);
    expect(await nonces.consume(CLIENT, nonce)).toBe(false);
  });

  it.skipIf(name === 'pglite')(
    'sweeps past rows another process holds locked instead of waiting for them',
    async () => {
      const past = new Date(Date.now() - 60_000);
      await a.db.insert(signInNonces).values(['held', 'free-1', 'free-2'].map((nonce) => ({ nonce, expiresAt: past })));
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // Another web process's sweep (or anything else) holds `held` in an open transaction.
      const holder = b.db.transaction(async (tx) => {
        await tx.execute(sql`select nonce from sign_in_nonces where nonce = 'held' for update`);
        locked();
        await released;
      });
      await isLocked;
      // Without SKIP LOCKED this would wait on the holder's transaction, which ends only after it.
      expect(await on(a).sweep()).toBe(2);
      release?.();
      await holder;
      expect(await spentNonces(a)).toEqual(['held']);
      expect(await on(a).sweep()).toBe(1);
    },
  );

  it("spends nonces on this release's table, leaving the previous release's columns empty", async () => {
    const now = Date.now();
    const nonces = on(a, { now: () => now });
    const nonce = nonces.issue(CLIENT);
    expect(await nonces.consume(CLIENT, nonce)).toBe(true);
    expect(await on(b).consume(CLIENT, nonce)).toBe(false);
    const rows = await queryRows<{ nonce: string; expires_at: Date | string; client: null; issued_at: null }>(
      a.db,
      sql`select nonce, expires_at, client, issued_at from sign_in_nonces`,
    );
    expect(rows.map((row) => ({ ...row, expires_at: new Date(row.expires_at).getTime() }))).toEqual([
      { nonce, expires_at: now + NONCE_TTL_MS + CLOCK_SKEW_MS, client: null, issued_at: null },
    ]);
  });

  it("spends and sweeps nonces once the previous release's columns are dropped (B-A9)", async () => {
    // What the next release's migration does (and a dev database that ran an earlier draft of 0015 did).
    await a.db.execute(sql`alter table sign_in_nonces drop column client, drop column issued_at`);
    expect(
      await queryRows<{ column_name: string }>(
        a.db,
        sql`select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'sign_in_nonces' order by 1`,
      ),
    ).toEqual([{ column_name: 'expires_at' }, { column_name: 'nonce' }]);
    // Spent by a process whose clock lags: the row is due by the database's clock, and the sweep after it deletes it.
    const lagging = on(a, { now: () => Date.now() - NONCE_TTL_MS - CLOCK_SKEW_MS - 1_000 });
    expect(await lagging.consume(CLIENT, lagging.issue(CLIENT))).toBe(true);
    await lagging.swept();
    expect(await spentNonces(a)).toEqual([]);
    const nonce = on(a).issue(CLIENT);
    const outcomes = await Promise.all([on(a).consume(CLIENT, nonce), on(b).consume(CLIENT, nonce)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await spentNonces(a)).toEqual([nonce]);
  });

  it('keeps the previous release working through migration 0015 during a rolling upgrade', async () => {
    const folder = migrationsBefore('_stateless_sign_in_nonces');
    const old = await openEmpty();
    try {
      await migrateDatabase(old, folder);
      // What a web process of the previous release writes when it issues a nonce, and how it takes one.
      const issueAsBefore = (nonce: string) =>
        old.db.execute(sql`insert into sign_in_nonces (nonce, client, issued_at, expires_at)
          values (${nonce}, ${CLIENT}, now(), now() + interval '5 minutes')`);
      const takeAsBefore = (nonce: string) =>
        queryRows<{ nonce: string }>(
          old.db,
          sql`delete from sign_in_nonces where nonce = ${nonce} and client = ${CLIENT} returning nonce`,
        );
      await issueAsBefore('issued-before');
      await migrateDatabase(old);
      await issueAsBefore('issued-after');
      expect(await takeAsBefore('issued-before')).toEqual([{ nonce: 'issued-before' }]);
      // This release's spent insert beside them.
      const nonces = new NonceStore(old.db, SECRET);
      const nonce = nonces.issue(CLIENT);
      expect(await nonces.consume(CLIENT, nonce)).toBe(true);
      await nonces.swept();
      expect(await spentNonces(old)).toEqual([nonce, 'issued-after'].sort());
      expect(await takeAsBefore('issued-after')).toEqual([{ nonce: 'issued-after' }]);
    } finally {
      await old.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
