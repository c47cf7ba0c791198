import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from './database';
import { createScratchDatabase } from './databases.test-kit';
import {
  type CopyState,
  judgeReplica,
  lagBehind,
  parseLsn,
  postgresReplicaProbe,
  type ReplicaReading,
  redactAddresses,
} from './replica-probe';

const CHAIN = 31_337;

const copy = (block: bigint | null, overrides: Partial<CopyState> = {}): CopyState => ({
  cursor: block === null ? null : { block, time: Number(block) * 12, hash: `0x${block.toString(16)}` },
  inRecovery: true,
  systemId: '7716547008844005418',
  version: 150_018,
  lsn: 1_000n,
  ...overrides,
});
const primaryAt100 = copy(100n, { inRecovery: false, lsn: 2_000n });
const witness = (hash: string | undefined, previousLsn?: bigint) => ({ hash, previousLsn });
const problem = (reading: ReplicaReading) =>
  reading.up ? (reading.mismatch ?? reading.diverged ?? reading.stalled) : undefined;

describe('the replica probe judges a replica', () => {
  it('by lag when it is a standby of this primary with its blocks, a mismatch when it is no copy of it', () => {
    expect(judgeReplica(primaryAt100, copy(70n), witness('0x46'))).toEqual({
      up: true,
      lagBlocks: 30n,
      lagSeconds: 360,
    });
    expect(judgeReplica(copy(null, { inRecovery: false }), copy(70n)), 'an empty primary: no lag').toEqual({
      up: true,
      lagBlocks: 0n,
      lagSeconds: 0,
    });
    expect(judgeReplica(primaryAt100, copy(70n), witness(undefined)), 'a block the primary no longer keeps').toEqual({
      up: true,
      lagBlocks: 30n,
      lagSeconds: 360,
    });
    expect(judgeReplica(null, copy(70n)), 'the primary did not answer: lag unknown').toEqual({
      up: true,
      lagBlocks: null,
      lagSeconds: null,
    });
    expect(problem(judgeReplica(primaryAt100, copy(100n, { inRecovery: false }), witness('0x64')))).toMatch(
      /^it is not a standby \(not in recovery\)/,
    );
    expect(problem(judgeReplica(primaryAt100, copy(100n, { systemId: '1' }), witness('0x64')))).toBe(
      'it follows another server (system identifier 1)',
    );
    expect(problem(judgeReplica(null, copy(70n, { version: 140_011 })))).toBe(
      'it runs PostgreSQL 14; Rackshare needs PostgreSQL 15 or later',
    );
  });

  it('as diverged, not another chain, when its block differs from the primary at the same height (a reorg)', () => {
    const reading = judgeReplica(primaryAt100, copy(70n), witness('0xbeef'));
    expect(reading).toEqual({
      up: true,
      diverged: "its block 70 is not the primary's: a reorg it has not replayed yet, or a history the primary left",
    });
  });

  it('as diverged when it reads more than a block ahead and its block at the primary height is not the primary', () => {
    const ahead = copy(110n);
    const other = { hash: undefined, previousLsn: undefined, replicaHashAtPrimary: '0xdead' };
    expect(problem(judgeReplica(primaryAt100, ahead, other))).toBe(
      "it reads 10 blocks ahead of the primary and its block 100 is not the primary's: a history the primary no longer has (an old timeline)",
    );
    expect(
      problem(judgeReplica(primaryAt100, ahead, { ...other, replicaHashAtPrimary: null })),
      'it lacks the block',
    ).toMatch(/^it reads 10 blocks ahead/);
    // The same block at the primary's height: a batch the replica replayed between the two reads, current.
    expect(judgeReplica(primaryAt100, ahead, { ...other, replicaHashAtPrimary: '0x64' })).toEqual({
      up: true,
      lagBlocks: 0n,
      lagSeconds: 0,
    });
    // One block ahead: the two reads raced; no hash at the primary's height is needed.
    expect(judgeReplica(primaryAt100, copy(101n), witness(undefined))).toEqual({
      up: true,
      lagBlocks: 0n,
      lagSeconds: 0,
    });
  });

  it('as stalled when its replay has not reached the primary WAL position of the previous probe (a quiet chain)', () => {
    // Caught up on the cursor (no block lag) but replay paused before what the primary wrote since the last probe.
    const stalled = judgeReplica(primaryAt100, copy(100n, { lsn: 0x1_0000_0010n }), witness('0x64', 0x1_0000_0020n));
    expect(stalled).toEqual({
      up: true,
      lagBlocks: 0n,
      lagSeconds: 0,
      stalled:
        "its replay (1/10) has not reached the primary's WAL position of the previous probe (1/20): replay paused or too slow",
    });
    expect(judgeReplica(primaryAt100, copy(100n, { lsn: 0x1_0000_0020n }), witness('0x64', 0x1_0000_0020n))).toEqual({
      up: true,
      lagBlocks: 0n,
      lagSeconds: 0,
    });
    expect(
      problem(judgeReplica(primaryAt100, copy(100n, { lsn: null }), witness('0x64', 1n))),
      'none replayed',
    ).toMatch(/^its replay \(0\/0\)/);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
  });

  it('computes the lag of a cursor (none on an empty primary, all of it on an empty replica, never negative)', () => {
    const at = (block: bigint, time: number) => ({ block, time });
    expect(lagBehind(null, at(5n, 60))).toEqual({ lagBlocks: 0n, lagSeconds: 0 });
    expect(lagBehind(at(9n, 108), null)).toEqual({ lagBlocks: 10n, lagSeconds: null });
    expect(lagBehind(at(9n, 108), at(10n, 120)), 'replayed between the two reads').toEqual({
      lagBlocks: 0n,
      lagSeconds: 0,
    });
    expect(lagBehind(at(9n, 108), at(4n, 48))).toEqual({ lagBlocks: 5n, lagSeconds: 60 });
  });

  it('hides addresses in the errors it logs: IPs, hostnames with their port, a host a lookup did not find', () => {
    expect(redactAddresses('connect ECONNREFUSED 10.0.0.7:5432 and [::1]:5433 at postgres://u:p@db:5432/x')).toBe(
      'connect ECONNREFUSED … and … at postgres://…@…/…',
    );
    expect(redactAddresses('getaddrinfo ENOTFOUND db.internal')).toBe('getaddrinfo ENOTFOUND …');
    expect(redactAddresses('getaddrinfo EAI_AGAIN replica-2.db.internal')).toBe('getaddrinfo EAI_AGAIN …');
    expect(redactAddresses('connect ETIMEDOUT replica-2.db.internal:6432')).toBe('connect ETIMEDOUT …');
    expect(redactAddresses('Query read timeout')).toBe('Query read timeout');
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!postgresUrl)('the replica probe on PostgreSQL', () => {
  it('gives up on a replica that does not answer within the probe timeout and leaves no connection pinned', async () => {
    const scratches = [await createScratchDatabase(postgresUrl!), await createScratchDatabase(postgresUrl!)];
    const [primaryUrl, replicaUrl] = scratches.map((scratch) => scratch.url) as [string, string];
    for (const url of [primaryUrl, replicaUrl]) {
      const handle = await openDatabase({ kind: 'postgres', url });
      await migrateDatabase(handle);
      await handle.close();
    }
    const handle = await openDatabase({ kind: 'postgres', url: primaryUrl }, { readUrls: [replicaUrl] });
    // The replica's mirror locked by another session: every read of it hangs, as on a server that stopped answering.
    const locker = new pg.Client({ connectionString: replicaUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table mirror.indexed_blocks in access exclusive mode');
      const probe = postgresReplicaProbe(handle, { chainId: CHAIN, timeoutMs: 300 });
      const pool = (handle.replicas[0] as unknown as { $client: pg.Pool }).$client;
      for (let i = 0; i < 12; i++) {
        expect(await probe()).toEqual([{ up: false, error: 'Query read timeout' }]);
      }
      // Twelve probes on a pool of ten: none kept its connection.
      expect(pool.totalCount).toBe(0);
      expect(pool.waitingCount).toBe(0);
      // Once it answers again, so does the probe (a mismatch here: a scratch database is no standby).
      await locker.query('rollback');
      expect(await probe()).toEqual([{ up: true, mismatch: expect.stringMatching(/^it is not a standby/) }]);
    } finally {
      await locker.end();
      await handle.close();
      for (const scratch of scratches) await scratch.drop();
    }
  }, 60_000);
});
