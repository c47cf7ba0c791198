import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '#config/env';
import { type DatabaseTarget, describeDatabase, migrateDatabase, openDatabase } from './database';
import { createScratchDatabase } from './databases.test-kit';
import { mirrorTableNames } from './mirror';
import { ReindexRefusedError, reindexMirror, reindexTarget } from './reindex';
import { addOperatorData, fillMirror, queryRows, rowCounts } from './rows.test-kit';
import { marketOffers } from './schema';

type Scratch = { target: DatabaseTarget; drop: () => Promise<void> };

/** Databases the CLI opens by itself: a PGlite directory, and PostgreSQL when TEST_DATABASE_URL is set. */
const scratchTargets: { name: string; create: () => Promise<Scratch> }[] = [
  {
    name: 'pglite',
    create: async () => {
      const directory = mkdtempSync(join(tmpdir(), 'rackshare-reindex-'));
      return {
        target: { kind: 'pglite', dataDir: join(directory, 'pglite') },
        drop: async () => rmSync(directory, { recursive: true, force: true }),
      };
    },
  },
];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  scratchTargets.push({
    name: 'postgres',
    create: async () => {
      const scratch = await createScratchDatabase(postgresUrl);
      return { target: { kind: 'postgres', url: scratch.url }, drop: scratch.drop };
    },
  });
}

const everyMirrorTable = (rows: number) => Object.fromEntries(mirrorTableNames.map((name) => [name, rows]));

