import { request as httpRequest } from 'node:http';
import pino from 'pino';
import { type Address, type Hex, zeroAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { inventoryProofDigest, signDigest } from '#protocol/eip712';
import * as hardware from '#protocol/hardware';
import { devPrivateKey } from '../../devnet/accounts';
import {
  ANSWER_BODY_HARD_LIMIT,
  type AttestationAnswer,
  AttestationDesk,
  type AttestationRegistry,
  answerByteLimit,
  challengeRequestMessage,
} from './attestation';
import { type OnChainCluster, RegistryView } from './chain';
import { ChallengeBook } from './challenge-book';
import type { OracleCore } from './core';
import { simulatedUuids, testPort } from './harness.test-kit';
import { createNodeServer } from './server';

// Pass-through spies: the real tree and canonicalizer, so a test can tell whether a refusal reached them.
vi.mock('#protocol/hardware', async (original) => {
  const actual = await original<typeof import('#protocol/hardware')>();
  return {
    ...actual,
    hardwareRootOfCanonical: vi.fn(actual.hardwareRootOfCanonical),
    canonicalGpuUuid: vi.fn(actual.canonicalGpuUuid),
  };
});

const context = { chainId: 31_337, registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address };
const operatorKey = devPrivateKey(1);
const operator = privateKeyToAccount(operatorKey).address;
const CHAIN_TIME = 1_800_000_000;
const SIZE = 100_000;
const uuids = simulatedUuids('attestation-unit', SIZE);
const root = hardware.hardwareRoot(uuids);
/** Not the canonical spelling, so any per-UUID work would have to go through canonicalGpuUuid (spied). */
const shouted = uuids.map((uuid) => uuid.toUpperCase());

const onChain = (overrides: Partial<OnChainCluster> = {}): OnChainCluster => ({
  clusterId: 1n,
  operator,
  hardwareRoot: root,
  gpuCount: SIZE,
  attestationNonce: 0,
  attestedAt: 0,
  attestedUntil: 0,
  status: 1,
  ...overrides,
});

function stubRegistry(cluster: OnChainCluster) {
  return {
    cluster: vi.fn(async (_clusterId: bigint, _fresh?: boolean) => cluster),
    chainTime: vi.fn(async () => CHAIN_TIME),
    committeeVersion: vi.fn(async () => 1),
  } satisfies AttestationRegistry;
}

async function answer(
  desk: AttestationDesk,
  list: string[],
  sign: { key?: Hex; hardwareRoot?: Hex; gpuCount?: number; junk?: boolean } = {},
): Promise<AttestationAnswer> {
  const { challenge } = await desk.issue(1n);
  const validUntil = CHAIN_TIME + 3_600;
  const digest = inventoryProofDigest(context, {
    clusterId: 1n,
    hardwareRoot: sign.hardwareRoot ?? root,
    gpuCount: sign.gpuCount ?? SIZE,
    challenge,
    validUntil: BigInt(validUntil),
  });
  return {
    challenge,
    uuids: list,
    validUntil,
    issuedAt: CHAIN_TIME,
    committeeVersion: 1,
    signature: sign.junk ? `0x${'00'.repeat(65)}` : await signDigest(digest, sign.key ?? operatorKey),
  };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the answer was accepted');
    },
    (error: { code?: string; status?: number }) => ({ code: error.code, status: error.status }),
  );

const treeBuilder = vi.mocked(hardware.hardwareRootOfCanonical);
const canonicalizer = vi.mocked(hardware.canonicalGpuUuid);

