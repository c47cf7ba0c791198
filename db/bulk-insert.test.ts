/**
 * insertRows sends each column as one array literal it builds itself (arrayElement), copyRows as COPY's text format
 * (copyText): text that needs quoting or escaping in either (separators, quotes, backslashes, braces, blanks, tabs,
 * line breaks, the word NULL, the empty string) must read back exactly, and a missing value as NULL.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { copyRows, insertRows } from './bulk-insert';
import type { Database } from './database';
import { testDatabases } from './databases.test-kit';
import { attestations, clusterEvents, shareTransfers } from './schema';

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
  'carriage\r\nreturn',
  '\\N',
  '\\t literal',
  '\\"',
  'plain',
];

const eventRows = () =>
  TEXTS.map((text, index) => ({
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

/** Stores the event rows by `write` and reads them back: every text exactly as given, a missing value as NULL. */
async function expectTextsRoundTrip(db: Database, write: (rows: ReturnType<typeof eventRows>) => Promise<unknown>) {
  await write(eventRows());
  const back = await db.select().from(clusterEvents);
  back.sort((a, b) => (a.blockNumber < b.blockNumber ? -1 : 1));
  expect(back.map((row) => [row.gpuModel, row.location, row.metadataUri, row.blockTime.getTime()])).toEqual(
    TEXTS.map((text, index) => [text, index % 2 ? null : text, text, 1_700_000_000_000 + index * 1_000]),
  );
}

describe.each(testDatabases)('insertRows on $name', ({ open }) => {
  it('stores every text exactly as given, quoted or not, and a missing value as NULL', async () => {
    const handle = await open();
    try {
      await expectTextsRoundTrip(handle.db, (rows) => insertRows(handle.db, clusterEvents, rows));
    } finally {
      await handle.close();
    }
  });
});

describe.each(testDatabases)('copyRows on $name', ({ open }) => {
  it('stores every text exactly as given, escaped or not, and a missing value as NULL', async () => {
    const handle = await open();
    try {
      await expectTextsRoundTrip(handle.db, (rows) => handle.db.transaction((tx) => copyRows(tx, clusterEvents, rows)));
    } finally {
      await handle.close();
    }
  });

  it('keeps uint256 amounts exact and works outside a transaction too', async () => {
    const handle = await open();
    try {
      const huge = 2n ** 256n - 1n;
      await copyRows(handle.db, shareTransfers, [
        {
          chainId: 99,
          blockNumber: 7n,
          blockHash: `0x${'07'.repeat(32)}`,
          logIndex: 0,
          transactionHash: `0x${'00'.repeat(32)}`,
          blockTime: new Date(1_700_000_000_000),
          token: '0x00000000000000000000000000000000000000aa',
          from: '0x0000000000000000000000000000000000000000',
          to: '0x00000000000000000000000000000000000000bb',
          value: huge,
        },
      ]);
      const [row] = await handle.db.select().from(shareTransfers);
      expect(row?.value).toBe(huge);
    } finally {
      await handle.close();
    }
  });

  it('streams rows in chunks and stores every one of them, in order of their values', async () => {
    const handle = await open();
    try {
      // More than two chunks of COPY text (COPY_CHUNK_ROWS), the last one partial; consecutive rows share a block.
      const rows = Array.from({ length: 4_500 }, (_, index) => ({
        chainId: 99,
        blockNumber: BigInt(Math.floor(index / 100)),
        blockHash: `0x${Math.floor(index / 100)
          .toString(16)
          .padStart(64, '0')}` as const,
        logIndex: index % 100,
        transactionHash: `0x${index.toString(16).padStart(64, '0')}` as const,
        blockTime: new Date(1_700_000_000_000 + Math.floor(index / 100) * 1_000),
        token: '0x00000000000000000000000000000000000000aa' as const,
        from: '0x0000000000000000000000000000000000000000' as const,
        to: `0x${(index + 1).toString(16).padStart(40, '0')}` as const,
        value: BigInt(index) * 10n ** 18n,
      }));
      await handle.db.transaction((tx) => copyRows(tx, shareTransfers, rows));
      const back = await handle.db.select().from(shareTransfers);
      back.sort((a, b) => (a.value < b.value ? -1 : 1));
      expect(back).toEqual(rows);
    } finally {
      await handle.close();
    }
  });

  it('fails the whole transaction on a row that is already stored, leaving nothing of it behind', async () => {
    const handle = await open();
    try {
      const rows = eventRows();
      await copyRows(handle.db, clusterEvents, rows.slice(0, 1));
      await expect(
        handle.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await copyRows(tx, clusterEvents, rows);
        }),
      ).rejects.toThrow();
      const [count] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(clusterEvents);
      expect(count?.n).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('stores array columns too (they go through insertRows)', async () => {
    const handle = await open();
    try {
      const signers = [
        '0x00000000000000000000000000000000000000a1',
        '0x00000000000000000000000000000000000000a2',
      ] as const;
      await copyRows(handle.db, attestations, [
        {
          chainId: 99,
          blockNumber: 3n,
          blockHash: `0x${'03'.repeat(32)}`,
          logIndex: 1,
          transactionHash: `0x${'00'.repeat(32)}`,
          blockTime: new Date(1_700_000_000_000),
          clusterId: 5n,
          hardwareRoot: `0x${'ab'.repeat(32)}`,
          gpuCount: 8,
          validUntil: new Date(1_800_000_000_000),
          nonce: 1n,
          attestedAt: new Date(1_700_000_000_000),
          signers: [...signers],
          submitter: signers[0],
        },
      ]);
      const [row] = await handle.db.select().from(attestations);
      expect(row?.signers).toEqual(signers);
    } finally {
      await handle.close();
    }
  });
});
