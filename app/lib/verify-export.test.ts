/**
 * The epoch page's in-browser check (the component's logic, without React): proofs built with the OpenZeppelin library,
 * so the expectation does not come from the code under test. Valid export → every sample verified, in steps with a
 * yield between them; one sample changed → exactly that one fails; proofs for another root → all fail; files and
 * answers past the size bound are refused unread.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256, toHex } from 'viem';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryLeaf } from '#protocol/telemetry';
import { type EpochExport, EXPORT_FORMAT, MAX_EXPORT_BYTES } from '#protocol/telemetry-export';
import { fetchExport, readExportFile, verifyInSteps } from './verify-export';

const GPU_COUNT = 4;
const STEPS = 30;

function exportOf(leaves: TelemetryLeaf[], epoch = '1700003600'): EpochExport {
  const tree = StandardMerkleTree.of(leaves, ['bytes32', 'uint64', 'int32']);
  return {
    format: EXPORT_FORMAT,
    chainId: 31_337,
    registry: '0x00000000000000000000000000000000000000aa',
    clusterId: '3',
    epoch,
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

const leaves: TelemetryLeaf[] = Array.from({ length: STEPS }, (_, step) =>
  Array.from(
    { length: GPU_COUNT },
    (_, gpu): TelemetryLeaf => [
      keccak256(toHex(`GPU-${gpu}`)),
      1_700_000_000_000n + BigInt(step) * 120_000n,
      (step * 31 + gpu * 7) % 100_001,
    ],
  ),
).flat();
const good = exportOf(leaves);
const expected = { root: good.telemetryRoot, clusterId: '3', epoch: '1700003600' };

afterEach(() => vi.unstubAllGlobals());

describe('in-browser export verification', () => {
  it('verifies every sample of a valid export per GPU, yielding to the page between steps', async () => {
    let yields = 0;
    const progress: number[] = [];
    const verdict = await verifyInSteps(good, expected, {
      stepSamples: 25,
      yieldToPage: async () => {
        yields += 1;
      },
      onProgress: (checked) => progress.push(checked),
    });
    expect(verdict).toMatchObject({ ok: true, samples: 120, verified: 120, failed: 0, failures: [] });
    expect(verdict.gpus.map((gpu) => [gpu.samples, gpu.verified, gpu.failed])).toEqual(
      Array.from({ length: GPU_COUNT }, () => [STEPS, STEPS, 0]),
    );
    expect(progress).toEqual([25, 50, 75, 100, 120]);
    expect(yields).toBe(4);
  });

  it('marks exactly the changed sample and its GPU failed', async () => {
    const tampered = structuredClone(good);
    tampered.samples[41]!.timeMs = (BigInt(tampered.samples[41]!.timeMs) + 1n).toString();
    const verdict = await verifyInSteps(tampered, expected, { yieldToPage: async () => {} });
    expect(verdict.ok).toBe(false);
    expect(verdict.failures.map((failure) => failure.index)).toEqual([41]);
    const failing = verdict.gpus.filter((gpu) => gpu.failed > 0);
    expect(failing).toEqual([
      { uuidHash: tampered.samples[41]!.uuidHash, samples: STEPS, verified: STEPS - 1, failed: 1 },
    ]);
  });

  it('fails every sample whose proof is for another root', async () => {
    const other = exportOf(
      leaves.map(([hash, time, utilization]) => [hash, time, utilization + 1]),
      expected.epoch,
    );
    const verdict = await verifyInSteps(other, expected, { yieldToPage: async () => {} });
    expect(verdict.verified).toBe(0);
    expect(verdict.failed).toBe(120);
    expect(verdict.gpus.every((gpu) => gpu.verified === 0 && gpu.failed === STEPS)).toBe(true);
  });

  it('stops when the page aborts it', async () => {
    const controller = new AbortController();
    const run = verifyInSteps(good, expected, {
      stepSamples: 10,
      signal: controller.signal,
      yieldToPage: async () => controller.abort(),
    });
    await expect(run).rejects.toThrow(/abort/i);
  });
});

describe('reading an export within the bound', () => {
  it('refuses a picked file past the bound without reading it', async () => {
    const text = vi.fn(async () => '');
    await expect(readExportFile({ size: MAX_EXPORT_BYTES + 1, text })).rejects.toThrow(/larger than 64 MiB/);
    expect(text).not.toHaveBeenCalled();
    await expect(readExportFile(new Blob([JSON.stringify(good)]))).resolves.toEqual(good);
  });

  it('stops reading an API answer once past the bound, whatever its content-length says', async () => {
    const chunk = new Uint8Array(4 * 1024 * 1024).fill(0x20);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    vi.stubGlobal('fetch', async () => new Response(endless, { status: 200 }));
    await expect(fetchExport('/api/x')).rejects.toThrow(/larger than 64 MiB/);
    expect(pulled * chunk.byteLength).toBeLessThanOrEqual(MAX_EXPORT_BYTES + 2 * chunk.byteLength);
  });

  it('gives the API’s own message for an error answer, and parses a good one', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ error: { code: 'unavailable', message: 'no oracle node answered' } }), {
          status: 503,
        }),
    );
    await expect(fetchExport('/api/x')).rejects.toThrow('no oracle node answered');
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(good), { status: 200 }));
    await expect(fetchExport('/api/x')).resolves.toEqual(good);
  });
});
