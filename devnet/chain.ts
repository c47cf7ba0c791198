/**
 * The local dev chain: anvil's chain definition, clients acting as the dev accounts, and `startTestChain` — a fresh
 * ephemeral anvil with the protocol deployed and a committee of oracle dev keys — for the tests, the benches and the
 * demo. The protocol calls they send are built in calls.ts and sent one at a time by actions.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { deployProtocol } from '#contracts/deploy';
import type { Deployment } from '#contracts/deployments';
import { LOCAL_CHAIN_ID } from '#contracts/dev-keys';
import { chainFor } from '#protocol/chain';
import { DEV_ACCOUNT_COUNT, devAccount, devRoles } from './accounts';
import { chainActions } from './actions';
import { startAnvil } from './anvil';

export const localChain = (rpcUrl: string): Chain => chainFor(LOCAL_CHAIN_ID, rpcUrl, 'anvil');

export type DevWallet = WalletClient<Transport, Chain, Account>;

export type ChainHandle = {
  rpcUrl: string;
  chain: Chain;
  publicClient: PublicClient;
  /** A wallet client acting as dev account `index`. */
  wallet: (index: number) => DevWallet;
};

export type ClientOptions = {
  /** How often receipts and blocks are polled (ms). */
  pollingInterval?: number;
  /** Retries of a failed RPC request (viem's default 3); 0 where a test kills anvil and wants the failure at once. */
  retryCount?: number;
};

export function connectChain(rpcUrl: string, options: ClientOptions = {}): ChainHandle {
  const chain = localChain(rpcUrl);
  const transport = http(rpcUrl, options.retryCount === undefined ? {} : { retryCount: options.retryCount });
  const publicClient = createPublicClient({
    chain,
    transport,
    pollingInterval: options.pollingInterval ?? 100,
  }) as PublicClient;
  return {
    rpcUrl,
    chain,
    publicClient,
    wallet: (index) => createWalletClient({ account: devAccount(index), chain, transport }),
  };
}

export type TestChainOptions = ClientOptions & {
  /** Dev account indices of the oracle committee (default the local nodes #7-#9). */
  committee?: readonly number[];
  threshold?: number;
  heartbeatSeconds?: number;
  /**
   * Start the chain this many seconds in the past: oracle nodes refuse samples from before a cluster's attestation,
   * and tests send telemetry dated hours back. `catchUp()` then moves chain time to the wall clock.
   */
  historySeconds?: number;
  /**
   * Own the registry by a TimelockController with this delay (the deployer proposes, executes and guards), as the
   * `npm start` stack does; without it the deployer owns the registry directly, as most tests want.
   */
  timelockDelaySeconds?: number;
};

export type TestChain = Awaited<ReturnType<typeof startTestChain>>;

/** Starts anvil on `port` (ephemeral state) and deploys the protocol with the given committee (default 2-of-3, #7-#9). */
export async function startTestChain(port: number, options: TestChainOptions = {}) {
  const {
    committee = devRoles.oracleNodes,
    threshold = 2,
    heartbeatSeconds = 86_400,
    historySeconds,
    timelockDelaySeconds,
  } = options;
  const anvil = await startAnvil({
    port,
    stateFile: null,
    accounts: DEV_ACCOUNT_COUNT,
    ...(historySeconds === undefined ? {} : { genesisTimestamp: Math.floor(Date.now() / 1000) - historySeconds }),
  });
  const handle = connectChain(anvil.rpcUrl, options);
  const deploymentDirectory = mkdtempSync(join(tmpdir(), 'rackshare-deployment-'));
  const deployment: Deployment = await deployProtocol(
    { publicClient: handle.publicClient as never, walletClient: handle.wallet(devRoles.deployer) },
    {
      committee: { signers: committee.map((index) => devAccount(index).address), threshold, heartbeatSeconds },
      directory: deploymentDirectory,
      ...(timelockDelaySeconds === undefined ? {} : { localTimelockDelaySeconds: timelockDelaySeconds }),
    },
  );
  const actions = chainActions({ ...handle, deployment, committee, threshold });
  return {
    ...handle,
    ...actions,
    anvil,
    deployment,
    contracts: deployment.contracts,
    deploymentDirectory,
    async stop() {
      await anvil.stop();
      rmSync(deploymentDirectory, { recursive: true, force: true });
    },
  };
}
