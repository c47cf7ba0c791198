/**
 * Deploys the protocol with viem from the generated ABIs and bytecode, and records the addresses per chain id.
 * Idempotent: a recorded deployment whose block hash and code still exist on the chain is reused.
 *
 * Governance: on the local chain the registry owner is an account (the deployer by default), or, when
 * `localTimelockDelaySeconds` is given (the `npm start` stack does), a TimelockController with that short delay whose
 * proposer, executor and canceller is that account, so the dashboard's governance console works as it does in
 * production. On every other chain the owner is an OpenZeppelin TimelockController whose proposer and executor is
 * GOVERNANCE_ADDRESS (a multisig), so every governance act is public for `timelockDelaySeconds` before it takes
 * effect; the guardian (default: the same multisig) can still suspend a cluster or pause a token at once, but never
 * lift either. A production committee needs at least 3 signers and a strict-majority threshold: anything less is
 * refused, not defaulted.
 */
import {
  type Abi,
  type Account,
  type Address,
  BlockNotFoundError,
  type Chain,
  getAddress,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
  zeroAddress,
} from 'viem';
import { type Deployment, readDeployment, writeDeployment } from './deployments';
import { isDevAddress, LOCAL_CHAIN_ID } from './dev-keys';
import {
  clusterRegistryAbi,
  clusterRegistryBytecode,
  offeringAbi,
  offeringBytecode,
  rackshareFactoryAbi,
  rackshareFactoryBytecode,
  shareMarketAbi,
  shareMarketBytecode,
  shareTokenAbi,
  shareTokenBytecode,
  testStablecoinAbi,
  testStablecoinBytecode,
  timelockControllerAbi,
  timelockControllerBytecode,
} from './generated';

export { LOCAL_CHAIN_ID };

export type DeployClients = {
  publicClient: PublicClient<Transport, Chain>;
  walletClient: WalletClient<Transport, Chain, Account>;
};

export type CommitteeConfig = Deployment['committee'];

/** Smallest oracle committee a real network may get: with fewer, one key or one outage decides. */
export const MIN_PRODUCTION_SIGNERS = 3;
/** Default delay of the production timelock: two days to see a governance act coming and leave. */
export const DEFAULT_TIMELOCK_DELAY_SECONDS = 2 * 86_400;
/** Shortest delay accepted on a real network (a shorter one is a timelock in name only). */
export const MIN_TIMELOCK_DELAY_SECONDS = 3_600;

/**
 * Delay of the local stack's timelock: long enough that a scheduled act is seen waiting (with its countdown) in the
 * governance console, short enough that a developer or an end-to-end test waits (or moves anvil's clock) a minute.
 */
export const LOCAL_TIMELOCK_DELAY_SECONDS = 60;

export type DeployOptions = {
  committee: CommitteeConfig;
  /**
   * Protocol governance. Locally the registry owner itself (default: the deployer). On any other chain required: the
   * proposer and executor of the TimelockController that becomes the registry owner.
   */
  owner?: Address;
  /** Delay of the production timelock in seconds (default two days; at least an hour). Ignored locally. */
  timelockDelaySeconds?: number;
  /**
   * Local chain only: the registry owner becomes a TimelockController with this delay, proposed to, executed and
   * cancelled by `owner` (default: the deployer), and the guardian defaults to that account. Without it the local
   * owner is the account itself (the unit tests' direct owner). Ignored off the local chain.
   */
  localTimelockDelaySeconds?: number;
  /** Emergency key: may suspend clusters and pause tokens, never lift either (default: governance). */
  guardian?: Address;
  /** The revenue stablecoin on a real network; on the local chain a TestStablecoin is deployed when omitted. */
  stablecoin?: Address;
  /** Where deployment records live (see deployments.ts). */
  directory?: string;
};

/** True when `deployment` still exists on the chain behind `publicClient` (same block hash, code at every address). */
export async function isDeploymentLive(publicClient: PublicClient, deployment: Deployment): Promise<boolean> {
  // Only "no such block" or "another block at that height" means the deployment is gone. Any other error (a timeout,
  // a rate limit, an RPC outage) propagates: treating it as "gone" redeployed the protocol on a live chain (review
  // H-4).
  const block = await publicClient.getBlock({ blockNumber: deployment.deployBlock }).catch((error: unknown) => {
    if (error instanceof BlockNotFoundError) return undefined;
    throw error;
  });
  if (!block || block.hash !== deployment.deployBlockHash) return false;
  for (const address of Object.values(deployment.contracts)) {
    if (!address) continue;
    const code = await publicClient.getCode({ address });
    if (!code || code === '0x') return false;
  }
  return true;
}

