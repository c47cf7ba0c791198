/**
 * What the governance console (/governance) shows: who governs the registry (an account, or a TimelockController —
 * told apart by asking the owner's contract, not by trusting the deployment record) and who it is being handed to
 * (Ownable2Step's pending owner), the committee and heartbeat, the timelock's roles and operations, and one cluster's
 * governable state (readClusterControls). The operations come from governance-operations.server.ts, which scans and
 * keeps the timelock's events and decodes every call, so that every pending one is in the view whatever its age
 * (review M-3, L-1); this file reads the rest and puts the view together.
 * The state of each listed operation is the timelock's getTimestamp at the head block; everything is read once per
 * block (perBlock) however many times the page is loaded.
 */
import type { AppLoadContext } from '@remix-run/node';
import { type Address, getAddress, type Hex, zeroAddress } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, timelockControllerAbi } from '#contracts';
import {
  type ClusterStatusName,
  clusterStatusName,
  type OfferingPhaseName,
  offeringPhaseName,
} from '#protocol/status-names';
import { headBlock, multiread, perBlock } from './chain-reads.server';
import { operationId } from './governance-calls';
import {
  type CallTarget,
  clusterTargets,
  describeCall,
  OPERATION_LIST_LIMIT,
  type OperationState,
  operationState,
  type TimelockCall,
  timelockLogs,
} from './governance-operations.server';

type Chain = AppLoadContext['chain'];
type Db = AppLoadContext['db'];

export const TIMELOCK_ROLES = ['PROPOSER_ROLE', 'EXECUTOR_ROLE', 'CANCELLER_ROLE'] as const;
export type TimelockRole = (typeof TIMELOCK_ROLES)[number];

/** An operation the timelock holds: every call it makes, in index order. */
export type TimelockOperation = {
  id: Hex;
  calls: TimelockCall[];
  /** How many calls it makes (calls.length). */
  batchSize: number;
  /** Scheduled with scheduleBatch (executed with executeBatch), even with a single call. */
  batch: boolean;
  predecessor: Hex;
  salt: Hex;
  blockNumber: string;
  transactionHash: Hex;
  state: OperationState;
  /** Earliest execution time (unix seconds) while waiting or ready; null once executed or cancelled. */
  readyAt: string | null;
};

export type GovernanceView = {
  registry: Address;
  owner: Address;
  /** Ownable2Step: the account named by transferOwnership that has not accepted yet; a contract accepts by a call. */
  pendingOwner: { address: Address; isContract: boolean } | null;
  guardian: Address | null;
  timelock: {
    address: Address;
    delaySeconds: string;
    roleIds: Record<TimelockRole, Hex>;
    /** Accounts holding each role now, among those the scanned range granted it to (and the recorded proposer). */
    holders: Record<TimelockRole, Address[]>;
  } | null;
  committee: { signers: Address[]; threshold: string; version: number; heartbeatSeconds: string };
  head: { number: string; timestamp: string };
  /** Every pending operation (newest scheduled first), then the newest executed or cancelled ones (newest first). */
  operations: TimelockOperation[];
  /**
   * What is not in `operations`: pending ones a page left for "show all", older executed or cancelled ones; `limit`
   * is OPERATION_LIST_LIMIT, the bound the page names.
   */
  notShown: { pending: number; done: number; limit: number };
  /** First block scanned for operations: the deployment's. */
  scannedFrom: string;
};

/** Whether `owner` is a TimelockController: it answers getMinDelay (an account or another contract does not). */
async function timelockDelayOf(chain: Chain, owner: Address, blockNumber: bigint): Promise<bigint | null> {
  const code = await chain.publicClient.getCode({ address: owner, blockNumber });
  if (!code || code === '0x') return null;
  return chain.publicClient
    .readContract({ address: owner, abi: timelockControllerAbi, functionName: 'getMinDelay', blockNumber })
    .catch(() => null);
}

const views = perBlock<GovernanceView>(16);

/**
 * The console's view at the head block. `db` (the mirror) names the cluster of a token or offering a call targets;
 * without it those calls are shown raw.
 */
export async function readGovernance(chain: Chain, db?: Db): Promise<GovernanceView> {
  const head = await headBlock(chain);
  return views(chain.chainId, head.number, db ? 'view' : 'view-no-mirror', () => buildView(chain, db, head));
}

/**
 * The view a page renders: every pending operation up to OPERATION_LIST_LIMIT unless `all` (the rest counted in
 * notShown.pending, reached by "show all"), then the executed or cancelled ones. The model keeps them all.
 */
