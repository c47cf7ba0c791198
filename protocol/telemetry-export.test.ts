/**
 * The export verifier the CLI and the epoch page share, on an export whose proofs come from the OpenZeppelin library
 * (not from the code under test): valid → every sample verified; one sample changed → exactly that sample fails;
 * proofs for another root → every sample fails; a file too large or not an export → one sentence.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { type Hex, keccak256, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { TELEMETRY_LEAF_TYPES, type TelemetryLeaf } from './telemetry';
import {
  type EpochExport,
  EXPORT_FORMAT,
  ExportFileError,
  ExportVerification,
  MAX_EXPORT_BYTES,
  MAX_LISTED_GPUS,
  parseEpochExport,
} from './telemetry-export';

const GPUS = [0, 1, 2].map((index) => keccak256(toHex(`GPU-${index}`)));
const PER_GPU = 5;

function exportOf(leaves: TelemetryLeaf[]): EpochExport {
  const tree = StandardMerkleTree.of(leaves, [...TELEMETRY_LEAF_TYPES]);
  return {
    format: EXPORT_FORMAT,
    chainId: 31_337,
    registry: '0x00000000000000000000000000000000000000aa',
    clusterId: '7',
    epoch: '1700003600',
    telemetryRoot: tree.root,
    leafEncoding: ['bytes32', 'uint64', 'int32'],
    samples: leaves.map(([uuidHash, timeMs, utilizationMilliPct], index) => ({
      uuidHash,
      timeMs: timeMs.toString(),
      utilizationMilliPct,
      proof: tree.getProof(index),
    })),
  };
}

const leaves: TelemetryLeaf[] = GPUS.flatMap((hash, gpu) =>
  Array.from(
    { length: PER_GPU },
    (_, step): TelemetryLeaf => [
      hash,
      1_700_000_000_000n + BigInt(step) * 10_000n,
      gpu === 2 && step === 1 ? -1 : 40_000 + step,
    ],
  ),
);
const good = exportOf(leaves);
const onChainRoot = good.telemetryRoot as Hex;

describe('export verification', () => {
  it('verifies every sample of a valid export, per GPU, in steps of any size', () => {
    for (const stepSize of [1, 4, 1_000]) {
      const verification = new ExportVerification(good, { root: onChainRoot, clusterId: '7', epoch: '1700003600' });
      let steps = 0;
      while (!verification.done) {
        verification.step(stepSize);
        steps += 1;
      }
      expect(steps).toBe(Math.ceil(leaves.length / stepSize));
      const verdict = verification.result();
      expect(verdict).toMatchObject({ ok: true, samples: 15, verified: 15, failed: 0, complete: true, problems: [] });
      expect(verdict.gpus).toEqual(
        [...GPUS].sort().map((uuidHash) => ({ uuidHash, samples: PER_GPU, verified: PER_GPU, failed: 0 })),
      );
    }
  });

  it('names exactly the one sample that was changed', () => {
    const tampered = structuredClone(good);
    tampered.samples[7]!.utilizationMilliPct += 1;
    const verdict = new ExportVerification(tampered, { root: onChainRoot }).run();
    expect(verdict.ok).toBe(false);
    expect(verdict.failed).toBe(1);
    expect(verdict.verified).toBe(14);
    expect(verdict.failures).toEqual([
      { index: 7, uuidHash: GPUS[1], timeMs: leaves[7]![1].toString(), utilizationMilliPct: leaves[7]![2] + 1 },
    ]);
    expect(verdict.gpus.find((gpu) => gpu.uuidHash === GPUS[1])).toEqual({
      uuidHash: GPUS[1],
      samples: PER_GPU,
      verified: PER_GPU - 1,
      failed: 1,
    });
    expect(verdict.gpus.filter((gpu) => gpu.failed > 0)).toHaveLength(1);
    expect(verdict.complete).toBe(false);
  });

  it('fails every sample whose proof is for another root, even when the file states that root', () => {
    // A file rebuilt over 14 of the 15 samples: its proofs are internally consistent, but not the chain's.
    const other = exportOf(leaves.slice(0, 14));
    expect(new ExportVerification(other, { root: other.telemetryRoot }).run().ok).toBe(true);
    const verdict = new ExportVerification(other, { root: onChainRoot }).run();
    expect(verdict.failed).toBe(14);
    expect(verdict.verified).toBe(0);
    expect(verdict.failures.map((failure) => failure.index)).toEqual(Array.from({ length: 14 }, (_, index) => index));
    expect(verdict.problems.join(' ')).toContain(`the file states the root ${other.telemetryRoot}`);
  });

  it('finds a sample left out although every remaining proof verifies', () => {
    const partial = structuredClone(good);
    partial.samples.splice(3, 1);
    const verdict = new ExportVerification(partial, { root: onChainRoot }).run();
    expect(verdict.failed).toBe(0);
    expect(verdict.complete).toBe(false);
    expect(verdict.ok).toBe(false);
  });

  it('lists at most MAX_LISTED_GPUS GPUs, failing ones first, and flags more GPUs than the cluster attested (review L2)', () => {
    // One sample per GPU, 1,500 distinct GPUs: the proofs come from the library, not from the code under test.
    const many = Array.from(
      { length: MAX_LISTED_GPUS + 500 },
      (_, gpu): TelemetryLeaf => [keccak256(toHex(`GPU-many-${gpu}`)), 1_700_000_000_000n, 50_000],
    );
    const file = exportOf(many);
    const tamperedIndex = 1_234;
    file.samples[tamperedIndex]!.utilizationMilliPct += 1;
    const verdict = new ExportVerification(file, { root: file.telemetryRoot, gpuCount: 8 }).run();
    expect(verdict.gpuCount).toBe(1_500);
    expect(verdict.gpus).toHaveLength(1_000);
    // The one failing GPU is listed (first) although it would fall past the bound by hash order.
    expect(verdict.gpus[0]).toMatchObject({ uuidHash: many[tamperedIndex]![0], failed: 1 });
    const rest = verdict.gpus.slice(1).map((gpu) => gpu.uuidHash);
    expect(rest).toEqual(
      many
        .map(([hash]) => hash)
        .filter((hash) => hash !== many[tamperedIndex]![0])
        .sort()
        .slice(0, 999),
    );
    expect(verdict.problems).toContain('the file holds 1500 distinct GPUs, the cluster attested 8');
    expect(verdict.ok).toBe(false);
    // Within the attested count, no such problem.
    expect(new ExportVerification(good, { root: onChainRoot, gpuCount: 3 }).run()).toMatchObject({
      ok: true,
      gpuCount: 3,
    });
  });

  it('says when the file is for another cluster or epoch', () => {
    const verdict = new ExportVerification(good, { root: onChainRoot, clusterId: '8', epoch: '1700007200' }).run();
    expect(verdict.problems).toEqual([
      'the file is for cluster 7, not cluster 8',
      'the file is for epoch 1700003600, not epoch 1700007200',
    ]);
  });
});

describe('reading an export file', () => {
  it('parses a valid export back to the same samples', () => {
    expect(parseEpochExport(JSON.stringify(good))).toEqual(good);
  });

  it('refuses a file past the size bound, non-JSON and a non-export with one sentence each', () => {
    expect(() => parseEpochExport(' '.repeat(MAX_EXPORT_BYTES + 1))).toThrow(
      new ExportFileError('the file is larger than 64 MiB, the most one check reads'),
    );
    expect(() => parseEpochExport('{"format":')).toThrow(/^the file is not JSON/);
    const wrong = structuredClone(good) as { samples: { uuidHash: string }[] };
    wrong.samples[2]!.uuidHash = '0x1234';
    expect(() => parseEpochExport(JSON.stringify(wrong))).toThrow(/not an epoch export.*samples\[2\]\.uuidHash/s);
  });

  it('refuses a non-decimal timeMs with an ExportFileError, not a raw SyntaxError (review L3)', () => {
    for (const timeMs of ['1e3', '0x10', '-1', '', '1.5']) {
      const wrong = structuredClone(good) as { samples: { timeMs: string }[] };
      wrong.samples[1]!.timeMs = timeMs;
      expect(() => parseEpochExport(JSON.stringify(wrong))).toThrow(ExportFileError);
      expect(() => parseEpochExport(JSON.stringify(wrong))).toThrow(/not an epoch export.*samples\[1\]\.timeMs/s);
    }
    const tooLarge = structuredClone(good) as { samples: { timeMs: string }[] };
    tooLarge.samples[0]!.timeMs = (2n ** 64n).toString();
    expect(() => parseEpochExport(JSON.stringify(tooLarge))).toThrow(/must fit in a uint64/);
  });
});
