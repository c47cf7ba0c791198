/**
 * Epoch sample exports: an epoch's raw telemetry leaves (see protocol/telemetry.ts) with a Merkle proof of each
 * against the report's `telemetryRoot`, so anyone can check a sample was part of what the committee signed, and a
 * verifier that recomputes the root, checks every proof and compares the root with the ReportSubmitted event on chain.
 */
import { type Address, getAddress, type Hex, isHex, type PublicClient } from 'viem';
import { z } from 'zod';
import { clusterRegistryAbi } from '#contracts';
import { BaseError, type BaseErrorParameters } from '#protocol/base-error';
import { type TelemetryLeaf, telemetryTree } from '#protocol/telemetry';
import {
  type EpochExport,
  EXPORT_FORMAT,
  EXPORT_LEAF_ENCODING,
  ExportVerification,
  MAX_EXPORT_SAMPLES,
} from '#protocol/telemetry-export';

/** What an oracle node's GET /clusters/:id/epochs/:epoch/samples answers. */
export const nodeSamplesSchema = z.object({
  clusterId: z.string().regex(/^\d+$/),
  epoch: z.string().regex(/^\d+$/),
  epochSeconds: z.number().int().positive(),
  telemetryRoot: z.string().refine((value) => isHex(value) && value.length === 66),
  leaves: z.array(z.tuple([z.string(), z.string().regex(/^\d+$/), z.number().int()])).max(MAX_EXPORT_SAMPLES),
});
export type NodeSamples = z.infer<typeof nodeSamplesSchema>;

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
    leafEncoding: EXPORT_LEAF_ENCODING,
    ...(input.reportTransaction ? { reportTransaction: input.reportTransaction } : {}),
    samples,
  };
}

/** A node's samples do not hash to the root its committee signed on chain: that node's answer is unusable. */
export class ExportMismatchError extends BaseError {
  override name = 'ExportMismatchError';
  static readonly code = 'export_mismatch';
  constructor(shortMessage: string, parameters: Pick<BaseErrorParameters, 'cause' | 'details'> = {}) {
    super(shortMessage, { ...parameters, code: ExportMismatchError.code });
  }
}

export type VerifyResult = {
  ok: boolean;
  samples: number;
  /** Problems found, one sentence each (empty when ok). */
  problems: string[];
  onChainRoot?: Hex;
  reportTransaction?: Hex;
};

/**
 * Offline checks (protocol/telemetry-export.ts, the same verifier the epoch page runs in the browser): every proof
 * verifies against the root the file states and the samples together rebuild it.
 */
export function verifyExportOffline(exported: EpochExport): VerifyResult {
  const verdict = new ExportVerification(exported, { root: exported.telemetryRoot }).run();
  const problems = [
    ...verdict.problems,
    ...verdict.failures.map(
      (failure) => `sample ${failure.index} (${failure.uuidHash} at ${failure.timeMs}) has an invalid proof`,
    ),
  ];
  return { ok: verdict.ok, samples: verdict.samples, problems };
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
