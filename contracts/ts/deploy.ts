/**
 * Deploys the protocol with viem from the generated ABIs and bytecode, and records the addresses per chain id.
 * Idempotent: a recorded deployment whose block hash and code still exist on the chain is reused.
 */
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  getAddress,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { type Deployment, readDeployment, writeDeployment } from './deployments';
import {
  clusterRegistryAbi,
  clusterRegistryBytecode,
  offeringAbi,
  offeringBytecode,
  rackshareFactoryAbi,
  rackshareFactoryBytecode,
  shareTokenAbi,
  shareTokenBytecode,
  testStablecoinAbi,
  testStablecoinBytecode,
} from './generated';

/** anvil's chain id: the only chain the test stablecoin may be deployed on. */
export const LOCAL_CHAIN_ID = 31_337;

export type DeployClients = {
  publicClient: PublicClient<Transport, Chain>;
  walletClient: WalletClient<Transport, Chain, Account>;
};

export type CommitteeConfig = Deployment['committee'];

export type DeployOptions = {
  committee: CommitteeConfig;
  /** Protocol governance (registry owner); defaults to the deployer. */
  owner?: Address;
  /** The revenue stablecoin on a real network; on the local chain a TestStablecoin is deployed when omitted. */
  stablecoin?: Address;
  /** Where deployment records live (see deployments.ts). */
  directory?: string;
};

/** True when `deployment` still exists on the chain behind `publicClient` (same block hash, code at every address). */
export async function isDeploymentLive(publicClient: PublicClient, deployment: Deployment): Promise<boolean> {
  const block = await publicClient.getBlock({ blockNumber: deployment.deployBlock }).catch(() => undefined);
  if (!block || block.hash !== deployment.deployBlockHash) return false;
  for (const address of Object.values(deployment.contracts)) {
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

/** Reuses the recorded deployment for this chain when it is live, else deploys everything and records it. */
export async function ensureDeployment(clients: DeployClients, options: DeployOptions): Promise<DeployResult> {
  const chainId = await clients.publicClient.getChainId();
  const recorded = readDeployment(chainId, options.directory);
  if (recorded && (await isDeploymentLive(clients.publicClient, recorded)))
    return { deployment: recorded, reused: true };
  return { deployment: await deployProtocol(clients, options), reused: false };
}

/** Deploys stablecoin (local only), registry with its committee, the two clone implementations, and the factory. */
export async function deployProtocol(clients: DeployClients, options: DeployOptions): Promise<Deployment> {
  const chainId = await clients.publicClient.getChainId();
  if (!options.stablecoin && chainId !== LOCAL_CHAIN_ID) {
    throw new Error(`Chain ${chainId} is not a local chain: set the address of a real stablecoin to deploy there.`);
  }
  const { committee } = options;
  const owner = options.owner ?? clients.walletClient.account.address;
  const stablecoin = options.stablecoin
    ? { address: getAddress(options.stablecoin), receipt: undefined }
    : await deployContract(clients, testStablecoinAbi, testStablecoinBytecode);
  const registry = await deployContract(clients, clusterRegistryAbi, clusterRegistryBytecode, [
    owner,
    committee.signers,
    BigInt(committee.threshold),
    BigInt(committee.heartbeatSeconds),
  ]);
  const shareToken = await deployContract(clients, shareTokenAbi, shareTokenBytecode);
  const offering = await deployContract(clients, offeringAbi, offeringBytecode, [registry.address, stablecoin.address]);
  const factory = await deployContract(clients, rackshareFactoryAbi, rackshareFactoryBytecode, [
    registry.address,
    stablecoin.address,
    shareToken.address,
    offering.address,
  ]);
  const first = stablecoin.receipt ?? registry.receipt;
  const deployment: Deployment = {
    chainId,
    deployBlock: first.blockNumber,
    deployBlockHash: first.blockHash,
    contracts: {
      clusterRegistry: registry.address,
      shareTokenImplementation: shareToken.address,
      offeringImplementation: offering.address,
      factory: factory.address,
      stablecoin: stablecoin.address,
    },
    committee,
  };
  writeDeployment(deployment, options.directory);
  return deployment;
}