describe('attestation answers: cheap checks before any per-UUID work', () => {
  beforeEach(() => {
    treeBuilder.mockClear();
    canonicalizer.mockClear();
  });

  it('refuses a 100,000-UUID answer of the wrong size as gpu_count_mismatch before canonicalizing or hashing a UUID', async () => {
    const registry = stubRegistry(onChain({ gpuCount: SIZE + 1 }));
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    const body = await answer(desk, shouted, { junk: true });
    expect(await refusal(desk.verify(1n, body))).toEqual({ code: 'gpu_count_mismatch', status: 422 });
    expect(canonicalizer).not.toHaveBeenCalled();
    expect(treeBuilder).not.toHaveBeenCalled();
    expect(registry.chainTime).not.toHaveBeenCalled();
    // A signature that recovers to no one cannot be the operator's over any fresh read: none is made.
    expect(registry.cluster.mock.calls.every((call: unknown[]) => call[1] !== true)).toBe(true);
  });

  it('refuses a 100,000-UUID answer with a junk signature as invalid_signature without building the tree or a fresh RPC', async () => {
    const registry = stubRegistry(onChain());
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    const body = await answer(desk, shouted, { junk: true });
    expect(await refusal(desk.verify(1n, body))).toEqual({ code: 'invalid_signature', status: 401 });
    expect(canonicalizer).not.toHaveBeenCalled();
    expect(treeBuilder).not.toHaveBeenCalled();
    expect(registry.cluster.mock.calls.every((call: unknown[]) => call[1] !== true)).toBe(true);
  });

  it('checks a signed answer again against a fresh read: a hardware update since the cached one voids it', async () => {
    const registry = stubRegistry(onChain());
    const updated = onChain({ hardwareRoot: `0x${'cd'.repeat(32)}` });
    registry.cluster.mockImplementation(async (_id: bigint, fresh?: boolean) => (fresh ? updated : onChain()));
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    expect(await refusal(desk.verify(1n, await answer(desk, uuids)))).toEqual({ code: 'not_operator', status: 403 });
    expect(treeBuilder).not.toHaveBeenCalled();
  });

  it('refuses a 100,000-UUID answer signed by someone else, or over another root, as not_operator without building the tree', async () => {
    const desk = new AttestationDesk(stubRegistry(onChain()), { context, maxAttestationSeconds: 86_400 });
    const outsider = await answer(desk, shouted, { key: devPrivateKey(5) });
    expect(await refusal(desk.verify(1n, outsider))).toEqual({ code: 'not_operator', status: 403 });
    const otherRoot = await answer(desk, shouted, { hardwareRoot: `0x${'ab'.repeat(32)}` });
    expect(await refusal(desk.verify(1n, otherRoot))).toEqual({ code: 'not_operator', status: 403 });
    expect(canonicalizer).not.toHaveBeenCalled();
    expect(treeBuilder).not.toHaveBeenCalled();
  });

  it('accepts the operator-signed 100,000-GPU inventory in any order and spelling, building the tree once', async () => {
    const desk = new AttestationDesk(stubRegistry(onChain()), { context, maxAttestationSeconds: 86_400 });
    const spelled = [...uuids].reverse().map((uuid, index) => (index % 2 ? uuid.toUpperCase() : uuid));
    const verified = await desk.verify(1n, await answer(desk, spelled));
    expect(verified.root).toBe(root);
    expect(verified.uuids).toHaveLength(SIZE);
    expect(verified.uuids[0]).toBe(uuids[SIZE - 1]);
    expect(treeBuilder).toHaveBeenCalledTimes(1);
  });

  it('refuses a signed inventory whose UUIDs are not the on-chain root (duplicate, other GPU, malformed)', async () => {
    const list = simulatedUuids('attestation-small', 4);
    const small = hardware.hardwareRoot(list);
    const desk = new AttestationDesk(stubRegistry(onChain({ gpuCount: 4, hardwareRoot: small })), {
      context,
      maxAttestationSeconds: 86_400,
    });
    const signed = (items: string[]) => answer(desk, items, { hardwareRoot: small, gpuCount: 4 });
    const cases: [string[], string][] = [
      [[list[0]!, list[1]!, list[2]!, list[0]!.toUpperCase()], 'duplicate_gpu'],
      [[...list.slice(0, 3), simulatedUuids('elsewhere', 1)[0]!], 'hardware_root_mismatch'],
      [[...list.slice(0, 3), 'GPU-nothex'], 'invalid_gpu_uuid'],
      [[...list.slice(0, 3), 42 as unknown as string], 'invalid_gpu_uuid'],
    ];
    for (const [items, code] of cases) expect((await refusal(desk.verify(1n, await signed(items)))).code).toBe(code);
  });

  it('checks validUntil, issuedAt and the committee version only after the signature', async () => {
    const registry = stubRegistry(onChain());
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    const stale = { ...(await answer(desk, uuids)), committeeVersion: 2 };
    expect((await refusal(desk.verify(1n, stale))).code).toBe('committee_version_mismatch');
    const backdated = { ...(await answer(desk, uuids)), issuedAt: CHAIN_TIME - 3_600 };
    expect((await refusal(desk.verify(1n, backdated))).code).toBe('invalid_issued_at');
    expect(treeBuilder).not.toHaveBeenCalled();
  });

  it('consumes a challenge with the first answer that names it, refused or not', async () => {
    const desk = new AttestationDesk(stubRegistry(onChain()), { context, maxAttestationSeconds: 86_400 });
    const body = await answer(desk, uuids, { junk: true });
    expect((await refusal(desk.verify(1n, body))).code).toBe('invalid_signature');
    expect((await refusal(desk.verify(1n, body))).code).toBe('unknown_challenge');
  });
});

