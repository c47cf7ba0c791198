/**
 * Deployed addresses, recorded per chain id in contracts/deployments/<chainId>.json. This module is the one place
 * that reads or writes them; the browser receives them from the server's root loader.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAddress, type Hex, isAddress, isHex } from 'viem';
import { z } from 'zod';

const address = z
  .string()
  .refine(isAddress, 'not an address')
  .transform((value) => getAddress(value));
const hash = z.string().refine((value): value is Hex => isHex(value) && value.length === 66, 'not a 32-byte hash');

export const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  /** Block that holds the first deployment transaction: the indexer backfills from here. */
  deployBlock: z.coerce.bigint(),
  /** Hash of `deployBlock`: a different hash at that height means the chain was reset. */
  deployBlockHash: hash,
  contracts: z.object({
    clusterRegistry: address,
    shareTokenImplementation: address,
    offeringImplementation: address,
    factory: address,
    /** ShareMarket: the signed-offer secondary market for the factory's tokens. */
    market: address,
    stablecoin: address,
    /** OpenZeppelin TimelockController that owns the registry (every chain but the local one). */
    timelock: address.optional(),
  }),
  /** Who governs: the registry owner (the timelock in production), its proposer and the guardian. */
  governance: z
    .object({
      owner: address,
      /** The account that proposes and executes through the timelock (a multisig); the owner itself locally. */
      proposer: address,
      guardian: address.nullable(),
      timelockDelaySeconds: z.number().int().nonnegative(),
    })
    .optional(),
  committee: z.object({
    signers: z.array(address).min(1),
    threshold: z.number().int().positive(),
    heartbeatSeconds: z.number().int().positive(),
  }),
});

export type Deployment = z.infer<typeof deploymentSchema>;
export type DeployedContractName = keyof Deployment['contracts'];

const defaultDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', 'deployments');

export function deploymentPath(chainId: number, directory = defaultDirectory) {
  return join(directory, `${chainId}.json`);
}

/** The recorded deployment for `chainId`, or undefined when none is recorded. Throws on a malformed record. */
export function readDeployment(chainId: number, directory = defaultDirectory): Deployment | undefined {
  let text: string;
  try {
    text = readFileSync(deploymentPath(chainId, directory), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = deploymentSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${deploymentPath(chainId, directory)} is malformed: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export function writeDeployment(deployment: Deployment, directory = defaultDirectory) {
  const path = deploymentPath(deployment.chainId, directory);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `${JSON.stringify(deployment, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`,
  );
}