async function deployContract(
  { publicClient, walletClient }: DeployClients,
  abi: Abi,
  bytecode: Hex,
  args: readonly unknown[] = [],
) {
  const hash = await walletClient.deployContract({ abi, bytecode, args } as Parameters<
    typeof walletClient.deployContract
  >[0]);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deployment ${hash} reverted`);
  return { address: getAddress(receipt.contractAddress), receipt };
}

export type DeployResult = { deployment: Deployment; reused: boolean };

/** A deployment refused before any transaction for a reason the operator fixes; the message is one sentence. */
export class DeploymentRefusedError extends Error {
  override name = 'DeploymentRefusedError';
}

/**
 * The local chain's automatic deployment: reuses the recorded deployment when it is live, else deploys everything and
 * records it. Refused on any other chain, where "not live" must stop start-up instead of redeploying (H-4): a real
 * chain is deployed once, explicitly, by `npm run deploy`.
 */
export async function ensureDeployment(clients: DeployClients, options: DeployOptions): Promise<DeployResult> {
  const chainId = await clients.publicClient.getChainId();
  if (chainId !== LOCAL_CHAIN_ID) {
    throw new DeploymentRefusedError(
      `Chain ${chainId} is not the local chain: deploy it once with \`npm run deploy\`, never automatically.`,
    );
  }
  // A local record the schema refuses (one written before the market existed) is redeployed like a reset chain.
  let recorded: Deployment | undefined;
  try {
    recorded = readDeployment(chainId, options.directory);
  } catch {
    recorded = undefined;
  }
  if (recorded && (await isDeploymentLive(clients.publicClient, recorded)))
    return { deployment: recorded, reused: true };
  return { deployment: await deployProtocol(clients, options), reused: false };
}

/** Refuses what must never reach a real network; returns the production governance settings. */
export function productionGovernance(options: DeployOptions, deployer: Address, chainId: number) {
  const { signers, threshold } = options.committee;
  // Checked here too, not only in the settings (config/production.ts): a library caller reaches this without them.
  const dev = (
    [
      ['the deployer key', deployer],
      ['GOVERNANCE_ADDRESS', options.owner],
      ['GUARDIAN_ADDRESS', options.guardian],
      ...signers.map((signer) => ['ORACLE_SIGNERS', signer] as const),
    ] as const
  ).find(([, address]) => address !== undefined && isDevAddress(address));
  if (dev) {
    throw new DeploymentRefusedError(
      `Chain ${chainId} is a real network: ${dev[0]} (${dev[1]}) is an account of the public dev mnemonic ("test test … junk"), whose keys anyone holds.`,
    );
  }
  if (signers.length < MIN_PRODUCTION_SIGNERS) {
    throw new DeploymentRefusedError(
      `Chain ${chainId} is a real network: its oracle committee needs at least ${MIN_PRODUCTION_SIGNERS} signers (ORACLE_SIGNERS has ${signers.length}).`,
    );
  }
  if (threshold < 1 || threshold > signers.length || 2 * threshold <= signers.length) {
    throw new DeploymentRefusedError(
      `Chain ${chainId} is a real network: the threshold must be a strict majority of the ${signers.length} signers (ORACLE_THRESHOLD is ${threshold}).`,
    );
  }
  if (!options.stablecoin) {
    throw new DeploymentRefusedError(
      `Chain ${chainId} is not a local chain: set the address of a real stablecoin to deploy there.`,
    );
  }
  if (!options.owner) {
    throw new DeploymentRefusedError(
      `Chain ${chainId} is a real network: set GOVERNANCE_ADDRESS (a multisig) to govern it.`,
    );
  }
  if (getAddress(options.owner) === getAddress(deployer)) {
    throw new DeploymentRefusedError(
      `Chain ${chainId} is a real network: GOVERNANCE_ADDRESS must not be the deployer's key (use a multisig).`,
    );
  }
  const delay = options.timelockDelaySeconds ?? DEFAULT_TIMELOCK_DELAY_SECONDS;
  if (!Number.isInteger(delay) || delay < MIN_TIMELOCK_DELAY_SECONDS) {
    throw new DeploymentRefusedError(
      `Chain ${chainId} is a real network: the timelock delay must be at least ${MIN_TIMELOCK_DELAY_SECONDS} seconds (got ${delay}).`,
    );
  }
  return {
    timelocked: true,
    proposer: getAddress(options.owner),
    delay,
    guardian: getAddress(options.guardian ?? options.owner),
  };
}

