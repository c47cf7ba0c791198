/**
 * The governance console's reads against a real anvil: a registry under a timelock (as the `npm start` stack deploys
 * it) lists each scheduled call with the earliest execution time the timelock itself holds, then ready, executed or
 * cancelled as the chain moves; a registry owned by an account has no timelock and no operations. Every pending
 * operation is kept (paged past OPERATION_LIST_LIMIT, never dropped), every call of a batch is decoded with its own
 * target's ABI (a token's or offering's cluster named by the mirror), and the registry is handed over in two steps.
 */
import { type Address, encodeFunctionData, type Hex, keccak256, stringToBytes, zeroHash } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi, offeringAbi, shareTokenAbi, timelockControllerAbi } from '#contracts';
import { deployProtocol } from '#contracts/deploy';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { catchUpMirror, startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { pageOfOperations, readClusterControls, readGovernance } from './governance.server';
import {
  acceptOwnershipCall,
  cancelCall,
  executeCall,
  operationId,
  scheduleCall,
  transferOwnershipCall,
} from './governance-calls';
import { describeCall, OPERATION_LIST_LIMIT, REORG_DEPTH } from './governance-operations.server';

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
      calls: [
        {
          index: 0,
          target: chain.contracts.clusterRegistry,
          value: '0',
          data: setHeartbeat,
          contract: { kind: 'registry' },
          call: { functionName: 'setHeartbeat', args: ['7200'] },
        },
      ],
      salt: keccak256(stringToBytes('heartbeat')),
      predecessor: zeroHash,
      state: 'waiting',
      readyAt: timestamp.toString(),
      batchSize: 1,
      batch: false,
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
  it('decodes a call with its target’s ABI only: another contract’s, an unknown target or selector is null', () => {
    const cancel = encodeFunctionData({ abi: offeringAbi, functionName: 'cancel' });
    expect(describeCall({ kind: 'offering', clusterId: '1' }, cancel)).toEqual({ functionName: 'cancel', args: [] });
    // The timelock has a cancel(bytes32) of another selector, the registry none: never the offering's reading.
    expect(describeCall({ kind: 'registry' }, cancel)).toBeNull();
    expect(describeCall({ kind: 'timelock' }, cancel)).toBeNull();
    expect(describeCall({ kind: 'unknown' }, cancel)).toBeNull();
    expect(describeCall({ kind: 'registry' }, '0xdeadbeef')).toBeNull();
  });
});

/** scheduleBatch of `calls` (target, data) with a fresh salt; returns the timelock's id for it. */
async function scheduleBatch(calls: readonly (readonly [Address, Hex])[], label: string) {
  const timelock = chain.contracts.timelock!;
  const operation = [
    calls.map(([target]) => target),
    calls.map(() => 0n),
    calls.map(([, data]) => data),
    zeroHash,
    keccak256(stringToBytes(label)),
  ] as const;
  await chain.send(devRoles.deployer, {
    address: timelock,
    abi: timelockControllerAbi,
    functionName: 'scheduleBatch',
    args: [...operation, BigInt(DELAY)],
  });
  return chain.publicClient.readContract({
    address: timelock,
    abi: timelockControllerAbi,
    functionName: 'hashOperationBatch',
    args: [...operation],
  });
}

const byId = async (id: Hex, db?: Parameters<typeof readGovernance>[1]) => {
  const found = (await readGovernance(context(), db)).operations.find((operation) => operation.id === id);
  expect(found).toBeDefined();
  return found!;
};

const send = (call: { address: Address; abi: unknown; functionName: string; args: readonly unknown[] }) =>
  chain.send(devRoles.deployer, call as never);

describe('batches', () => {
  it('executes a one-call batch with executeBatch (its id is the batch hash) and cancels a two-call batch by id', async () => {
    const heartbeat = encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setHeartbeat', args: [86_400n] });
    const single = await scheduleBatch([[chain.contracts.clusterRegistry, heartbeat]], 'one-call batch');
    const operation = await byId(single);
    expect(operation).toMatchObject({ batch: true, batchSize: 1, state: 'waiting' });
    expect(operationId(operation)).toBe(single);
    const built = executeCall(chain.contracts.timelock!, operation);
    expect(built.functionName).toBe('executeBatch');
    await chain.increaseTime(DELAY + 1);
    await chain.mine(1);
    await send(built);
    expect(await byId(single)).toMatchObject({ state: 'executed', readyAt: null });

    const pair = await scheduleBatch(
      [
        [chain.contracts.clusterRegistry, heartbeat],
        [
          chain.contracts.clusterRegistry,
          encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setThreshold', args: [3n] }),
        ],
      ],
      'two-call batch',
    );
    const both = await byId(pair);
    expect(both.calls.map(({ index, call }) => ({ index, call }))).toEqual([
      { index: 0, call: { functionName: 'setHeartbeat', args: ['86400'] } },
      { index: 1, call: { functionName: 'setThreshold', args: ['3'] } },
    ]);
    expect(operationId(both)).toBe(pair);
    await send(cancelCall(chain.contracts.timelock!, pair));
    expect(await byId(pair)).toMatchObject({ state: 'cancelled' });
  });
});

