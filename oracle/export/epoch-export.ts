/**
 * Epoch sample exports: an epoch's raw telemetry leaves (see hardware.ts, TELEMETRY ROOT) with a Merkle proof of each
 * against the report's `telemetryRoot`, so anyone can check a sample was part of what the committee signed, and a
 * verifier that recomputes the root, checks every proof and compares the root with the ReportSubmitted event on chain.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { type Address, getAddress, type Hex, isAddress, isHex, type PublicClient, zeroHash } from 'viem';
import { z } from 'zod';
import { clusterRegistryAbi } from '#contracts';
import { TELEMETRY_LEAF_TYPES, type TelemetryLeaf } from '../hardware';
import { telemetryTree } from './telemetry-tree';

export const EXPORT_FORMAT = 'rackshare-epoch-samples/1';

/** What an oracle node's GET /clusters/:id/epochs/:epoch/samples answers. */
export const nodeSamplesSchema = z.object({
  clusterId: z.string().regex(/^\d+$/),
  epoch: z.string().regex(/^\d+$/),
  epochSeconds: z.number().int().positive(),
  telemetryRoot: z.string().refine((value) => isHex(value) && value.length === 66),
  leaves: z.array(z.tuple([z.string(), z.string().regex(/^\d+$/), z.number().int()])),
});
export type NodeSamples = z.infer<typeof nodeSamplesSchema>;

const hex32 = z.string().refine((value) => isHex(value) && value.length === 66, 'must be a 32-byte hex string');

export const epochExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  chainId: z.number().int().positive(),
  registry: z.string().refine(isAddress, 'must be an address'),
  clusterId: z.string().regex(/^\d+$/),
  epoch: z.string().regex(/^\d+$/),
  telemetryRoot: hex32,
  leafEncoding: z.tuple([z.literal('bytes32'), z.literal('uint64'), z.literal('int32')]),
  reportTransaction: hex32.optional(),
  samples: z.array(
    z.object({
      uuidHash: hex32,
      timeMs: z.string().regex(/^\d+$/),
      utilizationMilliPct: z.number().int(),
      proof: z.array(hex32),
    }),
  ),
});
export type EpochExport = z.infer<typeof epochExportSchema>;

const toLeaf = (uuidHash: string, timeMs: string, utilizationMilliPct: number): TelemetryLeaf => [
  uuidHash as Hex,
  BigInt(timeMs),
  utilizationMilliPct,
];

/** Builds the export of one epoch from the node's leaves; throws when they do not hash to `expectedRoot`. */
export function buildEpochExport(input: {
  chainId: number;
  registry: Address;
  samples: NodeSamples;
  expectedRoot: Hex;
  reportTransaction?: Hex;
}): EpochExport {
  const leaves = input.samples.leaves.map(([hash, time, utilization]) => toLeaf(hash, time, utilization));
  // The raw-bytes tree (telemetry-tree.ts): the library's encoder made a 36,000-sample export cost 44 s of CPU.
  const tree = telemetryTree(leaves);
  const root = tree.root;
  if (root.toLowerCase() !== input.expectedRoot.toLowerCase()) {
    throw new ExportMismatchError(
      `the node's ${leaves.length} samples hash to ${root}, the on-chain report says ${input.expectedRoot}`,
    );
  }
  const samples: EpochExport['samples'] = leaves.map(([uuidHash, timeMs, utilizationMilliPct], index) => ({
    uuidHash,
    timeMs: timeMs.toString(),
    utilizationMilliPct,
    proof: tree.proofs[index]!,
  }));
  samples.sort((a, b) => Number(BigInt(a.timeMs) - BigInt(b.timeMs)) || a.uuidHash.localeCompare(b.uuidHash));
  return {
    format: EXPORT_FORMAT,
    chainId: input.chainId,
    registry: getAddress(input.registry),
    clusterId: input.samples.clusterId,
    epoch: input.samples.epoch,
    telemetryRoot: root,
    leafEncoding: [...TELEMETRY_LEAF_TYPES],
    ...(input.reportTransaction ? { reportTransaction: input.reportTransaction } : {}),
    samples,
  };
}

export class ExportMismatchError extends Error {
  override name = 'ExportMismatchError';
}

export type VerifyResult = {
  ok: boolean;
  samples: number;
  /** Problems found, one sentence each (empty when ok). */
  problems: string[];
  onChainRoot?: Hex;
  reportTransaction?: Hex;
};

/** Offline checks: the samples rebuild the stated root and every proof verifies against it. */
export function verifyExportOffline(exported: EpochExport): VerifyResult {
  const problems: string[] = [];
  const leaves = exported.samples.map((sample) => toLeaf(sample.uuidHash, sample.timeMs, sample.utilizationMilliPct));
  const rebuilt = leaves.length > 0 ? (StandardMerkleTree.of(leaves, [...TELEMETRY_LEAF_TYPES]).root as Hex) : zeroHash;
  if (rebuilt.toLowerCase() !== exported.telemetryRoot.toLowerCase()) {
    problems.push(`the samples hash to ${rebuilt}, not to the stated root ${exported.telemetryRoot}`);
  }
  for (const [index, sample] of exported.samples.entries()) {
    const valid = StandardMerkleTree.verify(
      exported.telemetryRoot,
      [...TELEMETRY_LEAF_TYPES],
      leaves[index]!,
      sample.proof,
    );
    if (!valid) problems.push(`sample ${index} (${sample.uuidHash} at ${sample.timeMs}) has an invalid proof`);
  }
  return { ok: problems.length === 0, samples: exported.samples.length, problems };
}

/** Offline checks plus: the root equals the telemetryRoot of the ReportSubmitted event of that cluster and epoch. */
export async function verifyExportOnChain(exported: EpochExport, publicClient: PublicClient): Promise<VerifyResult> {
  const result = verifyExportOffline(exported);
  const chainId = await publicClient.getChainId();
  if (chainId !== exported.chainId) {
    result.problems.push(`the RPC serves chain ${chainId}, the export is for chain ${exported.chainId}`);
  } else {
    const events = await publicClient.getContractEvents({
      address: exported.registry as Address,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId: BigInt(exported.clusterId), epoch: BigInt(exported.epoch) },
      fromBlock: 0n,
    });
    const event = events.find((entry) => entry.args.epoch === BigInt(exported.epoch));
    if (!event) {
      result.problems.push(`no ReportSubmitted event for cluster ${exported.clusterId} epoch ${exported.epoch}`);
    } else {
      result.onChainRoot = event.args.telemetryRoot as Hex;
      result.reportTransaction = event.transactionHash;
      if (result.onChainRoot.toLowerCase() !== exported.telemetryRoot.toLowerCase()) {
        result.problems.push(
          `the on-chain telemetryRoot is ${result.onChainRoot}, the export's is ${exported.telemetryRoot}`,
        );
      }
    }
  }
  result.ok = result.problems.length === 0;
  return result;
}