/**
 * The local chain's governance: the owner account (default the deployer) governs directly, or through a timelock with
 * `localTimelockDelaySeconds`; then the guardian defaults to that account, so the local demo can still suspend a
 * cluster or pause a token at once while lifting either waits out the delay, as in production.
 */
export function localGovernance(options: DeployOptions, deployer: Address) {
  const proposer = getAddress(options.owner ?? deployer);
  const delay = options.localTimelockDelaySeconds;
  if (delay !== undefined && (!Number.isInteger(delay) || delay < 0)) {
    throw new DeploymentRefusedError(`The local timelock delay must be a whole number of seconds (got ${delay}).`);
  }
  const timelocked = delay !== undefined;
  const guardian = options.guardian ? getAddress(options.guardian) : timelocked ? proposer : null;
  return { timelocked, proposer, delay: delay ?? 0, guardian };
}

/**
 * Deploys stablecoin (local only), the timelock (real networks; locally with `localTimelockDelaySeconds`), the registry with its committee,
 * the two clone implementations, the factory and the share market (which reads the registry, the stablecoin and the
 * token implementation from the factory).
 */
export async function deployProtocol(clients: DeployClients, options: DeployOptions): Promise<Deployment> {
  const chainId = await clients.publicClient.getChainId();
  const deployer = clients.walletClient.account.address;
  const governance =
    chainId === LOCAL_CHAIN_ID ? localGovernance(options, deployer) : productionGovernance(options, deployer, chainId);
  const { committee } = options;
  const stablecoin = options.stablecoin
    ? { address: getAddress(options.stablecoin), receipt: undefined }
    : await deployContract(clients, testStablecoinAbi, testStablecoinBytecode);
  // No admin: the timelock administers itself, so only a delayed proposal can ever change its roles or delay.
  const timelock = governance.timelocked
    ? await deployContract(clients, timelockControllerAbi, timelockControllerBytecode, [
        BigInt(governance.delay),
        [governance.proposer],
        [governance.proposer],
        zeroAddress,
      ])
    : undefined;
  const owner = timelock?.address ?? governance.proposer;
  const guardian = governance.guardian;
  const registry = await deployContract(clients, clusterRegistryAbi, clusterRegistryBytecode, [
    owner,
    committee.signers,
    BigInt(committee.threshold),
    BigInt(committee.heartbeatSeconds),
    guardian ?? zeroAddress,
  ]);
  const shareToken = await deployContract(clients, shareTokenAbi, shareTokenBytecode);
  const offering = await deployContract(clients, offeringAbi, offeringBytecode, [registry.address, stablecoin.address]);
  const factory = await deployContract(clients, rackshareFactoryAbi, rackshareFactoryBytecode, [
    registry.address,
    stablecoin.address,
    shareToken.address,
    offering.address,
  ]);
  const market = await deployContract(clients, shareMarketAbi, shareMarketBytecode, [factory.address]);
  const first = stablecoin.receipt ?? timelock?.receipt ?? registry.receipt;
  const deployment: Deployment = {
    chainId,
    deployBlock: first.blockNumber,
    deployBlockHash: first.blockHash,
    contracts: {
      clusterRegistry: registry.address,
      shareTokenImplementation: shareToken.address,
      offeringImplementation: offering.address,
      factory: factory.address,
      market: market.address,
      stablecoin: stablecoin.address,
      ...(timelock ? { timelock: timelock.address } : {}),
    },
    committee,
    governance: {
      owner,
      proposer: governance.proposer,
      guardian,
      timelockDelaySeconds: timelock ? governance.delay : 0,
    },
  };
  writeDeployment(deployment, options.directory);
  return deployment;
}
