/**
 * Production governance (review finding I-7): on any chain but the local one the deployer makes an OpenZeppelin
 * TimelockController the registry owner and refuses a committee that one key or one outage could decide. Runs a real
 * anvil with another chain id; the stablecoin there is the test stablecoin's runtime code (its constructor refuses
 * any chain but 31337, so it is deployed on a local anvil and its code copied over).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Address,
  BlockNotFoundError,
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  TimeoutError,
  toBytes,
  toHex,
  zeroAddress,
  zeroHash,
} from 'viem';
import { type LocalAccount, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { devAccount } from '../../devnet/accounts';
import { type AnvilHandle, startAnvil } from '../../devnet/anvil';
import { testPort } from '../../devnet/ports';
import { type DeployOptions, deployProtocol, ensureDeployment, isDeploymentLive, LOCAL_CHAIN_ID } from './deploy';
import type { Deployment } from './deployments';
import {
  clusterRegistryAbi,
  rackshareFactoryAbi,
  shareMarketAbi,
  testStablecoinAbi,
  testStablecoinBytecode,
  timelockControllerAbi,
} from './generated';

const PRODUCTION_CHAIN_ID = 1_337;
const STABLECOIN_AT = '0x00000000000000000000000000000000005AFE01' as Address;
// Off 31337 the dev mnemonic's accounts are refused (H-1): the real network gets keys of its own, funded by hand.
const ownAccount = (name: string) => privateKeyToAccount(keccak256(toBytes(`rackshare deploy test ${name}`)));
const deployer = ownAccount('deployer');
const governance = ownAccount('governance');
const guardian = ownAccount('guardian');
const signers = ['signer 1', 'signer 2', 'signer 3', 'signer 4'].map((name) => ownAccount(name).address);
const localDeployer = devAccount(0);

let local: AnvilHandle;
let production: AnvilHandle;
let directory: string;

function connect(rpcUrl: string, id: number) {
  const chain = defineChain({
    id,
    name: `anvil-${id}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = http(rpcUrl, { retryCount: 0 });
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }) as PublicClient,
    wallet: (account: LocalAccount = id === LOCAL_CHAIN_ID ? localDeployer : deployer) =>
      createWalletClient({ account, chain, transport }),
  };
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-deploy-test-'));
  [local, production] = await Promise.all([
    startAnvil({ port: testPort(8721), stateFile: null, accounts: 12 }),
    startAnvil({ port: testPort(8722), stateFile: null, accounts: 12, chainId: PRODUCTION_CHAIN_ID }),
  ]);
  const source = connect(local.rpcUrl, LOCAL_CHAIN_ID);
  const hash = await source.wallet().deployContract({ abi: testStablecoinAbi, bytecode: testStablecoinBytecode });
  const { contractAddress } = await source.publicClient.waitForTransactionReceipt({ hash });
  const code = await source.publicClient.getCode({ address: contractAddress! });
  const target = connect(production.rpcUrl, PRODUCTION_CHAIN_ID).publicClient;
  await target.request({ method: 'anvil_setCode' as never, params: [STABLECOIN_AT, code] as never });
  for (const account of [deployer, governance]) {
    await target.request({
      method: 'anvil_setBalance' as never,
      params: [account.address, toHex(10n ** 20n)] as never,
    });
  }
});

afterAll(async () => {
  await Promise.all([local?.stop(), production?.stop()]);
  rmSync(directory, { recursive: true, force: true });
});

const productionOptions = (overrides: Partial<DeployOptions> = {}): DeployOptions => ({
  committee: { signers: signers.slice(0, 3), threshold: 2, heartbeatSeconds: 10_800 },
  owner: governance.address,
  guardian: guardian.address,
  timelockDelaySeconds: 3_600,
  stablecoin: STABLECOIN_AT,
  directory,
  ...overrides,
});

describe('deployProtocol on a real network', () => {
  const chain = () => connect(production.rpcUrl, PRODUCTION_CHAIN_ID);
  const deploy = (options: DeployOptions) =>
    deployProtocol({ publicClient: chain().publicClient as never, walletClient: chain().wallet() }, options);

  it('refuses a committee smaller than 3, a threshold that is no strict majority, and unsafe governance', async () => {
    const { committee } = productionOptions();
    await expect(
      deploy(productionOptions({ committee: { ...committee, signers: signers.slice(0, 2) } })),
    ).rejects.toThrow(/needs at least 3 signers \(ORACLE_SIGNERS has 2\)/);
    await expect(deploy(productionOptions({ committee: { ...committee, signers, threshold: 2 } }))).rejects.toThrow(
      /strict majority of the 4 signers \(ORACLE_THRESHOLD is 2\)/,
    );
    await expect(deploy(productionOptions({ owner: undefined }))).rejects.toThrow(/set GOVERNANCE_ADDRESS/);
    await expect(deploy(productionOptions({ owner: deployer.address }))).rejects.toThrow(/must not be the deployer/);
    await expect(deploy(productionOptions({ timelockDelaySeconds: 60 }))).rejects.toThrow(/at least 3600 seconds/);
    await expect(deploy(productionOptions({ stablecoin: undefined }))).rejects.toThrow(/real stablecoin/);
    // Refused before anything was sent: the deployer has not used a single nonce.
    expect(await chain().publicClient.getTransactionCount({ address: deployer.address })).toBe(0);
  });

  it('refuses a dev-mnemonic signer, governance, guardian or deployer off 31337 before any transaction (H-1)', async () => {
    const { committee } = productionOptions();
    const dev = /public dev mnemonic/;
    const withDevSigner = { ...committee, signers: [...signers.slice(0, 2), devAccount(7).address] };
    await expect(deploy(productionOptions({ committee: withDevSigner }))).rejects.toThrow(dev);
    await expect(deploy(productionOptions({ owner: devAccount(1).address }))).rejects.toThrow(dev);
    await expect(deploy(productionOptions({ guardian: devAccount(2).address }))).rejects.toThrow(dev);
    const devDeployer = { publicClient: chain().publicClient as never, walletClient: chain().wallet(devAccount(0)) };
    await expect(deployProtocol(devDeployer, productionOptions())).rejects.toThrow(/the deployer key .* dev mnemonic/);
    expect(await chain().publicClient.getTransactionCount({ address: deployer.address })).toBe(0);
    expect(await chain().publicClient.getTransactionCount({ address: devAccount(0).address })).toBe(0);

    // A library caller with a bare client: only the chain id is read, nothing is sent.
    const deployContract = vi.fn();
    const sendTransaction = vi.fn();
    const stub = {
      publicClient: { getChainId: async () => 1 } as never,
      walletClient: { account: devAccount(0), deployContract, sendTransaction } as never,
    };
    await expect(deployProtocol(stub, productionOptions())).rejects.toThrow(
      /Chain 1 is a real network: the deployer key/,
    );
    expect(deployContract).not.toHaveBeenCalled();
    expect(sendTransaction).not.toHaveBeenCalled();
  });

  it('never lets governance default to, or be, the deployer key off 31337 (I-4)', async () => {
    const deployContract = vi.fn();
    const stub = {
      publicClient: { getChainId: async () => 8_453 } as never,
      walletClient: { account: deployer, deployContract } as never,
    };
    await expect(deployProtocol(stub, productionOptions({ owner: undefined }))).rejects.toThrow(
      /Chain 8453 is a real network: set GOVERNANCE_ADDRESS/,
    );
    await expect(deployProtocol(stub, productionOptions({ owner: deployer.address }))).rejects.toThrow(
      /GOVERNANCE_ADDRESS must not be the deployer's key/,
    );
    expect(deployContract).not.toHaveBeenCalled();
  });

  it('makes a TimelockController the registry owner: governance acts only after the delay', async () => {
    const deployment = await deploy(productionOptions());
    const { publicClient, wallet } = chain();
    const registry = deployment.contracts.clusterRegistry;
    const timelock = deployment.contracts.timelock!;
    expect(timelock).toBeDefined();
    const read = <T>(address: Address, abi: unknown, functionName: string, args: unknown[] = []) =>
      publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>;
    expect(await read(registry, clusterRegistryAbi, 'owner')).toBe(timelock);
    expect(await read(registry, clusterRegistryAbi, 'guardian')).toBe(guardian.address);
    expect(await read(timelock, timelockControllerAbi, 'getMinDelay')).toBe(3_600n);
    const role = (name: string) => keccak256(toBytes(name));
    expect(await read(timelock, timelockControllerAbi, 'hasRole', [role('PROPOSER_ROLE'), governance.address])).toBe(
      true,
    );
    expect(await read(timelock, timelockControllerAbi, 'hasRole', [role('EXECUTOR_ROLE'), governance.address])).toBe(
      true,
    );
    // Nobody administers the timelock: the deployer kept no role at all.
    expect(await read(timelock, timelockControllerAbi, 'hasRole', [zeroHash, deployer.address])).toBe(false);
    expect(await read(timelock, timelockControllerAbi, 'hasRole', [role('PROPOSER_ROLE'), deployer.address])).toBe(
      false,
    );
    expect(deployment.governance).toEqual({
      owner: timelock,
      proposer: governance.address,
      guardian: guardian.address,
      timelockDelaySeconds: 3_600,
    });

    // Governance directly: refused. Through the timelock: only once the delay has passed.
    const setHeartbeat = encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setHeartbeat', args: [7_200n] });
    await expect(
      wallet(governance).writeContract({
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'setHeartbeat',
        args: [7_200n],
      }),
    ).rejects.toThrow(/OwnableUnauthorizedAccount/);
    const operation = [registry, 0n, setHeartbeat, zeroHash, zeroHash] as const;
    await publicClient.waitForTransactionReceipt({
      hash: await wallet(governance).writeContract({
        address: timelock,
        abi: timelockControllerAbi,
        functionName: 'schedule',
        args: [...operation, 3_600n],
      }),
    });
    await expect(
      wallet(governance).writeContract({
        address: timelock,
        abi: timelockControllerAbi,
        functionName: 'execute',
        args: operation,
      }),
    ).rejects.toThrow(/TimelockUnexpectedOperationState/);
    await publicClient.request({ method: 'evm_increaseTime' as never, params: [3_600] as never });
    await publicClient.waitForTransactionReceipt({
      hash: await wallet(governance).writeContract({
        address: timelock,
        abi: timelockControllerAbi,
        functionName: 'execute',
        args: operation,
      }),
    });
    expect(await read(registry, clusterRegistryAbi, 'heartbeat')).toBe(7_200n);
  });
});

describe('deployProtocol on the local chain', () => {
  it('keeps an account as the registry owner, without a timelock', async () => {
    const { publicClient, wallet } = connect(local.rpcUrl, LOCAL_CHAIN_ID);
    const deployment = await deployProtocol(
      { publicClient: publicClient as never, walletClient: wallet() },
      { committee: { signers: [signers[0]!], threshold: 1, heartbeatSeconds: 600 }, directory },
    );
    expect(deployment.contracts.timelock).toBeUndefined();
    expect(
      await publicClient.readContract({
        address: deployment.contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'owner',
      }),
    ).toBe(localDeployer.address);
    expect(deployment.governance?.guardian).toBeNull();
    expect(deployment.committee.signers).toEqual([signers[0]]);
    expect(
      await publicClient.readContract({
        address: deployment.contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'guardian',
      }),
    ).toBe(zeroAddress);
  });

  it('deploys the share market for the factory and records it as contracts.market', async () => {
    const { publicClient, wallet } = connect(local.rpcUrl, LOCAL_CHAIN_ID);
    const deployment = await deployProtocol(
      { publicClient: publicClient as never, walletClient: wallet() },
      { committee: { signers: [signers[0]!], threshold: 1, heartbeatSeconds: 600 }, directory },
    );
    const { market, factory, clusterRegistry, stablecoin } = deployment.contracts;
    const read = (functionName: 'factory' | 'registry' | 'stablecoin') =>
      publicClient.readContract({ address: market, abi: shareMarketAbi, functionName });
    expect(await read('factory')).toBe(factory);
    expect(await read('registry')).toBe(clusterRegistry);
    expect(await read('stablecoin')).toBe(stablecoin);
    expect(
      await publicClient.readContract({ address: factory, abi: rackshareFactoryAbi, functionName: 'stablecoin' }),
    ).toBe(stablecoin);
    expect(await publicClient.readContract({ address: market, abi: shareMarketAbi, functionName: 'fee' })).toEqual([
      0,
      zeroAddress,
    ]);
    expect(await isDeploymentLive(publicClient, deployment)).toBe(true);
  });

  it('redeploys over a local record written before the market existed', async () => {
    const { publicClient, wallet } = connect(local.rpcUrl, LOCAL_CHAIN_ID);
    const own = mkdtempSync(join(tmpdir(), 'rackshare-deploy-legacy-'));
    try {
      const options = { committee: { signers: [signers[0]!], threshold: 1, heartbeatSeconds: 600 }, directory: own };
      const first = await deployProtocol({ publicClient: publicClient as never, walletClient: wallet() }, options);
      const { market: _dropped, ...legacy } = first.contracts;
      writeFileSync(
        join(own, `${LOCAL_CHAIN_ID}.json`),
        JSON.stringify({ ...first, deployBlock: first.deployBlock.toString(), contracts: legacy }),
      );
      const again = await ensureDeployment({ publicClient: publicClient as never, walletClient: wallet() }, options);
      expect(again.reused).toBe(false);
      expect(again.deployment.contracts.market).not.toBe(first.contracts.market);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe('deployProtocol on the local chain with localTimelockDelaySeconds', () => {
  it('puts the registry under a timelock the owner account proposes to, executes and cancels; it also guards', async () => {
    const { publicClient, wallet } = connect(local.rpcUrl, LOCAL_CHAIN_ID);
    const deployment = await deployProtocol(
      { publicClient: publicClient as never, walletClient: wallet() },
      {
        committee: { signers: [signers[0]!], threshold: 1, heartbeatSeconds: 600 },
        localTimelockDelaySeconds: 60,
        directory,
      },
    );
    const timelock = deployment.contracts.timelock!;
    const registry = deployment.contracts.clusterRegistry;
    const read = <T>(address: Address, abi: unknown, functionName: string, args: unknown[] = []) =>
      publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>;
    expect(await read(registry, clusterRegistryAbi, 'owner')).toBe(timelock);
    expect(await read(registry, clusterRegistryAbi, 'guardian')).toBe(localDeployer.address);
    expect(await read(timelock, timelockControllerAbi, 'getMinDelay')).toBe(60n);
    const role = (name: string) => keccak256(toBytes(name));
    for (const name of ['PROPOSER_ROLE', 'EXECUTOR_ROLE', 'CANCELLER_ROLE']) {
      expect(await read(timelock, timelockControllerAbi, 'hasRole', [role(name), localDeployer.address])).toBe(true);
    }
    // The timelock administers itself: the deployer cannot grant roles or shorten the delay without waiting it out.
    expect(await read(timelock, timelockControllerAbi, 'hasRole', [zeroHash, localDeployer.address])).toBe(false);
    expect(deployment.governance).toEqual({
      owner: timelock,
      proposer: localDeployer.address,
      guardian: localDeployer.address,
      timelockDelaySeconds: 60,
    });

    // Scheduled now, refused before the minute passes, executed after it; cancelling is the deployer's too.
    const setThreshold = encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setThreshold', args: [1n] });
    const salt = keccak256(toBytes('local timelock test'));
    const operation = [registry, 0n, setThreshold, zeroHash, salt] as const;
    const send = async (functionName: 'schedule' | 'execute' | 'cancel', args: readonly unknown[]) =>
      publicClient.waitForTransactionReceipt({
        hash: await wallet().writeContract({
          address: timelock,
          abi: timelockControllerAbi,
          functionName,
          args,
        } as never),
      });
    await send('schedule', [...operation, 60n]);
    await expect(
      wallet().writeContract({
        address: timelock,
        abi: timelockControllerAbi,
        functionName: 'execute',
        args: operation,
      }),
    ).rejects.toThrow(/TimelockUnexpectedOperationState/);
    await publicClient.request({ method: 'evm_increaseTime' as never, params: [61] as never });
    const executed = await send('execute', operation);
    expect(executed.status).toBe('success');
    const id = await read<Hex>(timelock, timelockControllerAbi, 'hashOperation', [...operation]);
    expect(await read(timelock, timelockControllerAbi, 'isOperationDone', [id])).toBe(true);

    const other = [registry, 0n, setThreshold, zeroHash, keccak256(toBytes('cancelled'))] as const;
    await send('schedule', [...other, 60n]);
    const otherId = await read<Hex>(timelock, timelockControllerAbi, 'hashOperation', [...other]);
    await send('cancel', [otherId]);
    expect(await read(timelock, timelockControllerAbi, 'getTimestamp', [otherId])).toBe(0n);
  });

  it('refuses a delay that is not a whole number of seconds', async () => {
    const { publicClient, wallet } = connect(local.rpcUrl, LOCAL_CHAIN_ID);
    await expect(
      deployProtocol(
        { publicClient: publicClient as never, walletClient: wallet() },
        {
          committee: { signers: [signers[0]!], threshold: 1, heartbeatSeconds: 600 },
          localTimelockDelaySeconds: 1.5,
          directory,
        },
      ),
    ).rejects.toThrow('The local timelock delay must be a whole number of seconds (got 1.5).');
  });
});

describe('ensureDeployment', () => {
  it('never deploys automatically off the local chain (H-4)', async () => {
    const deployContract = vi.fn();
    const getBlock = vi.fn();
    const stub = {
      publicClient: { getChainId: async () => 1, getBlock } as never,
      walletClient: { account: deployer, deployContract } as never,
    };
    await expect(ensureDeployment(stub, productionOptions())).rejects.toThrow(
      /^Chain 1 is not the local chain: deploy it once with `npm run deploy`/,
    );
    expect(getBlock).not.toHaveBeenCalled();
    expect(deployContract).not.toHaveBeenCalled();
  });
});

describe('isDeploymentLive', () => {
  const deployment = {
    chainId: 11_155_111,
    deployBlock: 100n,
    deployBlockHash: `0x${'ab'.repeat(32)}`,
    contracts: { clusterRegistry: devAccount(0).address },
  } as unknown as Deployment;
  const client = (getBlock: () => Promise<unknown>) =>
    ({ getBlock, getCode: async () => '0x60' }) as unknown as PublicClient;

  it('propagates an RPC failure instead of calling the deployment gone (a redeploy on a live chain, H-4)', async () => {
    const timeout = new TimeoutError({ body: {}, url: 'https://rpc.example' });
    await expect(
      isDeploymentLive(
        client(() => Promise.reject(timeout)),
        deployment,
      ),
    ).rejects.toBe(timeout);
  });

  it('calls it gone only when the block is missing or has another hash, and live when block and code match', async () => {
    const missing = new BlockNotFoundError({ blockNumber: 100n });
    expect(
      await isDeploymentLive(
        client(() => Promise.reject(missing)),
        deployment,
      ),
    ).toBe(false);
    expect(
      await isDeploymentLive(
        client(async () => ({ hash: `0x${'cd'.repeat(32)}` })),
        deployment,
      ),
    ).toBe(false);
    expect(
      await isDeploymentLive(
        client(async () => ({ hash: deployment.deployBlockHash })),
        deployment,
      ),
    ).toBe(true);
  });
});
