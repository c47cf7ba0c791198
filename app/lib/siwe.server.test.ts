import { createPublicClient, http, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage, generateSiweNonce } from 'viem/siwe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { signInNonces } from '#db/schema';
import { type AnvilHandle, startAnvil } from '../../devnet/anvil';
import { testPort } from '../../devnet/ports';
import {
  NONCES_PER_CLIENT,
  NonceStore,
  type NonceStoreOptions,
  SiweRefusal,
  type SiweRefusalReason,
  verifySignIn,
} from './siwe.server';

const DOMAIN = 'rackshare.test:4550';
const PUBLIC_ORIGIN = `http://${DOMAIN}`;
/** The pre-auth cookie's client id of the browser signing in. */
const CLIENT = 'a'.repeat(32);
const CHAIN_ID = 31_337;
const signer = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());

let anvil: AnvilHandle;
let client: PublicClient;
/** The message checks' nonces: an in-memory PGlite (the store itself is tested on every engine below). */
let database: DatabaseHandle;
const store = (options?: NonceStoreOptions) => new NonceStore(database.db, options);

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
    nonce: (await nonces.issue(CLIENT))!,
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
});

/**
 * A second web process's view of `handle`'s database: its own pool on PostgreSQL; PGlite lives in one process, so
 * there the second instance shares the handle (the same code, one connection).
 */
async function secondProcess(handle: DatabaseHandle): Promise<DatabaseHandle> {
  if (handle.target.kind === 'pglite') return { ...handle, close: async () => {} };
  return openDatabase(handle.target);
}

describe.each(testDatabases)('NonceStore on $name', ({ open }) => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  beforeEach(async () => {
    a = await open();
    b = await secondProcess(a);
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  it('accepts a nonce issued by one web process through another, once', async () => {
    const nonce = (await new NonceStore(a.db).issue(CLIENT))!;
    const other = new NonceStore(b.db);
    expect(await other.consume(CLIENT, nonce)).toBe(true);
    expect(await other.consume(CLIENT, nonce)).toBe(false);
    expect(await new NonceStore(a.db).consume(CLIENT, nonce)).toBe(false);
  });

  it('lets exactly one of concurrent consumes in two processes win', async () => {
    const nonce = (await new NonceStore(a.db).issue(CLIENT))!;
    const stores = [new NonceStore(a.db), new NonceStore(b.db)];
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, index) => stores[index % 2]!.consume(CLIENT, nonce)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('forgets a nonce once its time is up, and sweeps the expired row on the next issue', async () => {
    let now = 1_000_000;
    const nonces = new NonceStore(a.db, { ttlMs: 1_000, now: () => now });
    const nonce = (await nonces.issue(CLIENT))!;
    now += 1_000;
    expect(await nonces.pending()).toBe(0);
    await nonces.issue('b'.repeat(32));
    const rows = await a.db.select({ nonce: signInNonces.nonce }).from(signInNonces);
    expect(rows.map((row) => row.nonce)).not.toContain(nonce);
    expect(rows).toHaveLength(1);
    expect(await nonces.consume(CLIENT, nonce)).toBe(false);
  });

  it('accepts a nonce only from the client it was issued to', async () => {
    const nonces = new NonceStore(a.db);
    const nonce = (await nonces.issue(CLIENT))!;
    expect(await nonces.consume('b'.repeat(32), nonce)).toBe(false);
    expect(await nonces.consume(undefined, nonce)).toBe(false);
    expect(await nonces.consume(CLIENT, nonce)).toBe(true);
  });

  it("keeps a client's latest few nonces, never another client's fewer (L-2)", async () => {
    const nonces = new NonceStore(a.db);
    const victims = (await nonces.issue(CLIENT))!;
    const flood: string[] = [];
    for (let index = 0; index < NONCES_PER_CLIENT + 3; index++) flood.push((await nonces.issue('f'.repeat(32)))!);
    expect(await nonces.pending('f'.repeat(32))).toBe(NONCES_PER_CLIENT);
    expect(await nonces.pending()).toBe(NONCES_PER_CLIENT + 1);
    expect(await nonces.consume(CLIENT, victims)).toBe(true);
    for (const nonce of flood.slice(0, -NONCES_PER_CLIENT))
      expect(await nonces.consume('f'.repeat(32), nonce)).toBe(false);
    for (const nonce of flood.slice(-NONCES_PER_CLIENT)) expect(await nonces.consume('f'.repeat(32), nonce)).toBe(true);
  });

  it('refuses new nonces rather than evicting a pending sign-in when full, until nonces expire (L-2)', async () => {
    let now = 1_000_000;
    const options = { maxPending: 2, perClient: 1, ttlMs: 1_000, now: () => now };
    const first = (await new NonceStore(a.db, options).issue('1'.repeat(32)))!;
    const stale = (await new NonceStore(b.db, options).issue('2'.repeat(32)))!;
    expect(await new NonceStore(a.db, options).issue('3'.repeat(32))).toBeUndefined();
    // A client at its own cap replaces its oldest even when the store is full: that adds nothing.
    const second = (await new NonceStore(b.db, options).issue('2'.repeat(32)))!;
    expect(await new NonceStore(a.db, options).consume('2'.repeat(32), stale)).toBe(false);
    expect(await new NonceStore(b.db, options).consume('2'.repeat(32), second)).toBe(true);
    expect(await new NonceStore(a.db, options).issue('3'.repeat(32))).toBeDefined();
    expect(await new NonceStore(a.db, options).consume('1'.repeat(32), first)).toBe(true);
    now += 1_000;
    expect(await new NonceStore(a.db, options).issue('4'.repeat(32))).toBeDefined();
  });
});
