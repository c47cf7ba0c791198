import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { epochExports } from '#db/schema';
import { type ExportKey, readStoredExport, readStoredSummary, storeExport } from './stored-epoch-exports.server';

const keyOf = (epoch: number): ExportKey => ({
  chainId: 31_337,
  registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  clusterId: '1',
  epoch: String(epoch),
  telemetryRoot: `0x${'ab'.repeat(32)}`,
  reportTransaction: `0x${'cd'.repeat(32)}`,
});
const exportOf = (epoch: number, size = 100) => ({
  json: JSON.stringify({ epoch, pad: 'x'.repeat(size) }),
  samples: epoch,
  gpus: 2,
});
const at = (seconds: number) => new Date(1_800_000_000_000 + seconds * 1_000);

describe.each(testDatabases)('stored epoch exports on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await open();
  });
  afterEach(async () => {
    await handle.close();
  });

  const storedEpochs = async () =>
    (await handle.db.select({ epoch: epochExports.epoch }).from(epochExports)).map((row) => Number(row.epoch)).sort();

  it('reads back what was stored, its counts without the JSON, and keeps the first of two stores', async () => {
    await storeExport(handle.db, keyOf(1), exportOf(1));
    await storeExport(handle.db, keyOf(1), { ...exportOf(1), json: '{"other":true}' });
    expect(await readStoredExport(handle.db, keyOf(1))).toEqual(exportOf(1));
    expect(await readStoredSummary(handle.db, keyOf(1))).toEqual({ samples: 1, gpus: 2 });
    expect(await readStoredExport(handle.db, keyOf(2))).toBeUndefined();
    expect(await readStoredExport(handle.db, { ...keyOf(1), reportTransaction: `0x${'ee'.repeat(32)}` })).toBe(
      undefined,
    );
  });

  it('evicts the least recently used beyond the row bound; a read counts as a use', async () => {
    const bounds = { maxRows: 2 };
    await storeExport(handle.db, keyOf(1), exportOf(1), { ...bounds, now: at(0) });
    await storeExport(handle.db, keyOf(2), exportOf(2), { ...bounds, now: at(10) });
    await readStoredExport(handle.db, keyOf(1), at(100));
    await storeExport(handle.db, keyOf(3), exportOf(3), { ...bounds, now: at(110) });
    expect(await storedEpochs()).toEqual([1, 3]);
  });

  it('evicts the least recently used beyond the byte bound, and never stores one export larger than it', async () => {
    const size = Buffer.byteLength(exportOf(1, 1_000).json);
    const bounds = { maxBytes: size * 2 + 10 };
    for (const epoch of [1, 2, 3])
      await storeExport(handle.db, keyOf(epoch), exportOf(epoch, 1_000), { ...bounds, now: at(epoch) });
    expect(await storedEpochs()).toEqual([2, 3]);
    await storeExport(handle.db, keyOf(4), exportOf(4, 10_000), { ...bounds, now: at(4) });
    expect(await storedEpochs()).toEqual([2, 3]);
  });
});
