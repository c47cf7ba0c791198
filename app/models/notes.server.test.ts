import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { clusterNote, clusterNotesByCluster, saveClusterNote } from './notes.server';

const operator = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const successor = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe.each(testDatabases)('cluster notes on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('keeps one note per cluster and chain, replaced by the latest save and removed by an empty one', async () => {
    handle = await open();
    const { db } = handle;
    await saveClusterNote(db, { chainId: 31_337, clusterId: 1n, body: 'first', author: operator });
    await saveClusterNote(db, { chainId: 31_337, clusterId: 1n, body: 'second', author: successor });
    await saveClusterNote(db, { chainId: 1, clusterId: 1n, body: 'other chain', author: operator });
    expect(await clusterNote(db, 31_337, 1n)).toMatchObject({ clusterId: '1', body: 'second', author: successor });
    expect(Object.keys(await clusterNotesByCluster(db, 31_337, [1n, 2n]))).toEqual(['1']);

    await saveClusterNote(db, { chainId: 31_337, clusterId: 1n, body: '', author: successor });
    expect(await clusterNote(db, 31_337, 1n)).toBeUndefined();
    expect((await clusterNote(db, 1, 1n))?.body).toBe('other chain');
  });
});
