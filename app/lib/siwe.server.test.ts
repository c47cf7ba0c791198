import { createPublicClient, http, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnvilHandle, startAnvil } from '../../scripts/stack/anvil';
import { NonceStore, SiweRefusal, type SiweRefusalReason, verifySignIn } from './siwe.server';

const DOMAIN = 'rackshare.test:4550';
const CHAIN_ID = 31_337;
const signer = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());

let anvil: AnvilHandle;
let client: PublicClient;

beforeAll(async () => {
  // Signatures are checked through the chain (ERC-6492 / ERC-1271 first, ECDSA for EOAs), as in the app.
  anvil = await startAnvil({ port: Number(process.env.SIWE_TEST_ANVIL_PORT ?? 8701), stateFile: null });
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
    nonce: nonces.issue(),
    uri: `http://${DOMAIN}/operator`,
    version: '1',
    issuedAt: new Date(),
    expirationTime: new Date(Date.now() + 3_600_000),
    statement: 'Sign in to edit your clusters’ notes.',
    ...overrides,
  });
}

async function signIn(nonces: NonceStore, message: string, signature: `0x${string}`, now?: Date) {
  return verifySignIn({ message, signature }, { domain: DOMAIN, chainId: CHAIN_ID, now }, { nonces, client });
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
    const nonce = nonces.issue();
    now = 1_000;
    expect(nonces.consume(nonce)).toBe(false);
  });

  it('drops the oldest pending nonce when full', () => {
    const nonces = new NonceStore({ capacity: 2 });
    const [first, second, third] = [nonces.issue(), nonces.issue(), nonces.issue()];
    expect(nonces.consume(first)).toBe(false);
    expect(nonces.consume(second)).toBe(true);
    expect(nonces.consume(third)).toBe(true);
  });
});