describe.each(testDatabases)('calls decoded by their target, clusters named by the mirror on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let sale: { token: Address; offering: Address };
  let clusterId: bigint;
  beforeAll(async () => {
    clusterId = await chain.registerCluster(devRoles.operators[1]!, {
      gpuModel: 'NVIDIA H100 SXM5 80GB',
      gpuCount: 8,
      location: 'KR-SEL-02',
    });
    await chain.attest(clusterId);
    sale = await chain.tokenize(devRoles.operators[1]!, clusterId, 100n);
    handle = await open();
    await catchUpMirror(chain, handle.db);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('names the token’s and offering’s cluster, never decodes with another contract’s ABI, shows the unknown raw', async () => {
    const pause = encodeFunctionData({ abi: shareTokenAbi, functionName: 'governancePause' });
    const cancelSale = encodeFunctionData({ abi: offeringAbi, functionName: 'cancel' });
    const transfer = encodeFunctionData({
      abi: shareTokenAbi,
      functionName: 'transfer',
      args: [deployer(), 1n],
    });
    const id = await scheduleBatch(
      [
        [sale.token, pause],
        [sale.offering, cancelSale],
        // The offering's cancel() sent to the registry: the registry has no such function.
        [chain.contracts.clusterRegistry, cancelSale],
        // A token-shaped call to a contract the mirror does not know (the stablecoin).
        [chain.contracts.stablecoin, transfer],
      ],
      `targets ${clusterId}`,
    );
    const named = await byId(id, handle.db);
    expect(named.calls.map(({ target, contract, call }) => ({ target, contract, call }))).toEqual([
      {
        target: sale.token,
        contract: { kind: 'shareToken', clusterId: clusterId.toString() },
        call: { functionName: 'governancePause', args: [] },
      },
      {
        target: sale.offering,
        contract: { kind: 'offering', clusterId: clusterId.toString() },
        call: { functionName: 'cancel', args: [] },
      },
      { target: chain.contracts.clusterRegistry, contract: { kind: 'registry' }, call: null },
      { target: chain.contracts.stablecoin, contract: { kind: 'unknown' }, call: null },
    ]);
    expect(named.calls[3]!.data).toBe(transfer);
    // Without the mirror nothing says the clone is a token: shown raw, not guessed.
    const raw = await byId(id);
    expect(raw.calls[0]).toMatchObject({ contract: { kind: 'unknown' }, call: null, data: pause });
    await send(cancelCall(chain.contracts.timelock!, id));
  });
});

describe('bounds', () => {
  it('keeps every pending operation, pages them past OPERATION_LIST_LIMIT, and counts the executed or cancelled it forgets', async () => {
    const scheduled: Hex[] = [];
    for (let i = 0; i <= OPERATION_LIST_LIMIT; i++) {
      const { id } = await schedule(
        encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setHeartbeat', args: [20_000n + BigInt(i)] }),
        `bound ${i}`,
      );
      scheduled.push(id);
    }
    const view = await readGovernance(context());
    const pending = view.operations.filter(({ state }) => state === 'waiting');
    // Every one, newest scheduled first.
    expect(pending.map(({ id }) => id)).toEqual([...scheduled].reverse());
    const page = pageOfOperations(view, false);
    expect(page.operations.filter(({ state }) => state === 'waiting').map(({ id }) => id)).toEqual(
      [...scheduled].reverse().slice(0, OPERATION_LIST_LIMIT),
    );
    expect(page.notShown.pending).toBe(1);
    expect(pageOfOperations(view, true)).toBe(view);

    for (const id of scheduled) await send(cancelCall(chain.contracts.timelock!, id));
    const after = await readGovernance(context());
    // The chain's own count of operations executed or cancelled since the deployment.
    const logs = await chain.publicClient.getLogs({
      address: chain.contracts.timelock!,
      events: timelockControllerAbi.filter(
        (item) => item.type === 'event' && (item.name === 'Cancelled' || item.name === 'CallExecuted'),
      ),
      fromBlock: chain.deployment.deployBlock,
    });
    const settled = [...new Set(logs.map((log) => (log.args as { id: Hex }).id))];
    expect(after.operations.filter(({ state }) => state === 'waiting' || state === 'ready')).toEqual([]);
    expect(after.operations.map(({ id }) => id)).toEqual(settled.reverse().slice(0, OPERATION_LIST_LIMIT));
    expect(after.notShown).toEqual({
      pending: 0,
      done: settled.length - OPERATION_LIST_LIMIT,
      limit: OPERATION_LIST_LIMIT,
    });
  });
});

// Last: it leaves the registry owned by an account.
describe('handing governance over (Ownable2Step)', () => {
  it('schedules transferOwnership through the timelock; the pending owner shows, accepts, and owns', async () => {
    const next = devAccount(devRoles.testWallets[5]!).address;
    const timelock = chain.contracts.timelock!;
    const salt = keccak256(stringToBytes('hand over'));
    const scheduled = scheduleCall(
      timelock,
      transferOwnershipCall(chain.contracts.clusterRegistry, next),
      BigInt(DELAY),
      salt,
    );
    await send(scheduled);
    const [target, value, data] = scheduled.args;
    const operation = { calls: [{ target, value: value.toString(), data }], predecessor: zeroHash, salt, batch: false };
    const id = operationId(operation);
    expect(await byId(id)).toMatchObject({
      batch: false,
      calls: [{ contract: { kind: 'registry' }, call: { functionName: 'transferOwnership', args: [next] } }],
    });
    await chain.increaseTime(DELAY + 1);
    await chain.mine(1);
    await send(executeCall(timelock, operation));
    let view = await readGovernance(context());
    const pendingOwner = await chain.publicClient.readContract({
      address: chain.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'pendingOwner',
    });
    expect(pendingOwner).toBe(next);
    // Named, not yet the owner: nothing changed.
    expect(view.pendingOwner).toEqual({ address: pendingOwner, isContract: false });
    expect(view.owner).toBe(timelock);

    const accept = acceptOwnershipCall(chain.contracts.clusterRegistry);
    await chain.send(devRoles.testWallets[5]!, accept as never);
    view = await readGovernance(context());
    const owner = await chain.publicClient.readContract({
      address: chain.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'owner',
    });
    expect(owner).toBe(next);
    expect(view).toMatchObject({ owner, pendingOwner: null, timelock: null, operations: [] });
  });
});
