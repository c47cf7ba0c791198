import pino from 'pino';
import { createPublicClient, http, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage, generateSiweNonce } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
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
/** The message checks' nonces: an in-memory PGlite (the store itself is tested on every engine in siwe-nonces.server.test.ts). */
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
