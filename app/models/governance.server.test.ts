/**
 * The governance console's reads against a real anvil: a registry under a timelock (as the `npm start` stack deploys
 * it) lists each scheduled call with the earliest execution time the timelock itself holds, then ready, executed or
 * cancelled as the chain moves; a registry owned by an account has no timelock and no operations.
 */
import { type Address, encodeFunctionData, type Hex, keccak256, stringToBytes, zeroHash } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi, offeringAbi, timelockControllerAbi } from '#contracts';
import { deployProtocol } from '#contracts/deploy';
import { startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { describeCall, REORG_DEPTH, readClusterControls, readGovernance } from './governance.server';

const DELAY = 60;
let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain(testPort(4280), { timelockDelaySeconds: DELAY });
});

afterAll(async () => {
  await chain?.stop();
});

const context = (deployment = chain.deployment) =>
  ({ chainId: 31_337, publicClient: chain.publicClient, deployment, publicRpcUrl: chain.rpcUrl }) as never;

const deployer = () => devAccount(devRoles.deployer).address;

async function schedule(data: Hex, label: string) {
  const timelock = chain.contracts.timelock!;
  const operation = [chain.contracts.clusterRegistry, 0n, data, zeroHash, keccak256(stringToBytes(label))] as const;
  await chain.send(devRoles.deployer, {
    address: timelock,
    abi: timelockControllerAbi,
    functionName: 'schedule',
    args: [...operation, BigInt(DELAY)],
  });
  const id = await chain.publicClient.readContract({
    address: timelock,
    abi: timelockControllerAbi,
    functionName: 'hashOperation',
    args: [...operation],
  });
  return { operation, id };
}

describe('readGovernance under a timelock', () => {
  it('names the timelock, its delay and role holders, the committee and the heartbeat', async () => {
    const view = await readGovernance(context());
    expect(view.owner).toBe(chain.contracts.timelock);
    expect(view.guardian).toBe(deployer());
    expect(view.timelock).toMatchObject({ address: chain.contracts.timelock, delaySeconds: String(DELAY) });
    for (const role of ['PROPOSER_ROLE', 'EXECUTOR_ROLE', 'CANCELLER_ROLE'] as const) {
      expect(view.timelock!.holders[role]).toEqual([deployer()]);
    }
    expect(view.committee).toEqual({
      signers: devRoles.oracleNodes.map((index) => devAccount(index).address),
      threshold: '2',
      version: expect.any(Number),
      heartbeatSeconds: '86400',
    });
    expect(view.operations).toEqual([]);
  });

  it('lists a scheduled call waiting until the timelock’s timestamp, then ready, executed; a cancelled one as such', async () => {
    // The executed call leaves the committee as the cluster test below needs it; the cancelled one would not.
    const setHeartbeat = encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setHeartbeat', args: [7_200n] });
    const first = await schedule(setHeartbeat, 'heartbeat');
    const second = await schedule(
      encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setThreshold', args: [3n] }),
      'threshold 3',
    );
    const timestamp = await chain.publicClient.readContract({
      address: chain.contracts.timelock!,
      abi: timelockControllerAbi,
      functionName: 'getTimestamp',
      args: [first.id],
    });
    let view = await readGovernance(context());
    // Newest first.
    expect(view.operations.map((operation) => operation.id)).toEqual([second.id, first.id]);
    expect(view.operations[1]).toMatchObject({
      target: chain.contracts.clusterRegistry,
      data: setHeartbeat,
      salt: keccak256(stringToBytes('heartbeat')),
      predecessor: zeroHash,
      state: 'waiting',
      readyAt: timestamp.toString(),
      call: { functionName: 'setHeartbeat', args: ['7200'] },
      batchSize: 1,
    });

    await chain.increaseTime(DELAY + 1);
    await chain.mine(1);
    view = await readGovernance(context());
    expect(view.operations[1]!.state).toBe('ready');

    await chain.send(devRoles.deployer, {
      address: chain.contracts.timelock!,
      abi: timelockControllerAbi,
      functionName: 'execute',
      args: first.operation,
    });
    await chain.send(devRoles.deployer, {
      address: chain.contracts.timelock!,
      abi: timelockControllerAbi,
      functionName: 'cancel',
      args: [second.id],
    });
    view = await readGovernance(context());
    expect(view.operations.map(({ state, readyAt }) => ({ state, readyAt }))).toEqual([
      { state: 'cancelled', readyAt: null },
      { state: 'executed', readyAt: null },
    ]);
    expect(view.committee).toMatchObject({ threshold: '2', heartbeatSeconds: '7200' });
  });
});

