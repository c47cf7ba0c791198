/**
 * The attestation request as the browser and the server exchange it: challenges from the oracle nodes, answers the
 * operator's wallet signed (EIP-712 InventoryProof, the same typed data the oracle's agent signs), and the nodes'
 * attestation signatures that the operator then submits on-chain.
 */
import { isAddress, isHex } from 'viem';
import { z } from 'zod';

const hex32 = z.string().refine((value) => isHex(value) && value.length === 66, 'must be a 32-byte hex string');
const signature = z.string().refine((value) => isHex(value) && value.length === 132, 'must be a 65-byte signature');

export const challengeSchema = z.object({ challenge: hex32, expiresAt: z.number() });

export const attestationSignatureSchema = z.object({
  attestation: z.object({
    clusterId: z.string().regex(/^\d+$/),
    hardwareRoot: hex32,
    gpuCount: z.number().int().positive(),
    validUntil: z.number().int().positive(),
    nonce: z.number().int().nonnegative(),
  }),
  signer: z.string().refine(isAddress, 'must be an address'),
  signature,
});
export type AttestationSignature = z.infer<typeof attestationSignatureSchema>;

export const inventoryAnswerSchema = z.object({
  node: z.number().int().nonnegative(),
  challenge: hex32,
  uuids: z.array(z.string().max(64)).min(1).max(10_000),
  validUntil: z.number().int().positive(),
  signature,
});
export type InventoryAnswer = z.infer<typeof inventoryAnswerSchema>;

export const attestationRequestSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('challenge'), clusterId: z.string().regex(/^\d{1,78}$/) }),
  z.object({
    step: z.literal('answer'),
    clusterId: z.string().regex(/^\d{1,78}$/),
    answers: z.array(inventoryAnswerSchema).min(1).max(32),
  }),
]);

/** One node's part of the exchange, as the action answers it. */
export type NodeOutcome<T> = { node: number } & ({ ok: true; data: T } | { ok: false; code: string; message: string });
