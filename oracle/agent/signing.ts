/** What the agent signs with the operator key: telemetry batches and inventory proofs (see eip712.ts). */
import { type Address, type Hex, keccak256, toBytes } from 'viem';
import {
  type ChainContext,
  inventoryProofDigest,
  recoverSigner,
  signDigest,
  telemetryBatchDigest,
} from '#protocol/eip712';
import { hardwareRoot } from '#protocol/hardware';
import type { BatchBody, BatchPayload } from '#protocol/wire';

export async function signBatch(
  context: ChainContext,
  operatorKey: Hex,
  clusterId: bigint,
  sequence: number,
  payload: BatchPayload,
): Promise<BatchBody> {
  const text = JSON.stringify(payload);
  const payloadHash = keccak256(toBytes(text));
  const digest = telemetryBatchDigest(context, clusterId, BigInt(sequence), payloadHash);
  // The hash travels with the batch: nodes check the signature over it before hashing the payload themselves.
  return {
    clusterId: clusterId.toString(),
    sequence,
    payload: text,
    payloadHash,
    signature: await signDigest(digest, operatorKey),
  };
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

/**
 * The batch as it must be sent now: the same sequence and payload, signed by `operator`. A batch signed before an
 * operator hand-over is re-signed with the new operator's key; the content is unchanged, so every node still sees the
 * same batch under that sequence.
 */
export async function signedBy(
  context: ChainContext,
  operator: { key: Hex; address: Address },
  batch: BatchBody,
): Promise<{ batch: BatchBody; resigned: boolean }> {
  const clusterId = BigInt(batch.clusterId);
  const payloadHash = keccak256(toBytes(batch.payload));
  const digest = telemetryBatchDigest(context, clusterId, BigInt(batch.sequence), payloadHash);
  const signer = await recoverSigner(digest, batch.signature as Hex).catch(() => undefined);
  // A batch spooled by an agent from before nodes required `payloadHash` gets it here when it is re-signed.
  if (signer && signer === operator.address) return { batch: { ...batch, payloadHash }, resigned: false };
  return { batch: { ...batch, payloadHash, signature: await signDigest(digest, operator.key) }, resigned: true };
}
