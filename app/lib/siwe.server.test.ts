import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createPublicClient, http, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage, generateSiweNonce } from 'viem/siwe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateDatabase } from '#db';
import { migrationsBefore, secondProcess, testDatabases } from '#db/databases.test-kit';
import { queryRows } from '#db/rows.test-kit';
import { signInNonces } from '#db/schema';
import { type AnvilHandle, startAnvil } from '../../devnet/anvil';
import { testPort } from '../../devnet/ports';
import {
  CLOCK_SKEW_MS,
  NONCE_TTL_MS,
  NonceStore,
  type NonceStoreOptions,
  nonceStoreFor,
  SiweRefusal,
  type SiweRefusalReason,
  verifySignIn,
} from './siwe.server';

const DOMAIN = 'rackshare.test:4550';
const PUBLIC_ORIGIN = `http://${DOMAIN}`;
/** The pre-auth cookie's client id of the browser signing in. */
const CLIENT = 'a'.repeat(32);
const CHAIN_ID = 31_337;
/** The web tier's session secret, shared by every web process. */
const SECRET = 's'.repeat(32);
const signer = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());

let anvil: AnvilHandle;
let client: PublicClient;
/** The message checks' nonces: an in-memory PGlite (the store itself is tested on every engine below). */
let database: DatabaseHandle;
const store = (options?: NonceStoreOptions) => new NonceStore(database.db, SECRET, options);

beforeAll(async () => {
  // Signatures are checked through the chain (ERC-6492 / ERC-1271 first, ECDSA for EOAs), as in the app.
  anvil = await startAnvil({ port: Number(process.env.SIWE_TEST_ANVIL_PORT ?? testPort(8701)), stateFile: null });
  client = createPublicClient({ transport: http(anvil.rpcUrl) });
  database = await testDatabases.find((entry) => entry.name === 'pglite')!.open();
});

afterAll(async () => {
  await anvil?.stop();
  await database?.close();
});

async function messageFor(nonces: NonceStore, overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) {
  return createSiweMessage({
    address: signer.address,
    chainId: CHAIN_ID,
    domain: DOMAIN,
    nonce: nonces.issue(CLIENT),
    uri: `http://${DOMAIN}/operator`,
    version: '1',
    issuedAt: new Date(),
    expirationTime: new Date(Date.now() + 3_600_000),
    statement: 'Sign in to edit your clusters’ notes.',
    ...overrides,
  });
}

async function signIn(
  nonces: NonceStore,
  message: string,
  signature: `0x${string}`,
  expected: { now?: Date; client?: string; publicOrigin?: string } = {},
) {
  return verifySignIn(
    { message, signature },
    { publicOrigin: PUBLIC_ORIGIN, chainId: CHAIN_ID, client: CLIENT, ...expected },
    { nonces, client },
  );
}

async function refusalOf(attempt: Promise<unknown>): Promise<SiweRefusalReason> {
  const error = await attempt.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(SiweRefusal);
  return (error as SiweRefusal).reason;
}

