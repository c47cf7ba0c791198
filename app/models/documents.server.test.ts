import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import {
  addClusterDocument,
  clusterDocumentList,
  clusterDocumentsByCluster,
  DOCUMENTS_PER_CLUSTER,
  removeClusterDocument,
  TooManyDocumentsError,
} from './documents.server';

const operator = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const digest = `0x${'ab'.repeat(32)}` as const;
const doc = (clusterId: bigint, title: string, chainId = 31_337) => ({
  chainId,
  clusterId,
  title,
  uri: `https://example.org/${encodeURIComponent(title)}`,
  sha256: digest,
  author: operator as `0x${string}`,
});

describe.each(testDatabases)('cluster documents on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('lists a cluster’s documents oldest first, per chain, and removes one only from its own cluster', async () => {
    handle = await open();
    const { db } = handle;
    const audit = await addClusterDocument(db, doc(1n, 'audit'));
    const lease = await addClusterDocument(db, doc(1n, 'lease'));
    await addClusterDocument(db, doc(2n, 'photos'));
    await addClusterDocument(db, doc(1n, 'other chain', 1));
    expect((await clusterDocumentList(db, 31_337, 1n)).map((document) => document.title)).toEqual(['audit', 'lease']);
    expect(audit).toMatchObject({ clusterId: '1', sha256: digest, author: operator });
    expect(Object.keys(await clusterDocumentsByCluster(db, 31_337, [1n, 2n, 3n])).sort()).toEqual(['1', '2']);
    expect(Object.keys(await clusterDocumentsByCluster(db, 31_337, [2n]))).toEqual(['2']);

    expect(await removeClusterDocument(db, 31_337, 2n, audit.id)).toBe(false);
    expect(await removeClusterDocument(db, 31_337, 1n, audit.id)).toBe(true);
    expect(await removeClusterDocument(db, 31_337, 1n, audit.id)).toBe(false);
    expect((await clusterDocumentList(db, 31_337, 1n)).map((document) => document.id)).toEqual([lease.id]);
  });

  it(`keeps at most ${DOCUMENTS_PER_CLUSTER} documents per cluster`, async () => {
    handle = await open();
    const { db } = handle;
    for (let index = 0; index < DOCUMENTS_PER_CLUSTER; index++) await addClusterDocument(db, doc(7n, `d${index}`));
    const refusal = addClusterDocument(db, doc(7n, 'one too many'));
    await expect(refusal).rejects.toBeInstanceOf(TooManyDocumentsError);
    await expect(refusal).rejects.toMatchObject({ code: 'too_many_documents', status: 409 });
    expect(await clusterDocumentList(db, 31_337, 7n)).toHaveLength(DOCUMENTS_PER_CLUSTER);
    await addClusterDocument(db, doc(8n, 'another cluster'));
  });
});
