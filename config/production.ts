/**
 * Settings that must never reach a real chain, refused with one sentence at start (review H-1, M-6). Which runtime
 * needs what:
 * - `npm start` with RPC_URL runs an existing deployment: the record supplies committee and governance, so it needs
 *   only PUBLIC_RPC_URL (the browser's endpoint; never the private RPC_URL by default). It holds no deployer key.
 * - `npm run deploy` creates the deployment: DEPLOYER_PRIVATE_KEY, ORACLE_SIGNERS, ORACLE_THRESHOLD and
 *   GOVERNANCE_ADDRESS (the timelock's proposer); productionGovernance in contracts/ts/deploy.ts adds the committee
 *   size, the strict majority, the stablecoin and the timelock delay once the chain is known.
 * Keys and addresses of the public dev mnemonic are refused on every chain but 31337 (anyone holds those keys); the
 * chain id is known only once the RPC answered, so callers check twice: at parse time without `chainId`, and again
 * with it before anything is read from or sent to the chain.
 */
import { isDevAddress, isDevKey } from '#contracts/dev-keys';
import { ConfigError } from './env';

/** anvil's chain id (the same value as LOCAL_CHAIN_ID in contracts/ts/deploy.ts). */
const LOCAL_CHAIN_ID = 31_337;

export type ProductionSettings = {
  RPC_URL?: string;
  PUBLIC_RPC_URL?: string;
  DEPLOYER_PRIVATE_KEY?: string;
  ORACLE_SIGNERS?: readonly string[];
  ORACLE_THRESHOLD?: number;
  GOVERNANCE_ADDRESS?: string;
  GUARDIAN_ADDRESS?: string;
  /** The dashboard's telemetry reader key (app settings). */
  ORACLE_READER_PRIVATE_KEY?: string;
};

export type Runtime = 'start' | 'deploy';

const refuse = (sentence: string): never => {
  throw new ConfigError(`Invalid configuration: ${sentence}`);
};

const REQUIRED: Record<Runtime, { name: keyof ProductionSettings; why: string }[]> = {
  start: [
    {
      name: 'PUBLIC_RPC_URL',
      why: 'every visitor receives the browser RPC endpoint, so the private RPC_URL is never used in its place',
    },
  ],
  deploy: [
    { name: 'DEPLOYER_PRIVATE_KEY', why: 'it pays for the deployment' },
    { name: 'ORACLE_SIGNERS', why: 'the oracle committee is never defaulted off the local chain' },
    { name: 'ORACLE_THRESHOLD', why: 'the committee threshold is never defaulted off the local chain' },
    { name: 'GOVERNANCE_ADDRESS', why: 'a multisig proposes through the timelock that owns the registry' },
  ],
};

/**
 * Throws a ConfigError (one sentence) for the first unsafe or missing setting. Without RPC_URL the stack runs its own
 * anvil chain and nothing here applies. Pass `chainId` as soon as it is known: only then are dev keys refused.
 */
export function checkProductionSettings(
  settings: ProductionSettings,
  context: { runtime: Runtime; chainId?: number },
): void {
  if (settings.RPC_URL === undefined) return;
  for (const { name, why } of REQUIRED[context.runtime]) {
    if (settings[name] === undefined) refuse(`${name} is required when RPC_URL is set (${why}).`);
  }
  if (settings.PUBLIC_RPC_URL !== undefined && URL.canParse(settings.PUBLIC_RPC_URL)) {
    const url = new URL(settings.PUBLIC_RPC_URL);
    if (url.username || url.password) {
      refuse('PUBLIC_RPC_URL must not carry credentials (user:password@): every visitor receives it.');
    }
  }
  if (context.chainId === undefined || context.chainId === LOCAL_CHAIN_ID) return;
  const devKey = (
    [
      ['DEPLOYER_PRIVATE_KEY', settings.DEPLOYER_PRIVATE_KEY],
      ['ORACLE_READER_PRIVATE_KEY', settings.ORACLE_READER_PRIVATE_KEY],
    ] as const
  ).find(([, key]) => key !== undefined && isDevKey(key));
  const devAddress = (
    [
      ['GOVERNANCE_ADDRESS', [settings.GOVERNANCE_ADDRESS]],
      ['GUARDIAN_ADDRESS', [settings.GUARDIAN_ADDRESS]],
      ['ORACLE_SIGNERS', settings.ORACLE_SIGNERS ?? []],
    ] as const
  ).find(([, addresses]) => addresses.some((address) => address !== undefined && isDevAddress(address)));
  const name = devKey?.[0] ?? devAddress?.[0];
  if (name) {
    refuse(
      `${name} holds a key or address of the public dev mnemonic ("test test … junk"), which anyone can sign with, and chain ${context.chainId} is not the local chain.`,
    );
  }
}
