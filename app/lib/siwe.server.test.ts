import { createPublicClient, http, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnvilHandle, startAnvil } from '../../devnet/anvil';
import { testPort } from '../../devnet/ports';
import { NONCES_PER_CLIENT, NonceStore, SiweRefusal, type SiweRefusalReason, verifySignIn } from './siwe.server';

const DOMAIN = 'rackshare.test:4550';
const PUBLIC_ORIGIN = `http://${DOMAIN}`;
/** The pre-auth cookie's client id of the browser signing in. */
const CLIENT = 'a'.repeat(32);
const CHAIN_ID = 31_337;
const signer = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());

let anvil: AnvilHandle;
let client: PublicClient;

beforeAll(async () => {
  // Signatures are checked through the chain (ERC-6492 / ERC-1271 first, ECDSA for EOAs), as in the app.
  anvil = await startAnvil({ port: Number(process.env.SIWE_TEST_ANVIL_PORT ?? testPort(8701)), stateFile: null });
  client = createPublicClient({ transport: http(anvil.rpcUrl) });
});

afterAll(async () => {
  await anvil?.stop();
});

function messageFor(nonces: NonceStore, overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) {
  return createSiweMessage({
    address: signer.address,
    chainId: CHAIN_ID,
    domain: DOMAIN,
    nonce: nonces.issue(CLIENT)!,
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
    const nonces = new NonceStore();
    const message = messageFor(nonces);
    const grant = await signIn(nonces, message, await signer.signMessage({ message }));
    expect(grant.address).toBe(signer.address);
    expect(grant.chainId).toBe(CHAIN_ID);
  });

  it('refuses a replayed message: the nonce is spent', async () => {
    const nonces = new NonceStore();
    const message = messageFor(nonces);
    const signature = await signer.signMessage({ message });
    await signIn(nonces, message, signature);
    expect(await refusalOf(signIn(nonces, message, signature))).toBe('nonce');
  });

  it('refuses a nonce this server never issued', async () => {
    const message = messageFor(new NonceStore());
    expect(await refusalOf(signIn(new NonceStore(), message, await signer.signMessage({ message })))).toBe('nonce');
  });

  it('refuses a message for another domain', async () => {
    const nonces = new NonceStore();
    const message = messageFor(nonces, { domain: 'evil.example', uri: 'https://evil.example/' });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('domain');
  });

  it('refuses a message for evil.example even when the request came with Host evil.example (M-1)', async () => {
    // Today's attack relays the victim's signature with the attacker's own Host; the expectation no longer has one.
    const nonces = new NonceStore();
    const message = messageFor(nonces, { domain: 'evil.example', uri: 'https://evil.example/' });
    const attempt = signIn(nonces, message, await signer.signMessage({ message }), {
      publicOrigin: 'https://rackshare.example',
    });
    expect(await refusalOf(attempt)).toBe('domain');
  });

  it("refuses a message for this domain whose URI is another site's (M-1)", async () => {
    const nonces = new NonceStore();
    const message = messageFor(nonces, { uri: 'https://evil.example/operator' });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('domain');
  });

  it('refuses a nonce presented without the pre-auth cookie it was issued to (L-2)', async () => {
    const nonces = new NonceStore();
    const message = messageFor(nonces);
    const signature = await signer.signMessage({ message });
    expect(await refusalOf(signIn(nonces, message, signature, { client: 'b'.repeat(32) }))).toBe('nonce');
    const other = new NonceStore();
    const second = messageFor(other);
    expect(
      await refusalOf(signIn(other, second, await signer.signMessage({ message: second }), { client: undefined })),
    ).toBe('nonce');
  });

  it('refuses a message for another chain', async () => {
    const nonces = new NonceStore();
    const message = messageFor(nonces, { chainId: 1 });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('chain');
  });

  it('refuses an expired message', async () => {
    const nonces = new NonceStore();
    const issuedAt = new Date(Date.now() - 120_000);
    const message = messageFor(nonces, { issuedAt, expirationTime: new Date(Date.now() - 60_000) });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('expired');
  });

  it('refuses a message issued too long ago even without an expiration time', async () => {
    const nonces = new NonceStore({ ttlMs: 86_400_000 });
    const message = messageFor(nonces, { issuedAt: new Date(Date.now() - 3_600_000), expirationTime: undefined });
    expect(await refusalOf(signIn(nonces, message, await signer.signMessage({ message })))).toBe('expired');
  });

  it('refuses a message signed by someone other than the address it names', async () => {
    const nonces = new NonceStore();
    const message = messageFor(nonces);
    expect(await refusalOf(signIn(nonces, message, await stranger.signMessage({ message })))).toBe('signature');
  });

  it('refuses a message missing required fields', async () => {
    const nonces = new NonceStore();
    expect(await refusalOf(signIn(nonces, 'hello', await signer.signMessage({ message: 'hello' })))).toBe('malformed');
  });
});

describe('NonceStore', () => {
  it('forgets a nonce once its time is up', () => {
    let now = 0;
    const nonces = new NonceStore({ ttlMs: 1_000, now: () => now });
    const nonce = nonces.issue(CLIENT)!;
    now = 1_000;
    expect(nonces.consume(CLIENT, nonce)).toBe(false);
  });

  it('accepts a nonce only from the client it was issued to, once', () => {
    const nonces = new NonceStore();
    const nonce = nonces.issue(CLIENT)!;
    expect(nonces.consume('b'.repeat(32), nonce)).toBe(false);
    expect(nonces.consume(undefined, nonce)).toBe(false);
    expect(nonces.consume(CLIENT, nonce)).toBe(true);
    expect(nonces.consume(CLIENT, nonce)).toBe(false);
  });

  it("does not let 10,001 nonces from one client evict another client's nonce (L-2)", () => {
    const nonces = new NonceStore();
    const victims = nonces.issue(CLIENT)!;
    const flood = Array.from({ length: 10_001 }, () => nonces.issue('f'.repeat(32))!);
    expect(nonces.consume(CLIENT, victims)).toBe(true);
    // The flooding client keeps only its own latest few.
    expect(flood.slice(0, -NONCES_PER_CLIENT).some((nonce) => nonces.consume('f'.repeat(32), nonce))).toBe(false);
    expect(flood.slice(-NONCES_PER_CLIENT).every((nonce) => nonces.consume('f'.repeat(32), nonce))).toBe(true);
  });

  it('refuses new clients rather than evicting a pending sign-in when full, until nonces expire (L-2)', () => {
    let now = 0;
    const nonces = new NonceStore({ maxClients: 2, ttlMs: 1_000, now: () => now });
    const first = nonces.issue('1'.repeat(32))!;
    nonces.issue('2'.repeat(32));
    expect(nonces.issue('3'.repeat(32))).toBeUndefined();
    expect(nonces.consume('1'.repeat(32), first)).toBe(true);
    now = 1_000;
    expect(nonces.issue('3'.repeat(32))).toBeDefined();
  });
});