describe('answers right after updateHardware: the cached read is older than the commitment (e2e operator-hardware)', () => {
  const before = simulatedUuids('attestation-update', 3);
  const after = [...before, ...simulatedUuids('attestation-update-added', 1)];
  const cachedRead = onChain({ gpuCount: 3, hardwareRoot: hardware.hardwareRoot(before) });
  const updatedRead = onChain({ gpuCount: 4, hardwareRoot: hardware.hardwareRoot(after) });
  const signedFor = (desk: AttestationDesk, list: string[], read: OnChainCluster, key?: Hex) =>
    answer(desk, list, { hardwareRoot: read.hardwareRoot, gpuCount: read.gpuCount, key });
  /** A registry whose cached read predates the update; a fresh read sees it. */
  function staleRegistry() {
    const registry = stubRegistry(cachedRead);
    registry.cluster.mockImplementation(async (_id: bigint, fresh?: boolean) => (fresh ? updatedRead : cachedRead));
    return registry;
  }
  const freshReads = (registry: ReturnType<typeof stubRegistry>) =>
    registry.cluster.mock.calls.filter((call: unknown[]) => call[1] === true).length;

  beforeEach(() => {
    treeBuilder.mockClear();
  });

  it('accepts the operator-signed new inventory at once, on one fresh read, and signs that read', async () => {
    const registry = staleRegistry();
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    const verified = await desk.verify(1n, await signedFor(desk, after, updatedRead));
    expect(verified.onChain).toEqual(updatedRead);
    expect(verified.root).toBe(updatedRead.hardwareRoot);
    expect(verified.uuids).toHaveLength(4);
    expect(freshReads(registry)).toBe(1);
    expect(treeBuilder).toHaveBeenCalledTimes(1);
    // The legitimate re-read is given back: the operator's next answers are not held to the re-read allowance.
    for (let index = 0; index < 4; index++) await desk.verify(1n, await signedFor(desk, after, updatedRead));
    expect(freshReads(registry)).toBe(5);
  });

  it('still refuses what the fresh read refuses too, with that read’s figures', async () => {
    const registry = staleRegistry();
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    // The old list, signed over the old commitment (as the cache has it): the chain no longer commits to it.
    await expect(desk.verify(1n, await signedFor(desk, before, cachedRead))).rejects.toMatchObject({
      code: 'gpu_count_mismatch',
      extra: { count: 3, onChainCount: 4 },
    });
    // The new list signed by someone else.
    const outsider = desk.verify(1n, await signedFor(desk, after, updatedRead, devPrivateKey(5)));
    expect(await refusal(outsider)).toEqual({ code: 'not_operator', status: 403 });
    const wrongCount = desk.verify(1n, await signedFor(desk, [...after, ...simulatedUuids('extra', 1)], updatedRead));
    await expect(wrongCount).rejects.toMatchObject({ code: 'gpu_count_mismatch', extra: { onChainCount: 4 } });
    expect(treeBuilder).not.toHaveBeenCalled();
  });

  it('a stranger’s forged answers cost at most a few fresh reads per cluster; a junk signature none', async () => {
    let now = 1_800_000_000_000;
    const registry = stubRegistry(onChain({ gpuCount: 4, hardwareRoot: updatedRead.hardwareRoot }));
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400, now: () => now });
    for (let index = 0; index < 10; index++) {
      const forged = await answer(desk, after, { hardwareRoot: updatedRead.hardwareRoot, gpuCount: 4, junk: true });
      expect((await refusal(desk.verify(1n, forged))).code).toBe('invalid_signature');
      const wrongCount = await answer(desk, before, { junk: true });
      expect((await refusal(desk.verify(1n, wrongCount))).code).toBe('gpu_count_mismatch');
    }
    expect(freshReads(registry)).toBe(0);
    for (let index = 0; index < 10; index++) {
      const outsider = await signedFor(desk, after, updatedRead, devPrivateKey(5));
      expect((await refusal(desk.verify(1n, outsider))).code).toBe('not_operator');
      expect((await refusal(desk.verify(1n, await signedFor(desk, before, updatedRead)))).code).toBe(
        'gpu_count_mismatch',
      );
    }
    expect(freshReads(registry)).toBe(2);
    expect(treeBuilder).not.toHaveBeenCalled();
    // One more per 5 s (the registry view's TTL, after which the cached read is fresh anyway).
    now += 5_000;
    expect((await refusal(desk.verify(1n, await signedFor(desk, before, updatedRead)))).code).toBe(
      'gpu_count_mismatch',
    );
    expect(freshReads(registry)).toBe(3);
  });
});