export function pageOfOperations(view: GovernanceView, all: boolean): GovernanceView {
  if (all) return view;
  const pending = view.operations.filter(({ state }) => state === 'waiting' || state === 'ready');
  if (pending.length <= OPERATION_LIST_LIMIT) return view;
  const done = view.operations.filter(({ state }) => state === 'executed' || state === 'cancelled');
  return {
    ...view,
    operations: [...pending.slice(0, OPERATION_LIST_LIMIT), ...done],
    notShown: { ...view.notShown, pending: pending.length - OPERATION_LIST_LIMIT },
  };
}

async function buildView(chain: Chain, db: Db | undefined, head: Awaited<ReturnType<typeof headBlock>>) {
  const { deployment } = chain;
  const registry = { address: deployment.contracts.clusterRegistry, abi: clusterRegistryAbi } as const;
  // The scalars in one multicall; the signer list apart, as a plain eth_call, since nothing caps its length and a
  // deployless multicall's answer is capped at 24,576 bytes.
  const [[owner, pendingOwner, guardian, threshold, version, heartbeat], signers] = (await Promise.all([
    multiread(
      chain,
      (['owner', 'pendingOwner', 'guardian', 'threshold', 'committeeVersion', 'heartbeat'] as const).map(
        (functionName) => ({ ...registry, functionName }),
      ),
      head.number,
    ),
    chain.publicClient.readContract({ ...registry, functionName: 'signers', blockNumber: head.number }),
  ])) as [[Address, Address, Address, bigint, number, bigint], readonly Address[]];
  const [delay, pendingCode] = await Promise.all([
    timelockDelayOf(chain, getAddress(owner), head.number),
    pendingOwner === zeroAddress
      ? Promise.resolve(undefined)
      : chain.publicClient.getCode({ address: pendingOwner, blockNumber: head.number }),
  ]);
  // Operations are read from the deployment block: the recorded timelock is deployed in it or after, and a timelock
  // handed the registry later was deployed later still.
  const from = deployment.deployBlock;
  const base = {
    registry: registry.address,
    owner: getAddress(owner),
    pendingOwner:
      pendingOwner === zeroAddress
        ? null
        : { address: getAddress(pendingOwner), isContract: Boolean(pendingCode && pendingCode !== '0x') },
    guardian: guardian === zeroAddress ? null : getAddress(guardian),
    committee: {
      signers: signers.map((signer) => getAddress(signer)),
      threshold: threshold.toString(),
      version: Number(version),
      heartbeatSeconds: heartbeat.toString(),
    },
    head: { number: head.number.toString(), timestamp: head.timestamp.toString() },
    scannedFrom: from.toString(),
  };
  if (delay === null)
    return { ...base, timelock: null, operations: [], notShown: { pending: 0, done: 0, limit: OPERATION_LIST_LIMIT } };

  const timelock = { address: base.owner, abi: timelockControllerAbi } as const;
  const logs = await timelockLogs(chain, timelock.address, from, head.number);
  const granted = new Set(logs.granted);
  if (deployment.governance?.proposer) granted.add(getAddress(deployment.governance.proposer));
  const candidates = [...granted];
  const roleIds = (await multiread(
    chain,
    TIMELOCK_ROLES.map((role) => ({ ...timelock, functionName: role })),
    head.number,
  )) as Hex[];
  // Pending first (newest scheduled first), then executed or cancelled (newest first).
  const listed = [...[...logs.pending.values()].reverse(), ...[...logs.done.values()].reverse()];
  const known = new Map<Address, CallTarget>([
    [registry.address, { kind: 'registry' }],
    [timelock.address, { kind: 'timelock' }],
    [deployment.contracts.factory, { kind: 'factory' }],
  ]);
  if (deployment.contracts.timelock) known.set(getAddress(deployment.contracts.timelock), { kind: 'timelock' });
  const others = [...new Set(listed.flatMap(({ calls }) => calls.map(({ target }) => target)))].filter(
    (target) => !known.has(target),
  );
  const [answers, clusters] = await Promise.all([
    multiread(
      chain,
      [
        ...roleIds.flatMap((role) =>
          candidates.map((account) => ({ ...timelock, functionName: 'hasRole', args: [role, account] })),
        ),
        ...listed.map(({ id }) => ({ ...timelock, functionName: 'getTimestamp', args: [id] })),
      ],
      head.number,
    ),
    clusterTargets(db, chain.chainId, others),
  ]);
  const holders = {} as Record<TimelockRole, Address[]>;
  TIMELOCK_ROLES.forEach((role, roleIndex) => {
    holders[role] = candidates.filter((_, index) => answers[roleIndex * candidates.length + index] === true);
  });
  const timestamps = answers.slice(roleIds.length * candidates.length) as bigint[];
  const contractAt = (target: Address): CallTarget => known.get(target) ?? clusters.get(target) ?? { kind: 'unknown' };
  const operations = listed.map((scheduled, index): TimelockOperation => {
    const timestamp = timestamps[index]!;
    const state = operationState(timestamp, head.timestamp);
    const calls = scheduled.calls.map(({ index: callIndex, target, value, data }): TimelockCall => {
      const contract = contractAt(target);
      return { index: callIndex, target, value: value.toString(), data, contract, call: describeCall(contract, data) };
    });
    const single = { calls, predecessor: scheduled.predecessor, salt: scheduled.salt, batch: false };
    return {
      id: scheduled.id,
      calls,
      batchSize: calls.length,
      // A one-call batch has another id than the same call scheduled alone: the id says which it was.
      batch: calls.length > 1 || operationId(single) !== scheduled.id,
      predecessor: scheduled.predecessor,
      salt: scheduled.salt,
      blockNumber: scheduled.blockNumber.toString(),
      transactionHash: scheduled.transactionHash,
      state,
      readyAt: state === 'waiting' || state === 'ready' ? timestamp.toString() : null,
    };
  });
  return {
    ...base,
    timelock: {
      address: timelock.address,
      delaySeconds: delay.toString(),
      roleIds: Object.fromEntries(TIMELOCK_ROLES.map((role, index) => [role, roleIds[index]!])) as Record<
        TimelockRole,
        Hex
      >,
      holders,
    },
    operations,
    notShown: { pending: 0, done: logs.forgotten, limit: OPERATION_LIST_LIMIT },
  };
}

