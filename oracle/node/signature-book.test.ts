/**
 * The signature book against a stand-in node (H-2: forged or copied signatures must never displace a genuine one,
 * and nothing an outsider or a buggy member sends may grow without bound).
 */
import pino from 'pino';
import type { Address, Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it, vi } from 'vitest';
import { createRegistryHasher, type EpochReport, signDigest } from '#protocol/eip712';
import { toWireReport } from '#protocol/wire';
import { devPrivateKey } from '../../devnet/accounts';
import type { ReportEntry } from './core';
import { type BookHost, MAX_DIGESTS_PER_SIGNER, reportKey, SignatureBook } from './signature-book';

const EPOCH = 60;
const NOW = 1_800_000_000_000;
const CLUSTER = 5n;
const [A, B, C] = [7, 8, 9].map((index) => ({
  key: devPrivateKey(index),
  address: privateKeyToAccount(devPrivateKey(index)).address,
}));
const hasher = createRegistryHasher({ chainId: 31_337, registry: '0x00000000000000000000000000000000000000aa' });
const EPOCH_END = BigInt(NOW / 1000 - ((NOW / 1000) % EPOCH));

const report = (overrides: Partial<EpochReport> = {}): EpochReport => ({
  clusterId: CLUSTER,
  epoch: EPOCH_END,
  gpuHoursMilli: 10n,
  utilizationBps: 5_000,
  gpusOnline: 4,
  revenue: 7n,
  telemetryRoot: `0x${'ab'.repeat(32)}`,
  committeeVersion: 1,
  ...overrides,
});

function setUp(maxParked?: number) {
  const reports = new Map<string, ReportEntry>();
  const journal: unknown[] = [];
  const mismatches = { inc: vi.fn() };
  const host: BookHost = {
    address: A!.address,
    committee: [A!.address, B!.address, C!.address],
    threshold: 2,
    epochSeconds: EPOCH,
    registry: {
      committee: async () => ({ version: 1, threshold: 2, signers: new Set([A!.address, B!.address, C!.address]) }),
    },
    hash: (value) => hasher.report(value),
    finalizedThrough: (clusterId) => (clusterId === CLUSTER ? Number(EPOCH_END) - 10 * EPOCH : undefined),
    entry: (clusterId, epoch) => reports.get(reportKey(clusterId, epoch)),
    journal: async (records) => void journal.push(...records),
    metrics: { signatureMismatches: mismatches } as unknown as BookHost['metrics'],
    log: pino({ level: 'silent' }),
    now: () => NOW,
  };
  const book = new SignatureBook(host, maxParked);
  /** This node computes and signs `value`, as OracleCore.applySigned does. */
  const sign = async (value: EpochReport) => {
    const digest = hasher.report(value);
    const signatures = book.signaturesFor(value, digest);
    signatures.set(A!.address, await signDigest(digest, A!.key));
    const entry: ReportEntry = { report: value, digest, signatures, readyAt: null, submitted: false, inFlight: false };
    reports.set(reportKey(value.clusterId, value.epoch), entry);
    book.adopt(entry);
    book.markReady(entry);
    return entry;
  };
  return { book, sign, journal, mismatches };
}

const item = async (value: EpochReport, member = B!, signature?: Hex) => ({
  report: toWireReport(value),
  signer: member.address as Address,
  signature: signature ?? (await signDigest(hasher.report(value), member.key)),
});

/** The other valid-looking encoding of a signature (s → n − s, v flipped): recovers alike, the registry refuses it. */
function malleate(signature: Hex): Hex {
  const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  const s = n - BigInt(`0x${signature.slice(66, 130)}`);
  const v = signature.slice(130) === '1b' ? '1c' : '1b';
  return `${signature.slice(0, 66)}${s.toString(16).padStart(64, '0')}${v}` as Hex;
}