describe('readGovernance at each new head', () => {
  it('reads the logs of the new blocks only, and still lists what older blocks scheduled', async () => {
    const first = await schedule(
      encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setHeartbeat', args: [7_300n] }),
      'memo heartbeat',
    );
    // Bury the scheduling under more than REORG_DEPTH blocks, so the next view keeps its logs.
    await chain.mine(Number(REORG_DEPTH) + 10, 0);
    const ranges: { fromBlock: bigint; toBlock: bigint }[] = [];
    const counting = new Proxy(chain.publicClient, {
      get(target, property, receiver) {
        if (property === 'getLogs') {
          return (args: { fromBlock: bigint; toBlock: bigint }) => {
            ranges.push({ fromBlock: args.fromBlock, toBlock: args.toBlock });
            return target.getLogs(args as never);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const countingContext = () =>
      ({ chainId: 31_337, publicClient: counting, deployment: chain.deployment, publicRpcUrl: chain.rpcUrl }) as never;

    const before = await readGovernance(countingContext());
    expect(before.operations.map((operation) => operation.id)).toContain(first.id);
    const head = BigInt(before.head.number);
    await chain.mine(3, 0);
    ranges.length = 0;
    const after = await readGovernance(countingContext());
    expect(BigInt(after.head.number)).toBe(head + 3n);
    // Only blocks within REORG_DEPTH of either head are read again; the deployment's blocks are not.
    expect(ranges.length).toBeGreaterThan(0);
    for (const range of ranges) expect(range.fromBlock).toBeGreaterThan(head - REORG_DEPTH);
    expect(after.operations.find((operation) => operation.id === first.id)).toMatchObject({
      salt: keccak256(stringToBytes('memo heartbeat')),
      state: 'waiting',
      batchSize: 1,
    });
    expect(after.operations).toEqual(before.operations);
    await chain.send(devRoles.deployer, {
      address: chain.contracts.timelock!,
      abi: timelockControllerAbi,
      functionName: 'cancel',
      args: [first.id],
    });
  });

  it('forgets the kept logs when the chain under them is rewritten (a reset or a deep reorganisation)', async () => {
    const snapshot = (await chain.publicClient.request({ method: 'evm_snapshot' as never })) as Hex;
    const gone = await schedule(
      encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setHeartbeat', args: [7_400n] }),
      'rewritten away',
    );
    await chain.mine(Number(REORG_DEPTH) + 10, 0);
    expect((await readGovernance(context())).operations.map((operation) => operation.id)).toContain(gone.id);
    await chain.publicClient.request({ method: 'evm_revert' as never, params: [snapshot] as never });
    // The new history grows past the kept block, with other hashes.
    await chain.mine(Number(REORG_DEPTH) + 20, 0);
    expect((await readGovernance(context())).operations.map((operation) => operation.id)).not.toContain(gone.id);
  });
});

describe('readGovernance with an account as owner', () => {
  it('has no timelock and no operations', async () => {
    const deployment = await deployProtocol(
      { publicClient: chain.publicClient as never, walletClient: chain.wallet(devRoles.deployer) },
      {
        committee: { signers: [devAccount(7).address], threshold: 1, heartbeatSeconds: 600 },
        directory: chain.deploymentDirectory,
      },
    );
    const view = await readGovernance(context(deployment));
    expect(view.owner).toBe(deployer());
    expect(view.timelock).toBeNull();
    expect(view.operations).toEqual([]);
  });
});

describe('readClusterControls', () => {
  it('reads a cluster’s status, its token’s governance pause and its offering’s phase; null for an unknown id', async () => {
    const clusterId = await chain.registerCluster(devRoles.operators[0]!, {
      gpuModel: 'NVIDIA H100 SXM5 80GB',
      gpuCount: 8,
      location: 'KR-SEL-01',
    });
    expect(await readClusterControls(context(), clusterId)).toEqual({
      clusterId: clusterId.toString(),
      operator: devAccount(devRoles.operators[0]!).address,
      status: 'Registered',
      token: null,
      offering: null,
    });
    await chain.attest(clusterId);
    const sale = await chain.tokenize(devRoles.operators[0]!, clusterId, 100n);
    const controls = await readClusterControls(context(), clusterId);
    expect(controls).toMatchObject({
      status: 'Attested',
      token: { address: sale.token as Address, pausedByGovernance: false },
      offering: { address: sale.offering as Address, sold: '0', raised: '0' },
    });
    const phase = await chain.publicClient.readContract({
      address: sale.offering,
      abi: offeringAbi,
      functionName: 'phase',
    });
    expect(controls!.offering!.phase).toBe(['Pending', 'Open'][phase]);
    expect(await readClusterControls(context(), clusterId + 1_000n)).toBeNull();
    expect(await readClusterControls(context(), 0n)).toBeNull();
  });
});

describe('describeCall', () => {
  it('decodes a protocol call and answers null for data no protocol ABI knows', () => {
    expect(describeCall(encodeFunctionData({ abi: offeringAbi, functionName: 'cancel' }))).toEqual({
      functionName: 'cancel',
      args: [],
    });
    expect(describeCall('0xdeadbeef')).toBeNull();
  });
});
