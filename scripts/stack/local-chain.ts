/**
 * The local chain is disposable, but it must run the contracts of this checkout: a chain made by an older build keeps
 * the older bytecode at the recorded addresses, and the new code would talk to it with the wrong ABI. So the local
 * chain, its deployment record and the demo's state are dropped when the contracts' bytecode changed since they were
 * made (as `rm -rf .data` would; the database follows, being re-indexed when the chain's identity changes). Only ever
 * used for the local anvil chain: a real network is never reset.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Hex, keccak256, toBytes } from 'viem';
import * as generated from '#contracts';
import { stopOrphan } from '../../devnet/anvil';

/** keccak256 over the creation bytecode of every deployable contract, in name order. */
export function contractsFingerprint(bytecodes: Record<string, unknown> = generated): Hex {
  const names = Object.keys(bytecodes)
    .filter((name) => name.endsWith('Bytecode'))
    .sort();
  return keccak256(toBytes(names.map((name) => `${name}:${bytecodes[name] as string}`).join('\n')));
}

/** Directories under the data directory that belong to one local chain. */
export const LOCAL_CHAIN_DIRECTORIES = ['anvil', 'deployments', 'demo'] as const;

/**
 * Drops the local chain's state when it was made by other contracts (or by a build that did not record which), and
 * records the current fingerprint. Returns whether it dropped anything.
 */
export async function resetLocalChainIfContractsChanged(dataDir: string, fingerprint = contractsFingerprint()) {
  const file = join(dataDir, 'anvil', 'contracts-fingerprint');
  const recorded = existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  const hasState = LOCAL_CHAIN_DIRECTORIES.some((directory) => existsSync(join(dataDir, directory)));
  const stale = hasState && recorded !== fingerprint;
  if (stale) {
    // An anvil left running by a killed stack would dump the old chain back into the directory on its way out.
    await stopOrphan(join(dataDir, 'anvil', 'state.json.pid'));
    for (const directory of LOCAL_CHAIN_DIRECTORIES) rmSync(join(dataDir, directory), { recursive: true, force: true });
  }
  mkdirSync(join(dataDir, 'anvil'), { recursive: true });
  writeFileSync(file, `${fingerprint}\n`);
  return stale;
}
