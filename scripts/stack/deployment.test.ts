/**
 * The stack's contracts with RPC_URL come only from the record `npm run deploy` wrote (review H-4): it never deploys,
 * refuses a missing or vanished record in one sentence and lets RPC errors through. Runs `npm run deploy`'s function
 * against a real anvil chain (31337, where dev keys are allowed).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Abi, type Address, type PublicClient, TimeoutError } from 'viem';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clusterRegistryAbi, timelockControllerAbi } from '#contracts';
import { LOCAL_TIMELOCK_DELAY_SECONDS } from '#contracts/deploy';
import { deploymentPath, readDeployment } from '#contracts/deployments';
import { parseDeployEnv } from '../../config/deploy';
import { startTestChain, type TestChain } from '../../db/fixtures.test-kit';
import { devAccount, devPrivateKey, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { DeploymentRecordError, type DeploymentSource, deployToChain, resolveDeployment } from './deployment';

let chain: TestChain;
const directories: string[] = [];
const directory = () => {
  const made = mkdtempSync(join(tmpdir(), 'rackshare-deployments-'));
  directories.push(made);
  return made;
};

beforeAll(async () => {
  chain = await startTestChain(testPort(8790));
});

afterAll(async () => {
  await chain?.stop();
  for (const made of directories) rmSync(made, { recursive: true, force: true });
});

const deployEnv = (deploymentsDir: string) =>
  parseDeployEnv({
    RPC_URL: chain.rpcUrl,
    DEPLOYER_PRIVATE_KEY: devPrivateKey(devRoles.deployer),
    ORACLE_SIGNERS: devRoles.oracleNodes.map((index) => devAccount(index).address).join(','),
    ORACLE_THRESHOLD: '2',
    GOVERNANCE_ADDRESS: devAccount(1).address,
    DEPLOYMENTS_DIR: deploymentsDir,
  });

/** The Contracts service's source for a stack started with RPC_URL; its wallet must never be asked for. */
function remoteSource(deploymentsDir: string, publicClient = chain.publicClient) {
  const deployContract = vi.fn();
  const wallet = vi.fn(() => ({ account: devAccount(0), deployContract }) as never);
  const source: DeploymentSource = {
    publicClient: publicClient as never,
    chainId: 31_337,
    localChain: false,
    directory: deploymentsDir,
    wallet,
    deployOptions: () => ({ committee: { signers: [devAccount(7).address], threshold: 1, heartbeatSeconds: 600 } }),
  };
  return { source, wallet, deployContract };
}

describe('npm run deploy, then npm start with RPC_URL (H-4)', () => {
  it('deploys, writes the record and prints it; the stack then reuses that record without deploying', async () => {
    const deployments = directory();
    const lines: string[] = [];
    const { deployment, path } = await deployToChain(deployEnv(deployments), {
      replace: false,
      print: (line) => lines.push(line),
    });
    expect(path).toBe(deploymentPath(31_337, deployments));
    expect(readDeployment(31_337, deployments)).toEqual(deployment);
    expect(deployment.committee).toEqual({
      signers: devRoles.oracleNodes.map((index) => devAccount(index).address),
      threshold: 2,
      heartbeatSeconds: 10_800,
    });
    const printed = lines.join('\n');
    expect(printed).toContain(deployment.contracts.clusterRegistry);
    expect(printed).toContain(`Recorded in ${path}`);

    const { source, wallet, deployContract } = remoteSource(deployments);
    expect(await resolveDeployment(source)).toEqual({ deployment, reused: true });
    expect(wallet).not.toHaveBeenCalled();
    expect(deployContract).not.toHaveBeenCalled();
  });

  it('refuses to replace a live recorded deployment without --new, and replaces it with --new', async () => {
    const deployments = directory();
    const print = () => {};
    const first = await deployToChain(deployEnv(deployments), { replace: false, print });
    const nonce = await chain.publicClient.getTransactionCount({ address: devAccount(0).address });
    await expect(deployToChain(deployEnv(deployments), { replace: false, print })).rejects.toThrow(
      /^A deployment of chain 31337 is already recorded in .*: pass --new to deploy another protocol and replace that record deliberately\./,
    );
    expect(await chain.publicClient.getTransactionCount({ address: devAccount(0).address })).toBe(nonce);
    expect(readDeployment(31_337, deployments)).toEqual(first.deployment);
    const second = await deployToChain(deployEnv(deployments), { replace: true, print });
    expect(second.deployment.contracts.clusterRegistry).not.toBe(first.deployment.contracts.clusterRegistry);
    expect(readDeployment(31_337, deployments)).toEqual(second.deployment);
  });
});