describe.each(scratchTargets)('npm run db:reindex on $name', ({ create }) => {
  let scratch: Scratch | undefined;
  afterEach(async () => {
    await scratch?.drop();
    scratch = undefined;
  });

  /** A migrated database with a full mirror, a note, a document and another application's table. */
  async function populated() {
    scratch = await create();
    const handle = await openDatabase(scratch.target);
    await migrateDatabase(handle);
    await fillMirror(handle.db);
    await addOperatorData(handle.db);
    await handle.db.execute(sql`create table public.other_app (x int)`);
    await handle.db.execute(sql`insert into public.other_app values (42)`);
    // A relayed market offer: off-chain, signed for a market that still exists, so a re-index keeps it.
    const now = new Date();
    await handle.db.insert(marketOffers).values({
      offerHash: `0x${'ab'.repeat(32)}`,
      chainId: 31_337,
      market: `0x${'33'.repeat(20)}`,
      maker: `0x${'44'.repeat(20)}`,
      side: 0,
      clusterId: 1n,
      amount: 10n ** 18n,
      price: 10n ** 6n,
      taker: `0x${'00'.repeat(20)}`,
      expiry: 2_000_000_000n,
      nonce: 0n,
      signature: `0x${'55'.repeat(65)}`,
      status: 'open',
      filled: 0n,
      checkedAt: now,
      checkedBlock: 1n,
      statusAt: now,
      createdAt: now,
    });
    await handle.close();
    return scratch.target;
  }

  async function counts(target: DatabaseTarget) {
    const handle = await openDatabase(target);
    try {
      const other = await queryRows<{ x: number }>(handle.db, sql`select x from public.other_app`);
      return { mirror: await rowCounts(handle.db, 'mirror'), public: await rowCounts(handle.db, 'public'), other };
    } finally {
      await handle.close();
    }
  }

  it('empties every mirror table and keeps notes, documents and another application in public (H-4)', async () => {
    const target = await populated();
    const done = await reindexMirror(target, { yes: true });
    expect(done).toMatch(/^The mirror of .* is empty \(\d+ tables\); operator notes and documents were kept/);
    const after = await counts(target);
    expect(after.mirror).toEqual(everyMirrorTable(0));
    expect(after.public).toMatchObject({ cluster_notes: 1, cluster_documents: 1, other_app: 1, market_offers: 1 });
    expect(after.mirror).toMatchObject({ market_fills: 0, market_offer_cancels: 0, market_nonce_cancels: 0 });
    expect(after.other).toEqual([{ x: 42 }]);
  });

  it('refuses without --yes when it cannot ask, and empties nothing (H-4)', async () => {
    const target = await populated();
    const attempt = reindexMirror(target, { yes: false });
    await expect(attempt).rejects.toBeInstanceOf(ReindexRefusedError);
    await expect(attempt).rejects.toThrow(/pass --yes to confirm\.$/);
    expect((await counts(target)).mirror).toEqual(everyMirrorTable(1));
  });

  it('names the database when it asks, and empties nothing unless the answer is yes', async () => {
    const target = await populated();
    const questions: string[] = [];
    const ask = async (question: string) => {
      questions.push(question);
      return 'no';
    };
    const refused = reindexMirror(target, { yes: false, ask });
    await expect(refused).rejects.toBeInstanceOf(ReindexRefusedError);
    expect(questions[0]).toMatch(target.kind === 'pglite' ? /^Empty the mirror of PGlite in \// : /PostgreSQL at /);
    expect((await counts(target)).mirror).toEqual(everyMirrorTable(1));

    await reindexMirror(target, { yes: false, ask: async () => 'yes' });
    expect((await counts(target)).mirror).toEqual(everyMirrorTable(0));
  });
});

describe('db:reindex target', () => {
  it('names PostgreSQL without its password and takes an empty DATABASE_URL as unset', async () => {
    expect(reindexTarget({ DATABASE_URL: '', DATA_DIR: '/srv/rackshare' })).toEqual({
      kind: 'pglite',
      dataDir: '/srv/rackshare/pglite',
    });
    const target = reindexTarget({
      DATABASE_URL: 'postgres://rackshare:s3cret@127.0.0.1:1/nothing?sslpassword=k3y&application_name=x',
    });
    const attempt = reindexMirror(target, { yes: false });
    // host:port/database tells production from staging; credentials and parameters stay hidden.
    await expect(attempt).rejects.toThrow('Not emptying the mirror of PostgreSQL at 127.0.0.1:1/nothing: ');
    await expect(attempt).rejects.not.toThrow(/s3cret|k3y|application_name|rackshare@/);
  });

  it('shows the PostgreSQL database name in its consent prompt, never the password (review 12 M2)', async () => {
    const target = reindexTarget({ DATABASE_URL: 'postgres://app:s3cret@db.internal:5432/rackshare_prod' });
    const questions: string[] = [];
    const ask = async (question: string) => {
      questions.push(question);
      return 'no';
    };
    const refused = reindexMirror(target, { yes: false, ask });
    await expect(refused).rejects.toThrow('Nothing was emptied in PostgreSQL at db.internal:5432/rackshare_prod:');
    expect(questions[0]).toMatch(/^Empty the mirror of PostgreSQL at db\.internal:5432\/rackshare_prod \(schema/);
    expect(questions[0]).not.toContain('s3cret');
    expect(describeDatabase({ kind: 'postgres', url: 'postgres://app@db.staging/rackshare_staging' })).toBe(
      'PostgreSQL at db.staging:5432/rackshare_staging',
    );
  });

  it("refuses a DATABASE_URL that is not PostgreSQL with the stack's one sentence (review 12 H3)", () => {
    expect(() => reindexTarget({ DATABASE_URL: 'mysql://root@db/rackshare' })).toThrow(ConfigError);
    expect(() => reindexTarget({ DATABASE_URL: 'mysql://root@db/rackshare' })).toThrow(
      /^Invalid configuration: DATABASE_URL must be a postgres: or postgresql: URL/,
    );
  });
});

describe('npm run db:reindex reads the .env that npm start reads (review 12 H3)', () => {
  let cwd: string | undefined;
  afterEach(() => {
    if (cwd) rmSync(cwd, { recursive: true, force: true });
    cwd = undefined;
  });

  it('empties the mirror of the database named in .env, not the default .data/pglite', () => {
    cwd = mkdtempSync(join(tmpdir(), 'rackshare-reindex-env-'));
    const dataDir = join(cwd, 'configured');
    writeFileSync(join(cwd, '.env'), `DATA_DIR=${dataDir}\n`);
    const output = execFileSync(resolve('node_modules/.bin/tsx'), [resolve('db/reindex.ts'), '--yes'], {
      cwd,
      encoding: 'utf8',
      env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME },
    });
    expect(output).toContain(`The mirror of PGlite in ${join(dataDir, 'pglite')} is empty`);
    expect(existsSync(join(cwd, '.data'))).toBe(false);
  }, 120_000);
});
