/** What the agent signs with the operator key: telemetry batches and inventory proofs (see eip712.ts). */
import { type Hex, keccak256, toBytes } from 'viem';
import { type ChainContext, inventoryProofDigest, signDigest, telemetryBatchDigest } from '../eip712';
import { hardwareRoot } from '../hardware';
import type { BatchBody, BatchPayload } from '../node/protocol';

export async function signBatch(
  context: ChainContext,
  operatorKey: Hex,
  clusterId: bigint,
  sequence: number,
  payload: BatchPayload,
): Promise<BatchBody> {
  const text = JSON.stringify(payload);
  const digest = telemetryBatchDigest(context, clusterId, BigInt(sequence), keccak256(toBytes(text)));
  return { clusterId: clusterId.toString(), sequence, payload: text, signature: await signDigest(digest, operatorKey) };
}

export async function signInventory(
  context: ChainContext,
  operatorKey: Hex,
  clusterId: bigint,
  uuids: string[],
  challenge: Hex,
  validUntil: number,
) {
  const digest = inventoryProofDigest(context, {
    clusterId,
    hardwareRoot: hardwareRoot(uuids),
    gpuCount: uuids.length,
    challenge,
    validUntil: BigInt(validUntil),
  });
  return { challenge, uuids, validUntil, signature: await signDigest(digest, operatorKey) };
}
