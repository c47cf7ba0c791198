/**
 * The probe of a held lock (lock.ts `held`), against a fake connection and fake timers: one slow answer costs nothing,
 * `probeMisses` unanswered probes in a row lose the lock, and a closed or failed connection loses it at once.
 */
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { held, type LockLimits } from './lock';

const silent = pino({ level: 'silent' });
const PROBE_MS = 1_000;
const LIMITS: LockLimits = { probeTimeoutMs: 10_000, probeMisses: 3, releaseMs: 3_000 };

/** A lock connection whose probes answer as `answers` says, in turn (`ok`, `timeout`, or an error), then `ok`. */
function fakeConnection(answers: ('ok' | 'timeout' | Error)[]) {
  const client = Object.assign(new EventEmitter(), {
    probes: 0,
    destroyed: false,
    connection: {
      stream: {
        destroy: () => {
          client.destroyed = true;
        },
      },
    },
    query: vi.fn(async () => {
      client.probes += 1;
      const answer = answers.shift() ?? 'ok';
      if (answer === 'ok') return { rows: [{ '?column?': 1 }] };
      // pg's own error when a query's query_timeout runs out.
      throw answer === 'timeout' ? new Error('Query read timeout') : answer;
    }),
    end: vi.fn(async () => {}),
  });
  return client;
}

/** Whether `lost` has resolved by now (microtasks flushed). */
async function settled(lost: Promise<Error>) {
  let done = false;
  void lost.then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('held (the probe of a held lock)', () => {
  it('keeps the lock through a slow probe and counts misses only in a row', async () => {
    const client = fakeConnection(['ok', 'timeout', 'timeout', 'ok', 'timeout', 'timeout', 'ok']);
    const lock = held(client as unknown as pg.Client, 1n, PROBE_MS, LIMITS, silent);
    await vi.advanceTimersByTimeAsync(PROBE_MS * 7);
    expect(client.probes).toBe(7);
    expect(await settled(lock.lost)).toBe(false);
    await lock.release();
    expect(client.end).toHaveBeenCalled();
  });

  it('loses the lock after probeMisses unanswered probes in a row', async () => {
    const client = fakeConnection(['ok', 'timeout', 'timeout', 'timeout']);
    const lock = held(client as unknown as pg.Client, 1n, PROBE_MS, LIMITS, silent);
    await vi.advanceTimersByTimeAsync(PROBE_MS * 3);
    expect(await settled(lock.lost)).toBe(false);
    await vi.advanceTimersByTimeAsync(PROBE_MS);
    expect(await lock.lost).toMatchObject({ message: 'Query read timeout' });
    // No more probes once lost; the release destroys the socket instead of unlocking.
    await vi.advanceTimersByTimeAsync(PROBE_MS * 3);
    expect(client.probes).toBe(4);
    await lock.release();
    expect(client.destroyed).toBe(true);
    expect(client.end).not.toHaveBeenCalled();
  });

  it('loses the lock at once when a probe fails otherwise (the connection is broken)', async () => {
    const client = fakeConnection([new Error('Connection terminated unexpectedly')]);
    const lock = held(client as unknown as pg.Client, 1n, PROBE_MS, LIMITS, silent);
    await vi.advanceTimersByTimeAsync(PROBE_MS);
    expect(await lock.lost).toMatchObject({ message: 'Connection terminated unexpectedly' });
  });

  it('loses the lock at once when the connection ends, between two probes', async () => {
    const client = fakeConnection([]);
    const lock = held(client as unknown as pg.Client, 1n, PROBE_MS, LIMITS, silent);
    client.emit('end');
    expect(await lock.lost).toMatchObject({ message: 'The connection holding the indexer lock closed.' });
    expect(client.probes).toBe(0);
  });
});