describe('SignatureBook', () => {
  it('never replaces a verified signature: a malleated copy, junk, or a second copy of it change nothing', async () => {
    const { book, sign } = setUp();
    const genuine = await item(report());
    expect(await book.add([genuine])).toEqual(['pending']);
    const entry = await sign(report());
    expect(entry.signatures.get(B!.address)).toBe(genuine.signature);
    expect(entry.readyAt).not.toBeNull();
    const copies = [
      { ...genuine, signature: malleate(genuine.signature) },
      { ...genuine, signature: `0x${'11'.repeat(65)}` as Hex },
      genuine,
    ];
    expect(await book.add(copies)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(entry.signatures.get(B!.address)).toBe(genuine.signature);
  });

  it('refuses a malleated signature the registry would reject, even though it recovers to the signer', async () => {
    const { book } = setUp();
    const genuine = await item(report());
    expect(await book.add([{ ...genuine, signature: malleate(genuine.signature) }])).toEqual(['invalid_signature']);
    expect(book.parkedSignatures).toBe(0);
  });

  it("drops on the relayer's word only a signature the registry would refuse", async () => {
    const { book, sign } = setUp();
    const entry = await sign(report());
    expect(await book.add([await item(report())])).toEqual(['attached']);
    expect(await book.drop(entry, B!.address)).toBe(false);
    expect(await book.drop(entry, A!.address)).toBe(false);
    expect(entry.signatures.size).toBe(2);
    // A signature read back from a journal written before signatures were checked on arrival.
    book.keep(report(), C!.address, malleate((await item(report(), C)).signature));
    expect(await book.drop(entry, C!.address)).toBe(true);
    expect([...entry.signatures.keys()]).toEqual([A!.address, B!.address]);
  });

  it('keeps signatures per digest: other figures never displace the report, and are dropped (counted) once it is signed', async () => {
    const { book, sign, mismatches } = setUp();
    const other = report({ revenue: 999n });
    expect(await book.add([await item(other), await item(report(), C)])).toEqual(['pending', 'pending']);
    expect(await book.add([await item(report())])).toEqual(['pending']);
    expect(book.parkedSignatures).toBe(3);
    const entry = await sign(report());
    expect([...entry.signatures.keys()].sort()).toEqual([A!.address, B!.address, C!.address].sort());
    expect(book.parkedSignatures).toBe(0);
    expect(mismatches.inc).toHaveBeenCalledWith(1);
    // After this node signed, other figures are refused outright.
    expect(await book.add([await item(report({ revenue: 5n }), C)])).toEqual(['mismatch']);
  });

  it('caps what a signer parks per report and what is parked in total', async () => {
    const { book } = setUp(4);
    const versions = Array.from({ length: MAX_DIGESTS_PER_SIGNER + 1 }, (_, index) =>
      report({ revenue: BigInt(index + 100) }),
    );
    const results = await book.add(await Promise.all(versions.map((value) => item(value))));
    expect(results).toEqual([...Array(MAX_DIGESTS_PER_SIGNER).fill('pending'), 'too_many_versions']);
    const later = (index: number) => report({ epoch: EPOCH_END - BigInt(index * EPOCH) });
    expect(await book.add([await item(later(1)), await item(later(2)), await item(later(3), C)])).toEqual([
      'pending',
      'pending',
      'busy',
    ]);
    expect(book.parkedSignatures).toBe(4);
  });

  it('parks only for clusters it holds and epochs in the window, before recovering anything', async () => {
    const { book, journal } = setUp();
    const junk = `0x${'11'.repeat(65)}` as Hex;
    const results = await book.add([
      await item(report({ clusterId: 99n }), B, junk),
      await item(report({ epoch: EPOCH_END + 3n * BigInt(EPOCH) }), B, junk),
      await item(report({ epoch: EPOCH_END - 10n * BigInt(EPOCH) }), B, junk),
      await item(report({ epoch: EPOCH_END + 1n }), B, junk),
      await item(report(), A, junk),
    ]);
    expect(results).toEqual([
      'unknown_cluster',
      'epoch_in_future',
      'epoch_closed',
      'epoch_not_aligned',
      'not_committee_signer',
    ]);
    expect(book.digests).toBe(0);
    expect(journal).toEqual([]);
  });

  it('forgets a closed epoch, and round-trips its state through JSON', async () => {
    const { book } = setUp();
    await book.add([await item(report()), await item(report({ epoch: EPOCH_END - BigInt(EPOCH) }))]);
    book.forget(CLUSTER, EPOCH_END - BigInt(EPOCH));
    expect(book.parkedSignatures).toBe(1);
    const restored = setUp();
    restored.book.fromJSON(JSON.parse(JSON.stringify(book)));
    expect(restored.book.parkedSignatures).toBe(1);
    const entry = await restored.sign(report());
    expect(entry.signatures.has(B!.address)).toBe(true);
    expect(entry.readyAt).not.toBeNull();
  });
});