describe('challenge book', () => {
  const limits = { ttlMs: 60_000, perCluster: 3, total: 5, reservedPerCluster: 2, reservedTotal: 5 };

  it('caps one cluster by evicting its oldest challenge, leaving other clusters alone', () => {
    const book = new ChallengeBook(limits, () => 1_000);
    const other = book.issue(2n).challenge;
    const mine = [1, 2, 3, 4].map(() => book.issue(1n).challenge);
    expect(book.outstanding(1n)).toBe(3);
    expect(book.take(mine[0]!, 1n)).toBe(false);
    expect(book.take(other, 2n)).toBe(true);
    for (const challenge of mine.slice(1)) expect(book.take(challenge, 1n)).toBe(true);
  });

  it('caps all clusters together by evicting the oldest challenge', () => {
    const book = new ChallengeBook(limits, () => 1_000);
    const issued = [1n, 2n, 3n, 4n, 5n, 6n].map((clusterId) => book.issue(clusterId).challenge);
    expect(book.size).toBe(5);
    expect(book.take(issued[0]!, 1n)).toBe(false);
    expect(book.take(issued[5]!, 6n)).toBe(true);
  });

  it('expires challenges after the TTL and drops expired ones from the head on the next issue', () => {
    let now = 1_000;
    const book = new ChallengeBook(limits, () => now);
    const old = [1n, 2n].map((clusterId) => book.issue(clusterId).challenge);
    now += 30_000;
    const young = book.issue(3n).challenge;
    now += 30_000;
    expect(book.take(old[0]!, 1n)).toBe(false);
    book.issue(4n);
    expect(book.size).toBe(2);
    expect(book.outstanding(2n)).toBe(0);
    expect(book.take(young, 3n)).toBe(true);
  });

  it('does not consume a challenge named for another cluster', () => {
    const book = new ChallengeBook(limits, () => 1_000);
    const { challenge } = book.issue(1n);
    expect(book.take(challenge, 2n)).toBe(false);
    expect(book.take(challenge, 1n)).toBe(true);
  });

  it('issues on the cached registry read: 100 challenges cost one RPC, an unregistered cluster is refused', async () => {
    const readContract = vi.fn(async ({ functionName, args }: { functionName: string; args: [bigint] }) =>
      functionName === 'clusterCount'
        ? 3n
        : {
            operator: args[0] === 1n ? operator : zeroAddress,
            hardwareRoot: root,
            gpuCount: 4n,
            attestationNonce: 0n,
            attestedUntil: 0n,
            status: 1,
          },
    );
    const clusterReads = () => readContract.mock.calls.filter(([call]) => call.functionName === 'clusterOf').length;
    const registry = new RegistryView({ readContract } as never, context.registry, 60_000);
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    await Promise.all(Array.from({ length: 100 }, () => desk.issue(1n)));
    expect(clusterReads()).toBe(1);
    expect(desk.challenges.outstanding(1n)).toBe(32);
    expect(await refusal(desk.issue(9n))).toEqual({ code: 'unknown_cluster', status: 404 });
  });

  it('made-up cluster ids above the registry count cost no per-id read (finding 9)', async () => {
    const readContract = vi.fn(async ({ functionName }: { functionName: string }) => {
      if (functionName === 'clusterCount') return 3n;
      throw new Error('no per-id read expected');
    });
    const registry = new RegistryView({ readContract } as never, context.registry, 60_000);
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    const flood = await Promise.all(
      Array.from({ length: 500 }, (_, index) => refusal(desk.issue(10_000_000n + BigInt(index)))),
    );
    for (const answer of flood) expect(answer).toEqual({ code: 'unknown_cluster', status: 404 });
    expect(await refusal(desk.issue(0n))).toEqual({ code: 'unknown_cluster', status: 404 });
    // A count read or two cover the whole flood (a request takes only a read begun after it asked, and the count is
    // read at most once a second); no per-id read at all (the stub throws on one).
    expect(readContract.mock.calls.length).toBeLessThanOrEqual(2);
    expect(readContract.mock.calls.every(([call]) => call.functionName === 'clusterCount')).toBe(true);
  });

  it('a cluster registered right after the count was read is not refused: it waits for the next count read', async () => {
    let count = 3n;
    const readContract = vi.fn(async ({ functionName, args }: { functionName: string; args?: [bigint] }) => {
      if (functionName === 'clusterCount') return count;
      return {
        operator,
        hardwareRoot: root,
        gpuCount: SIZE,
        attestationNonce: 0n,
        attestedAt: 0n,
        attestedUntil: 0n,
        status: 1,
        clusterId: args?.[0],
      };
    });
    const registry = new RegistryView({ readContract } as never, context.registry, 60_000);
    const desk = new AttestationDesk(registry, { context, maxAttestationSeconds: 86_400 });
    expect(await refusal(desk.issue(4n))).toEqual({ code: 'unknown_cluster', status: 404 });
    count = 4n; // registered a moment later, within the count's refresh interval
    const { challenge } = await desk.issue(4n);
    expect(challenge).toMatch(/^0x[0-9a-f]{64}$/);
    expect(readContract.mock.calls.filter(([call]) => call.functionName === 'clusterCount')).toHaveLength(2);
  });

  it('anonymous requests are limited per IP; an operator-signed request gets a challenge strangers cannot evict (finding 8)', async () => {
    let now = 1_800_000_000_000;
    const node = privateKeyToAccount(devPrivateKey(7)).address;
    const desk = new AttestationDesk(stubRegistry(onChain()), {
      context,
      maxAttestationSeconds: 86_400,
      node,
      now: () => now,
    });
    const requestedAt = Math.floor(now / 1000);
    const signed = async (key: Hex, at = requestedAt) => ({
      requestedAt: at,
      signature: await privateKeyToAccount(key).signMessage({
        message: challengeRequestMessage(context, node, 1n, at),
      }),
    });
    const request = await signed(operatorKey);
    const { challenge: reserved } = await desk.issue(1n, { ip: '10.0.0.1', request });
    // Strangers from many addresses, more than the anonymous cap: the reserved challenge stays.
    for (let index = 0; index < 40; index++) await desk.issue(1n, { ip: `192.0.2.${index}` });
    expect(desk.challenges.outstanding(1n)).toBe(33);
    // One address is limited: after its burst it is refused before any work.
    const results = [];
    for (let index = 0; index < 20; index++) {
      results.push(
        await desk.issue(1n, { ip: '198.51.100.1' }).then(
          () => 'issued',
          (error: { code: string }) => error.code,
        ),
      );
    }
    expect(results.filter((result) => result === 'issued')).toHaveLength(16);
    expect(results.at(-1)).toBe('rate_limited');
    // The same signed request again, a stranger's signature, and one too old are refused.
    expect(await refusal(desk.issue(1n, { ip: '10.0.0.1', request }))).toEqual({
      code: 'invalid_challenge_request',
      status: 409,
    });
    expect(await refusal(desk.issue(1n, { request: await signed(devPrivateKey(9)) }))).toEqual({
      code: 'not_operator',
      status: 403,
    });
    expect(await refusal(desk.issue(1n, { request: await signed(operatorKey, requestedAt - 120) }))).toEqual({
      code: 'invalid_challenge_request',
      status: 401,
    });
    now += 1_000;
    expect(desk.challenges.take(reserved, 1n)).toBe(true);
  });
});

