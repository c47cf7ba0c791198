/** Configuration file of a standalone oracle node (`npm run oracle -- node --config node.json`), zod-validated. */
import { readFileSync } from 'node:fs';
import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem';
import { z } from 'zod';

const address = z
  .string()
  .refine(isAddress, 'must be an address')
  .transform((value) => getAddress(value) as Address);

export const nodeConfigSchema = z.object({
  rpcUrl: z.url(),
  chainId: z.number().int().positive(),
  registry: address,
  committee: z.array(address).min(1),
  threshold: z.number().int().positive(),
  /** Name of the environment variable that holds this node's signing key. */
  privateKeyEnv: z.string().default('ORACLE_NODE_PRIVATE_KEY'),
  peers: z.array(z.object({ address, url: z.url() })),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(1).max(65_535),
  journalPath: z.string().min(1),
  epochSeconds: z.number().int().positive().default(3_600),
  graceSeconds: z.number().int().positive().optional(),
  takeoverMs: z.number().int().positive().default(15_000),
  /** Days the node keeps each epoch's raw samples for exports (per-epoch files beside the journal). */
  sampleRetentionDays: z.number().int().positive().default(35),
  /** The journal is compacted into a snapshot once it holds this many bytes. */
  compactJournalBytes: z.number().int().positive().optional(),
});

export function loadNodeConfig(path: string, env = process.env) {
  const config = nodeConfigSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const key = env[config.privateKeyEnv];
  if (!key || !isHex(key) || key.length !== 66) {
    throw new Error(`${config.privateKeyEnv} must hold this node's 0x-prefixed 32-byte private key`);
  }
  return { config, privateKey: key as Hex };
}
