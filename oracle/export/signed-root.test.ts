/**
 * The telemetry root a node signs is the one protocol/telemetry.ts computes for the same samples, and its proofs
 * verify against it: a node (the fixture core: journal, epoch close, report signing) takes snapshots with fractional
 * and missing utilizations; the expected root is rebuilt here from those raw snapshots with the OpenZeppelin library
 * and the leaf rule spelled out (keccak256 of the UUID, time in ms, round(percent × 1000) or -1), not with the code
 * under test. The on-chain side (a proof against the ReportSubmitted root) is in epoch-export.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { type Hex, keccak256, stringToBytes } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { type TelemetryLeaf, telemetryRoot, telemetryTree, verifyTelemetryProof } from '#protocol/telemetry';
import type { BatchPayload } from '#protocol/wire';
import type { OracleCore } from '../node/core';
import { type FixtureCluster, fixturePayload, openFixtureCore, signFixtureBatch } from '../node/core.test-kit';
import { simulatedUuids } from '../node/harness.test-kit';

const HOUR = 3_600_000;
const cluster: FixtureCluster = { clusterId: 9n, uuids: simulatedUuids('signed-root', 3) };
const base = (Math.floor(Date.now() / HOUR) - 4) * HOUR;
const firstEpoch = base / 1000 + 3_600;

let directory: string | undefined;
let core: OracleCore | undefined;
afterEach(async () => {
  await core?.close(false);
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** The fixture's snapshots with utilizations that need rounding, and one GPU without a reading every 7th step. */
function payload(from: number, count: number): BatchPayload {
  const plain = fixturePayload(cluster.uuids, from, count);
  plain.snapshots.forEach((snapshot, step) => {
    snapshot.gpus.forEach((gpu, index) => {
      gpu.utilizationPct = index === 2 && step % 7 === 0 ? null : ((step * 13 + index * 29) % 10_000) / 100 + 0.0005;
    });
  });
  return plain;
}

describe('the telemetry root a node signs', () => {
  it('equals protocol/telemetry.ts’s root and the library’s for the same raw samples, and every proof verifies against it', async () => {
    directory = mkdtempSync(join(tmpdir(), 'rackshare-signed-root-'));
    core = await openFixtureCore(join(directory, 'node.jsonl'), [cluster]);
    const first = payload(base, 360);
    await core.ingestBatch(cluster.clusterId, await signFixtureBatch(cluster.clusterId, 1, first));
    // A snapshot in the next epoch closes the first one.
    await core.ingestBatch(cluster.clusterId, await signFixtureBatch(cluster.clusterId, 2, payload(base + HOUR, 30)));
    const signed = core.report(cluster.clusterId, BigInt(firstEpoch))?.report.telemetryRoot;
    expect(signed).toBeDefined();

    const leaves: TelemetryLeaf[] = first.snapshots.flatMap((snapshot) =>
      snapshot.gpus.map((gpu): TelemetryLeaf => {
        const milliPct = gpu.utilizationPct === null ? -1 : Math.round(gpu.utilizationPct * 1000);
        return [keccak256(stringToBytes(gpu.uuid)), BigInt(snapshot.t), milliPct];
      }),
    );
    expect(leaves).toHaveLength(360 * 3);
    expect(leaves.some(([, , milliPct]) => milliPct === -1)).toBe(true);
    const library = StandardMerkleTree.of(leaves, ['bytes32', 'uint64', 'int32']);
    expect(signed).toBe(library.root);
    expect(telemetryRoot(leaves)).toBe(library.root);

    const tree = telemetryTree(leaves);
    for (const [index, leaf] of leaves.entries()) {
      expect(verifyTelemetryProof(signed as Hex, leaf, tree.proofs[index]!)).toBe(true);
    }
    const [hash, time, milliPct] = leaves[10]!;
    expect(verifyTelemetryProof(signed as Hex, [hash, time, milliPct + 1], tree.proofs[10]!)).toBe(false);
  });
});