describe('answers for the inventory already held (finding 6)', () => {
  beforeEach(() => {
    treeBuilder.mockClear();
  });

  it('skip the tree when the held inventory is the answered one and the chain still commits to it', async () => {
    const held = new Set(uuids);
    const desk = new AttestationDesk(stubRegistry(onChain()), {
      context,
      maxAttestationSeconds: 86_400,
      held: () => ({ uuids: held, root }),
    });
    const verified = await desk.verify(1n, await answer(desk, uuids));
    expect(verified.root).toBe(root);
    expect(treeBuilder).not.toHaveBeenCalled();
    // The operator's signature is still checked.
    expect(await refusal(desk.verify(1n, await answer(desk, uuids, { junk: true })))).toEqual({
      code: 'invalid_signature',
      status: 401,
    });
    // Another list (one UUID swapped for a duplicate) is not the held set: the tree decides, and refuses it.
    const duplicated = [...uuids.slice(0, -1), uuids[0]!];
    expect(await refusal(desk.verify(1n, await answer(desk, duplicated)))).toEqual({
      code: 'duplicate_gpu',
      status: 422,
    });
    expect(treeBuilder).toHaveBeenCalledTimes(1);
  });

  it('limits signed answers per cluster to a few a minute; unsigned ones do not use the allowance', async () => {
    let now = 1_800_000_000_000;
    const desk = new AttestationDesk(stubRegistry(onChain()), {
      context,
      maxAttestationSeconds: 86_400,
      held: () => ({ uuids: new Set(uuids), root }),
      now: () => now,
    });
    for (let index = 0; index < 10; index++) {
      expect(await refusal(desk.verify(1n, await answer(desk, uuids, { junk: true })))).toMatchObject({
        code: 'invalid_signature',
      });
    }
    for (let index = 0; index < 6; index++) await desk.verify(1n, await answer(desk, uuids));
    expect(await refusal(desk.verify(1n, await answer(desk, uuids)))).toEqual({ code: 'rate_limited', status: 429 });
    now += 10_000;
    await desk.verify(1n, await answer(desk, uuids));
  });
});

