/**
 * Deploys the protocol with viem from the generated ABIs and bytecode, and records the addresses per chain id.
 * Idempotent: a recorded deployment whose block hash and code still exist on the chain is reused.
 */
import {
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
import { testStablecoinAbi, testStablecoinBytecode } from './generated';

/** anvil's chain id: the only chain the test stablecoin may be deployed on. */
export const LOCAL_CHAIN_ID = 31_337;

export type DeployClients = {
  publicClient: PublicClient<Transport, Chain>;
  walletClient: WalletClient<Transport, Chain, Account>;
};

/** True when `deployment` still exists on the chain behind `publicClient` (same block hash, code at every address). */
export async function isDeploymentLive(publicClient: PublicClient, deployment: Deployment): Promise<boolean> {
  const block = await publicClient.getBlock({ blockNumber: deployment.deployBlock }).catch(() => undefined);
  if (!block || block.hash !== deployment.deployBlockHash) return false;
  for (const address of Object.values(deployment.contracts)) {
    if (!address) continue;
    const code = await publicClient.getCode({ address: address as Address });
    if (!code || code === '0x') return false;
  }
  return true;
}

async function deployContract(
  { publicClient, walletClient }: DeployClients,
  abi: readonly unknown[],
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
export async function ensureDeployment(clients: DeployClients, directory?: string): Promise<DeployResult> {
  const chainId = await clients.publicClient.getChainId();
  const recorded = readDeployment(chainId, directory);
  if (recorded && (await isDeploymentLive(clients.publicClient, recorded)))
    return { deployment: recorded, reused: true };

  if (chainId !== LOCAL_CHAIN_ID) {
    throw new Error(
      `No live Rackshare deployment is recorded for chain ${chainId}; production deployments need a real stablecoin address.`,
    );
  }
  const stablecoin = await deployContract(clients, testStablecoinAbi, testStablecoinBytecode);
  const deployment: Deployment = {
    chainId,
    deployBlock: stablecoin.receipt.blockNumber,
    deployBlockHash: stablecoin.receipt.blockHash,
    contracts: { stablecoin: stablecoin.address },
  };
  writeDeployment(deployment, directory);
  return { deployment, reused: false };
}