describe('the stack with RPC_URL never deploys (H-4)', () => {
  it('refuses to start without a record, in one sentence, and never asks for the deployer wallet', async () => {
    const deployments = directory();
    const { source, wallet, deployContract } = remoteSource(deployments);
    const refusal = resolveDeployment(source);
    await expect(refusal).rejects.toThrow(DeploymentRecordError);
    await expect(refusal).rejects.toThrow(
      `No deployment recorded for chain 31337 (${deploymentPath(31_337, deployments)}): run \`npm run deploy\` first.`,
    );
    expect(wallet).not.toHaveBeenCalled();
    expect(deployContract).not.toHaveBeenCalled();
  });

  it('refuses a record whose block has another hash, and never redeploys', async () => {
    const deployments = directory();
    const record = { ...JSON.parse(readFileSync(deploymentPath(31_337, chain.deploymentDirectory), 'utf8')) };
    record.deployBlockHash = `0x${'ab'.repeat(32)}`;
    writeFileSync(deploymentPath(31_337, deployments), JSON.stringify(record));
    const { source, wallet } = remoteSource(deployments);
    await expect(resolveDeployment(source)).rejects.toThrow(
      /^The deployment recorded in .* is not on chain 31337 \(block \d+ has another hash or a recorded contract has no code\)/,
    );
    expect(wallet).not.toHaveBeenCalled();
  });

  it('lets an RPC failure through instead of calling the deployment gone', async () => {
    const deployments = directory();
    writeFileSync(
      deploymentPath(31_337, deployments),
      readFileSync(deploymentPath(31_337, chain.deploymentDirectory), 'utf8'),
    );
    const timeout = new TimeoutError({ body: {}, url: 'https://rpc.example' });
    const failing = { getBlock: () => Promise.reject(timeout) } as unknown as PublicClient;
    const { source, wallet } = remoteSource(deployments, failing);
    await expect(resolveDeployment(source)).rejects.toBe(timeout);
    expect(wallet).not.toHaveBeenCalled();
  });

  it('still deploys by itself on the local chain when nothing live is recorded', async () => {
    const deployments = directory();
    const { source } = remoteSource(deployments);
    const wallet = vi.fn(() => chain.wallet(devRoles.deployer));
    const result = await resolveDeployment({ ...source, localChain: true, wallet });
    expect(result.reused).toBe(false);
    expect(wallet).toHaveBeenCalledOnce();
    expect(readDeployment(31_337, deployments)).toEqual(result.deployment);
  });

  it('governs the local stack through a timelock of LOCAL_TIMELOCK_DELAY_SECONDS; the deployer proposes and guards', async () => {
    const deployments = directory();
    const { source } = remoteSource(deployments);
    const { deployment } = await resolveDeployment({
      ...source,
      localChain: true,
      wallet: () => chain.wallet(devRoles.deployer),
    });
    const timelock = deployment.contracts.timelock!;
    const deployer = devAccount(devRoles.deployer).address;
    expect(deployment.governance).toEqual({
      owner: timelock,
      proposer: deployer,
      guardian: deployer,
      timelockDelaySeconds: LOCAL_TIMELOCK_DELAY_SECONDS,
    });
    const read = (address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
      chain.publicClient.readContract({ address, abi, functionName, args });
    const registry = deployment.contracts.clusterRegistry;
    expect(await read(registry, clusterRegistryAbi, 'owner')).toBe(timelock);
    expect(await read(registry, clusterRegistryAbi, 'guardian')).toBe(deployer);
    expect(await read(timelock, timelockControllerAbi, 'getMinDelay')).toBe(BigInt(LOCAL_TIMELOCK_DELAY_SECONDS));
    for (const role of ['PROPOSER_ROLE', 'EXECUTOR_ROLE', 'CANCELLER_ROLE']) {
      const id = await read(timelock, timelockControllerAbi, role);
      expect(await read(timelock, timelockControllerAbi, 'hasRole', [id, deployer])).toBe(true);
    }
  });
});