describe('answer body limit (HTTP)', () => {
  const PORT = testPort(4177);
  const GPUS = 4;
  const answerChallenge = vi.fn(async () => ({ ok: true }));
  const server = createNodeServer(
    {
      registry: stubRegistry(onChain({ gpuCount: GPUS })),
      answerChallenge,
      // The peer routes' authenticator is built with the server: this stub names a node, it serves no peer.
      config: { context },
      address: privateKeyToAccount(devPrivateKey(7)).address,
      committee: [privateKeyToAccount(devPrivateKey(7)).address],
    } as unknown as OracleCore,
    pino({ level: 'silent' }),
  );

  beforeAll(() => server.listen({ port: PORT, host: '127.0.0.1' }));
  afterAll(() => server.close());
  beforeEach(() => answerChallenge.mockClear());

  /** Sends `first` bytes of a body, and the rest only after the server answered (or never, if `hold`). */
  function send(headers: Record<string, string | number>, chunks: string[]) {
    return new Promise<{ status: number; code: string; unsent: number }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: PORT,
          method: 'POST',
          path: '/clusters/1/attestation',
          headers: { 'content-type': 'application/json', ...headers },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () => {
            resolve({ status: response.statusCode!, code: JSON.parse(text).error?.code, unsent: pending.length });
            request.destroy();
          });
        },
      );
      request.on('error', reject);
      const pending = [...chunks];
      const pump = () => {
        const chunk = pending.shift();
        if (chunk === undefined) return request.end();
        request.write(chunk);
        setTimeout(pump, 20);
      };
      pump();
    });
  }

  it('answers 413 body_too_large from Content-Length, before the body is sent, without calling the core', async () => {
    const limit = answerByteLimit(GPUS);
    const chunks = Array.from({ length: 10 }, () => ' '.repeat(limit));
    const result = await send({ 'content-length': 10 * limit }, chunks);
    expect(result).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(result.unsent).toBeGreaterThan(0);
    expect(answerChallenge).not.toHaveBeenCalled();
  });

  it('cuts a streamed body without Content-Length off at the cluster limit with 413 body_too_large', async () => {
    const chunks = Array.from({ length: 20 }, () => ' '.repeat(1_000));
    const result = await send({ 'transfer-encoding': 'chunked' }, chunks);
    expect(result).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(result.unsent).toBeGreaterThan(0);
    expect(answerChallenge).not.toHaveBeenCalled();
  });

  it('passes an answer that fits the cluster on to the core, and keeps a hard cap for the largest inventory', async () => {
    const body = JSON.stringify({
      challenge: `0x${'11'.repeat(32)}`,
      uuids: simulatedUuids('fits', GPUS),
      validUntil: CHAIN_TIME,
      issuedAt: CHAIN_TIME,
      committeeVersion: 1,
      signature: `0x${'00'.repeat(65)}`,
    });
    const result = await send({ 'content-length': Buffer.byteLength(body) }, [body]);
    expect(result.status).toBe(200);
    expect(answerChallenge).toHaveBeenCalledTimes(1);
    expect(ANSWER_BODY_HARD_LIMIT).toBeLessThan(16 * 1024 * 1024);
  });
});