describe('verifySignIn', () => {
  it('grants the signer of a good message', async () => {
    const nonces = store();
    const message = await messageFor(nonces);
    const grant = await signIn(nonces, message, await signer.signMessage({ message }));
    expect(grant.address).toBe(signer.address);
    expect(grant.chainId).toBe(CHAIN_ID);
  });

  it('refuses a replayed message: the nonce is spent', async () => {
    const nonces = store();
    const message = await messageFor(nonces);
    const signature = await signer.signMessage({ message });
    await signIn(nonces, message, signature);
    expect(await refusalOf(signIn(nonces, message, signature))).toBe('nonce');
  });

  it('refuses a nonce this server never issued', async () => {
    const message = await messageFor(store(), { nonce: generateSiweNonce() });
    expect(await refusalOf(signIn(store(), message, await signer.signMessage({ message })))).toBe('nonce');
  });

  it('refuses a message for another domain', async () => {
    const nonces = store();
    const message = await messageFor(nonces, { domain: 'evil.example', uri: 'https://evil.example/' });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('domain');
  });

  it('refuses a message for evil.example even when the request came with Host evil.example (M-1)', async () => {
    // Today's attack relays the victim's signature with the attacker's own Host; the expectation no longer has one.
    const nonces = store();
    const message = await messageFor(nonces, { domain: 'evil.example', uri: 'https://evil.example/' });
    const attempt = signIn(nonces, message, await signer.signMessage({ message }), {
      publicOrigin: 'https://rackshare.example',
    });
    expect(await refusalOf(attempt)).toBe('domain');
  });

  it("refuses a message for this domain whose URI is another site's (M-1)", async () => {
    const nonces = store();
    const message = await messageFor(nonces, { uri: 'https://evil.example/operator' });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('domain');
  });

  it('refuses a nonce presented without the pre-auth cookie it was issued to (L-2)', async () => {
    const nonces = store();
    const message = await messageFor(nonces);
    const signature = await signer.signMessage({ message });
    expect(await refusalOf(signIn(nonces, message, signature, { client: 'b'.repeat(32) }))).toBe('nonce');
    const other = store();
    const second = await messageFor(other);
    expect(
      await refusalOf(signIn(other, second, await signer.signMessage({ message: second }), { client: undefined })),
    ).toBe('nonce');
  });

  it('refuses a message for another chain', async () => {
    const nonces = store();
    const message = await messageFor(nonces, { chainId: 1 });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('chain');
  });

  it('refuses an expired message', async () => {
    const nonces = store();
    const issuedAt = new Date(Date.now() - 120_000);
    const message = await messageFor(nonces, { issuedAt, expirationTime: new Date(Date.now() - 60_000) });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('expired');
  });

  it('refuses a message issued too long ago even without an expiration time', async () => {
    const nonces = store({ ttlMs: 86_400_000 });
    const message = await messageFor(nonces, { issuedAt: new Date(Date.now() - 3_600_000), expirationTime: undefined });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('expired');
  });

  it('refuses a message signed by someone other than the address it names', async () => {
    const nonces = store();
    const message = await messageFor(nonces);
    expect(await refusalOf(signIn(nonces, message, await stranger.signMessage({ message })))).toBe('signature');
  });

  it('refuses a message missing required fields', async () => {
    const nonces = store();
    expect(await refusalOf(signIn(nonces, 'hello', await signer.signMessage({ message: 'hello' })))).toBe('malformed');
  });

  /** `nonce` with the hex digit at `index` changed. */
  const altered = (nonce: string, index: number) =>
    nonce.slice(0, index) + (nonce[index] === '0' ? '1' : '0') + nonce.slice(index + 1);

  it.each([
    ['its issue time', 11],
    ['its random part', 20],
    ['its MAC', 75],
  ])('refuses a nonce with one digit of %s changed (forged)', async (_, index) => {
    const nonces = store();
    // The last digit of the time moves it by a few milliseconds, still in time: only the MAC can tell.
    const message = await messageFor(nonces, { nonce: altered(nonces.issue(CLIENT), index) });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('nonce');
  });

  it('refuses a nonce minted with another secret', async () => {
    const message = await messageFor(new NonceStore(database.db, 't'.repeat(32)));
    expect(await refusalOf(signIn(store(), message, await signer.signMessage({ message })))).toBe('nonce');
  });

  it('refuses a nonce past its time, however fresh the message', async () => {
    let now = Date.now();
    const nonces = store({ now: () => now });
    const message = await messageFor(nonces);
    const signature = await signer.signMessage({ message });
    now += NONCE_TTL_MS;
    expect(await refusalOf(signIn(nonces, message, signature))).toBe('nonce');
  });

  it('refuses a nonce dated further ahead than the clock skew (no process may run that far ahead)', async () => {
    const message = await messageFor(store({ now: () => Date.now() + CLOCK_SKEW_MS + 5_000 }));
    expect(await refusalOf(signIn(store(), message, await signer.signMessage({ message })))).toBe('nonce');
  });

  it('keeps one store per process for a database and secret, so the secret is checked and the key derived once', async () => {
    const web = {
      publicOrigin: PUBLIC_ORIGIN,
      trustProxy: false,
      sessionSecret: SECRET,
      cloudReferencePriceUsd: '2.50',
      oracleNodeUrls: [],
    };
    const context = { db: database.db, web, log: pino({ level: 'silent' }) };
    const first = nonceStoreFor(context);
    expect(nonceStoreFor({ ...context, web: { ...web } })).toBe(first);
    const rotated = nonceStoreFor({ ...context, web: { ...web, sessionSecret: 't'.repeat(32) } });
    expect(rotated).not.toBe(first);
    // Each checks nonces with its own secret.
    expect(await first.consume(CLIENT, rotated.issue(CLIENT))).toBe(false);
  });
});

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

  it('issues nonces without writing: 20,000 clients leave the table empty, and a fresh client still signs in', async () => {
    const nonces = on(a);
    const flood = new Set<string>();
    for (let index = 0; index < 20_000; index++) flood.add(nonces.issue(index.toString(16).padStart(32, 'f')));
    expect(flood.size).toBe(20_000);
    expect(await spentNonces(a)).toEqual([]);
    const message = await messageFor(nonces);
    const grant = await signIn(on(b), message, await signer.signMessage({ message }));
    expect(grant.address).toBe(signer.address);
    expect(await spentNonces(a)).toHaveLength(1);
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

  it('signs in even when the sweep after it fails, and logs the failure', async () => {
    await a.db.execute(sql`create function refuse_delete() returns trigger language plpgsql as $$
      begin raise exception 'deletes refused'; end $$`);
    await a.db.execute(sql`create trigger refuse_delete before delete on sign_in_nonces
      for each statement execute function refuse_delete()`);
    const lines: string[] = [];
    const nonces = on(a, { log: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }) });
    const message = await messageFor(nonces);
    const grant = await signIn(nonces, message, await signer.signMessage({ message }));
    expect(grant.address).toBe(signer.address);
    await nonces.swept();
    expect(lines.map((line) => JSON.parse(line) as { msg: string; err: { message: string } })).toEqual([
      expect.objectContaining({
        msg: 'could not sweep spent sign-in nonces',
        err: expect.objectContaining({ message: expect.stringContaining('deletes refused') }),
      }),
    ]);
    // The nonce stays spent: the failed sweep did not undo the sign-in's insert.
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('nonce');
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