export type ClusterControls = {
  clusterId: string;
  operator: Address;
  status: ClusterStatusName;
  token: { address: Address; pausedByGovernance: boolean } | null;
  offering: { address: Address; phase: OfferingPhaseName; sold: string; raised: string } | null;
};

const controls = perBlock<ClusterControls | { missing: true }>(64);

/** One cluster's governable state at the head block, or null when no cluster has that id. */
export async function readClusterControls(chain: Chain, clusterId: bigint): Promise<ClusterControls | null> {
  const head = await headBlock(chain);
  const found = await controls(chain.chainId, head.number, clusterId.toString(), async () => {
    const registry = { address: chain.deployment.contracts.clusterRegistry, abi: clusterRegistryAbi } as const;
    const factory = { address: chain.deployment.contracts.factory, abi: rackshareFactoryAbi } as const;
    const [count] = (await multiread(chain, [{ ...registry, functionName: 'clusterCount' }], head.number)) as bigint[];
    if (clusterId < 1n || clusterId > count!) return { missing: true as const };
    const [status, operator, token, offering] = (await multiread(
      chain,
      [
        { ...registry, functionName: 'statusOf', args: [clusterId] },
        { ...registry, functionName: 'operatorOf', args: [clusterId] },
        { ...factory, functionName: 'tokenOf', args: [clusterId] },
        { ...factory, functionName: 'offeringOf', args: [clusterId] },
      ],
      head.number,
    )) as [number, Address, Address, Address];
    const base = { clusterId: clusterId.toString(), operator: getAddress(operator), status: clusterStatusName(status) };
    if (token === zeroAddress) return { ...base, token: null, offering: null };
    const [paused, phase, sold, raised] = (await multiread(
      chain,
      [
        { address: token, abi: shareTokenAbi, functionName: 'pausedByGovernance' },
        { address: offering, abi: offeringAbi, functionName: 'phase' },
        { address: offering, abi: offeringAbi, functionName: 'sold' },
        { address: offering, abi: offeringAbi, functionName: 'raised' },
      ],
      head.number,
    )) as [boolean, number, bigint, bigint];
    return {
      ...base,
      token: { address: getAddress(token), pausedByGovernance: paused },
      offering: {
        address: getAddress(offering),
        phase: offeringPhaseName(phase),
        sold: sold.toString(),
        raised: raised.toString(),
      },
    };
  });
  return 'missing' in found ? null : found;
}
