import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, DatabaseUnavailableError, openDatabase, redactDatabaseUrl } from './database';
import { testDatabases } from './databases.test-kit';
import { stablecoinTransfers } from './schema';

const MAX_UINT256 = 2n ** 256n - 1n;

describe.each(testDatabases)('database on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('stores on-chain amounts as exact bigints up to 2^256 - 1', async () => {
    handle = await open();
    const row = {
      chainId: 31_337,
      blockNumber: 7n,
      blockHash: `0x${'ab'.repeat(32)}` as const,
      logIndex: 0,
      transactionHash: `0x${'cd'.repeat(32)}` as const,
      from: '0x0000000000000000000000000000000000000000' as const,
      to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const,
      value: MAX_UINT256,
      blockTime: new Date('2030-01-01T00:00:00Z'),
    };
    await handle.db.insert(stablecoinTransfers).values(row);
    const [stored] = await handle.db.select().from(stablecoinTransfers).where(eq(stablecoinTransfers.blockNumber, 7n));
    expect(stored?.value).toBe(MAX_UINT256);
    expect(typeof stored?.value).toBe('bigint');
    expect(stored?.to).toBe(row.to);
  });
});

describe('openDatabase', () => {
  it('fails with one sentence when PostgreSQL is unreachable, the URL redacted as every other (M-6)', async () => {
    const attempt = openDatabase({ kind: 'postgres', url: 'postgres://rackshare:secret@127.0.0.1:1/nothing?sslkey=k' });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(/^Cannot connect to PostgreSQL at postgres:\/\/…@127\.0\.0\.1:1\/…: /);
    await expect(attempt).rejects.not.toThrow(/secret|sslkey/);
  });

  it('redacts a database URL as every other URL: host and port kept, credentials, database and parameters hidden (M-6)', () => {
    expect(
      redactDatabaseUrl('postgres://rackshare:s3cret@db.internal:5432/rackshare?sslpassword=k3y&application_name=x'),
    ).toBe('postgres://…@db.internal:5432/…');
  });
});
