/**
 * The attestation request as the browser and the app's relay exchange it: the oracle node's own wire formats
 * (protocol/wire.ts), with the index of the configured node each answer is for.
 */
import { z } from 'zod';
import { attestationBodySchema } from '#protocol/wire';

export {
  type AttestationSignature,
  attestationSignatureSchema,
  challengeSchema,
} from '#protocol/wire';

export const inventoryAnswerSchema = attestationBodySchema.extend({ node: z.number().int().nonnegative() });
export type InventoryAnswer = z.infer<typeof inventoryAnswerSchema>;

export const attestationRequestSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('challenge'), clusterId: z.string().regex(/^\d{1,78}$/) }),
  z.object({
    step: z.literal('answer'),
    clusterId: z.string().regex(/^\d{1,78}$/),
    answers: z.array(inventoryAnswerSchema).min(1).max(32),
  }),
]);

/** One node's part of the exchange, as the relay answers it. */
export type NodeOutcome<T> = { node: number } & ({ ok: true; data: T } | { ok: false; code: string; message: string });
