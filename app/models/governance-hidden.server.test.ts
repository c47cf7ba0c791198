/**
 * Security review of issue 15 (attacker report, findings M-3 and L-1): the governance console is where cancellers and
 * the public review what the timelock will execute during its delay, so every operation still pending must be on it,
 * with every call it makes. Today it lists only the OPERATION_LIST_LIMIT newest operations scheduled within the last
 * MAX_SCAN_BLOCKS blocks, and a batch by its first call: a proposer buries an operation under newer ones (or a fast
 * chain buries it under blocks: not tested here, anvil mines 500k blocks too slowly), or hides a call behind a
 * harmless first one, and nobody sees it before it executes.
 */
import { encodeFunctionData, type Hex, keccak256, stringToBytes, zeroHash } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi, timelockControllerAbi } from '#contracts';
import { startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { readGovernance } from './governance.server';
import { OPERATION_LIST_LIMIT } from './governance-operations.server';

const DELAY = 3_600;
let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain(testPort(4400), { timelockDelaySeconds: DELAY });
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

const context = () =>
  ({
    chainId: 31_337,
    publicClient: chain.publicClient,
    deployment: chain.deployment,
    publicRpcUrl: chain.rpcUrl,
  }) as never;

const heartbeat = (seconds: bigint) =>
  encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setHeartbeat', args: [seconds] });

async function schedule(data: Hex, label: string) {
  const operation = [chain.contracts.clusterRegistry, 0n, data, zeroHash, keccak256(stringToBytes(label))] as const;
  await chain.send(devRoles.deployer, {
    address: chain.contracts.timelock!,
    abi: timelockControllerAbi,
    functionName: 'schedule',
    args: [...operation, BigInt(DELAY)],
  });
  return chain.publicClient.readContract({
    address: chain.contracts.timelock!,
    abi: timelockControllerAbi,
    functionName: 'hashOperation',
    args: [...operation],
  });
}

async function cancelAllListed() {
  for (const operation of (await readGovernance(context())).operations) {
    if (operation.state !== 'waiting' && operation.state !== 'ready') continue;
    await chain.send(devRoles.deployer, {
      address: chain.contracts.timelock!,
      abi: timelockControllerAbi,
      functionName: 'cancel',
      args: [operation.id],
    });
  }
}

describe('the governance console lists every pending operation', () => {
  it('still lists a pending operation after a proposer schedules more than OPERATION_LIST_LIMIT others', async () => {
    const hidden = await schedule(heartbeat(9_999n), 'the one to hide');
    for (let i = 0; i < OPERATION_LIST_LIMIT; i++) await schedule(heartbeat(10_000n + BigInt(i)), `cover ${i}`);
    const pending = await chain.publicClient.readContract({
      address: chain.contracts.timelock!,
      abi: timelockControllerAbi,
      functionName: 'isOperationPending',
      args: [hidden],
    });
    expect(pending).toBe(true);
    const view = await readGovernance(context());
    expect(view.operations.map((operation) => operation.id)).toContain(hidden);
    await cancelAllListed();
  }, 120_000);

  it('shows every call of a pending batch, not only the first', async () => {
    const timelock = chain.contracts.timelock!;
    const proposerRole = await chain.publicClient.readContract({
      address: timelock,
      abi: timelockControllerAbi,
      functionName: 'PROPOSER_ROLE',
    });
    const stranger = devAccount(devRoles.testWallets[0]!).address;
    const grant = encodeFunctionData({
      abi: timelockControllerAbi,
      functionName: 'grantRole',
      args: [proposerRole, stranger],
    });
    await chain.send(devRoles.deployer, {
      address: timelock,
      abi: timelockControllerAbi,
      functionName: 'scheduleBatch',
      args: [
        [chain.contracts.clusterRegistry, timelock],
        [0n, 0n],
        [heartbeat(7_777n), grant],
        zeroHash,
        keccak256(stringToBytes('harmless first')),
        BigInt(DELAY),
      ],
    });
    const view = await readGovernance(context());
    const batch = view.operations.find((operation) => operation.batchSize === 2);
    expect(batch).toBeDefined();
    // The second call (a new proposer) is what the reviewers must see.
    expect(JSON.stringify(batch)).toContain(stranger);
  }, 120_000);
});
