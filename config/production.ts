/**
 * Settings that must never reach a real chain, refused with one sentence at start (review H-1, M-6). Which runtime
 * needs what:
 * - `npm start` with RPC_URL runs an existing deployment: the record supplies committee and governance, so it needs
 *   PUBLIC_RPC_URL (the browser's endpoint; never the private RPC_URL by default), PUBLIC_ORIGIN (the only host it
 *   answers and the Sign-In-with-Ethereum domain) and SESSION_SECRET (a random per-process one signs everyone out
 *   on each restart and cannot be shared by several web processes). It holds no deployer key.
 * - `npm run deploy` creates the deployment: DEPLOYER_PRIVATE_KEY, ORACLE_SIGNERS, ORACLE_THRESHOLD and
 *   GOVERNANCE_ADDRESS (the timelock's proposer); productionGovernance in contracts/ts/deploy.ts adds the committee
 *   size, the strict majority, the stablecoin and the timelock delay once the chain is known.
 * Keys and addresses of the public dev mnemonic are refused on every chain but 31337 (anyone holds those keys); the
 * chain id is known only once the RPC answered, so callers check twice: at parse time without `chainId`, and again
 * with it before anything is read from or sent to the chain.
 */
import { isDevAddress, isDevKey, LOCAL_CHAIN_ID } from '#contracts/dev-keys';
import { ConfigError } from './env';

export type ProductionSettings = {
  RPC_URL?: string;
  PUBLIC_RPC_URL?: string;
  /** As set, before the web tier's local default (config/web.ts). */
  PUBLIC_ORIGIN?: string;
  /** As set, before the web tier's random per-process default. */
  SESSION_SECRET?: string;
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
    {
      name: 'PUBLIC_ORIGIN',
      why: 'it is the only host the dashboard answers and the Sign-In-with-Ethereum domain, never http://localhost',
    },
    {
      name: 'SESSION_SECRET',
      why: 'a random secret per process signs everyone out on each restart and differs between web processes',
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
  if (
    settings.PUBLIC_RPC_URL !== undefined &&
    settings.RPC_URL !== undefined &&
    carriesKey(settings.RPC_URL) &&
    sameUrl(settings.PUBLIC_RPC_URL, settings.RPC_URL)
  ) {
    refuse(
      'PUBLIC_RPC_URL must not be RPC_URL itself when that URL carries a path or query (an API key): every visitor receives PUBLIC_RPC_URL.',
    );
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

/** A path or query in an RPC URL is where providers put the API key (https://host/v2/<key>, ?apikey=…). */
function carriesKey(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.pathname.replace(/\/+$/, '') !== '' || url.search !== '';
}

function sameUrl(a: string, b: string): boolean {
  if (!URL.canParse(a) || !URL.canParse(b)) return a.trim() === b.trim();
  const normal = (value: string) => new URL(value).href.replace(/\/+$/, '');
  return normal(a) === normal(b);
}
