/**
 * Peer-signature exchange (H-2). One authenticated bulk POST as a node processes it: the request signature checked on
 * the raw body, the body parsed and validated, then every item's signature recovered and kept by the signature book
 * (2,000 signatures of one member over 100 clusters × 20 epochs). Compared with the raw recovery rate measured in the
 * same run, so the figure says how much the exchange costs on top of the unavoidable ecrecover.
 * Also: forged requests refused per second (a valid-looking signature by an outsider claiming a member's address
 * over a full 2,000-item body: the worst an outsider can send, one recovery each).
 */
import pino from 'pino';
import type { Address, Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { createRegistryHasher, type EpochReport, recoverSigner, signDigest } from '#protocol/eip712';
import { MAX_SIGNATURES_PER_REQUEST, signatureBatchSchema, toWireReport } from '#protocol/wire';
import { devPrivateKey } from '../devnet/accounts';
import { PeerAuthenticator, signPeerRequest } from '../oracle/node/peer-auth';
import { type BookHost, SignatureBook } from '../oracle/node/signature-book';

const EPOCH = 3_600;
const CLUSTERS = 100;
const ROUNDS = 2;
/** What the exchange may cost on top of ecrecover: hashing each report, parsing and checking the body. */
const TARGET_RATIO = 0.7;
/** A forged request costs one recovery and nothing else (its body is never read). */
const TARGET_REFUSED_RATIO = 0.8;

export async function benchPeers(): Promise<void> {
  const context = { chainId: 31_337, registry: '0x00000000000000000000000000000000000000aa' as Address };
  const hasher = createRegistryHasher(context);
  const [self, peer, outsider] = [7, 8, 3].map((index) => ({
    key: devPrivateKey(index),
    address: privateKeyToAccount(devPrivateKey(index)).address,
  }));
  const now = Date.now();
  const lastEnd = Math.floor(now / 1000 / EPOCH) * EPOCH;
  const host = (): BookHost => ({
    address: self!.address,
    committee: [self!.address, peer!.address],
    threshold: 2,
    epochSeconds: EPOCH,
    registry: {
      committee: async () => ({ version: 1, threshold: 2, signers: new Set([self!.address, peer!.address]) }),
    },
    hash: (report) => hasher.report(report),
    finalizedThrough: () => lastEnd - 20 * EPOCH,
    entry: () => undefined,
    journal: async () => undefined,
    metrics: { signatureMismatches: { inc: () => undefined } } as unknown as BookHost['metrics'],
    log: pino({ level: 'silent' }),
  });

  const items: { report: ReturnType<typeof toWireReport>; signer: Address; signature: Hex }[] = [];
  const digests: Hex[] = [];
  for (let index = 0; items.length < MAX_SIGNATURES_PER_REQUEST; index++) {
    const report: EpochReport = {
      clusterId: BigInt(1 + (index % CLUSTERS)),
      epoch: BigInt(lastEnd - Math.floor(index / CLUSTERS) * EPOCH),
      gpuHoursMilli: BigInt(100_000 + index),
      utilizationBps: 6_000,
      gpusOnline: 100,
      revenue: 123_456_789n,
      telemetryRoot: `0x${(index + 1).toString(16).padStart(64, '0')}`,
      committeeVersion: 1,
    };
    const digest = hasher.report(report);
    digests.push(digest);
    items.push({ report: toWireReport(report), signer: peer!.address, signature: await signDigest(digest, peer!.key) });
  }
  const body = JSON.stringify({ items });

  let raw = 0;
  let exchange = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    for (const [index, digest] of digests.entries()) await recoverSigner(digest, items[index]!.signature);
    raw += performance.now() - started;

    const auth = new PeerAuthenticator(context, self!.address, [self!.address, peer!.address]);
    const book = new SignatureBook(host());
    const headers = await signPeerRequest(context, peer!.key, peer!.address, {
      method: 'POST',
      path: '/signatures',
      recipient: self!.address,
      body,
    });
    started = performance.now();
    const text = Buffer.from(body);
    await auth.verify('POST', '/signatures', headers, text);
    const parsed = signatureBatchSchema.parse(JSON.parse(text.toString('utf8')));
    const results = await book.add(parsed.items as typeof items);
    exchange += performance.now() - started;
    if (results.some((result) => result !== 'pending')) throw new Error(`unexpected results: ${new Set(results)}`);
  }
  const rawRate = (ROUNDS * digests.length * 1000) / raw;
  const rate = (ROUNDS * digests.length * 1000) / exchange;
  console.log(
    `peer-signature verification: ${Math.round(rate)} signatures/s (${(rate / rawRate).toFixed(2)} x raw ecrecover ` +
      `rate of ${Math.round(rawRate)}/s measured in the same run; target >= ${TARGET_RATIO} x)`,
  );

  const auth = new PeerAuthenticator(context, self!.address, [self!.address, peer!.address]);
  const text = Buffer.from(body);
  const forgeries = await Promise.all(
    Array.from({ length: 300 }, (_, index) =>
      signPeerRequest(context, outsider!.key, peer!.address, {
        method: 'POST',
        path: '/signatures',
        recipient: self!.address,
        body,
        time: Date.now() - index,
      }),
    ),
  );
  let started = performance.now();
  for (const [index, digest] of digests.slice(0, forgeries.length).entries())
    await recoverSigner(digest, items[index]!.signature);
  const rawNow = (forgeries.length * 1000) / (performance.now() - started);
  started = performance.now();
  for (const headers of forgeries) {
    // What the node's onRequest hook runs: a forged request is refused before its body is read.
    const refused = await auth.verifyHeaders('POST', '/signatures', headers).then(
      () => false,
      () => true,
    );
    if (!refused) throw new Error('a forged request was accepted');
  }
  const perSecond = (forgeries.length * 1000) / (performance.now() - started);
  console.log(
    `forged-signature flood refused: ${Math.round(perSecond)} requests/s (${(perSecond / rawNow).toFixed(2)} x raw ` +
      `ecrecover rate of ${Math.round(rawNow)}/s; ${Math.round(text.length / 1024)} KiB bodies never read; ` +
      `target >= ${TARGET_REFUSED_RATIO} x)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPeers();
