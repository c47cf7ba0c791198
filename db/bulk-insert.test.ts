/**
 * insertRows sends each column as one array literal it builds itself (arrayElement): text that needs quoting
 * in an array (separators, quotes, backslashes, braces, blanks, the word NULL, the empty string) must read back
 * exactly, and a missing value as NULL.
 */
import { describe, expect, it } from 'vitest';
import { insertRows } from './bulk-insert';
import { migrateDatabase, openDatabase } from './database';
import { clusterEvents } from './schema';

const TEXTS = [
  'a,b',
  'x"y',
  'back\\slash',
  '{brace}',
  ' lead',
  'NULL',
  'null',
  '',
  'ümlaut 🚀',
  'new\nline',
  'tab\t',
  '\\"',
  'plain',
];

describe('insertRows', () => {
  it('stores every text exactly as given, quoted or not, and a missing value as NULL', async () => {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await migrateDatabase(handle);
      const rows = TEXTS.map((text, index) => ({
        chainId: 99,
        blockNumber: BigInt(index),
        blockHash: `0x${index.toString(16).padStart(64, '0')}` as const,
        logIndex: index,
        transactionHash: `0x${'00'.repeat(32)}` as const,
        blockTime: new Date(1_700_000_000_000 + index * 1_000),
        clusterId: 1n,
        kind: 'registered' as const,
        gpuModel: text,
        location: index % 2 ? undefined : text,
        metadataUri: text,
      }));
      await insertRows(handle.db, clusterEvents, rows);
      const back = await handle.db.select().from(clusterEvents);
      back.sort((a, b) => (a.blockNumber < b.blockNumber ? -1 : 1));
      expect(back.map((row) => [row.gpuModel, row.location, row.metadataUri, row.blockTime.getTime()])).toEqual(
        TEXTS.map((text, index) => [text, index % 2 ? null : text, text, 1_700_000_000_000 + index * 1_000]),
      );
    } finally {
      await handle.close();
    }
  });
});
