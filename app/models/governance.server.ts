/**
 * What the governance console (/governance) shows: who governs the registry (an account, or a TimelockController —
 * told apart by asking the owner's contract, not by trusting the deployment record), the committee and heartbeat, and
 * the timelock's operations. The operations come from the timelock's own events (CallScheduled, CallSalt), read with
 * getLogs over a bounded block range in bounded chunks, and their state from getTimestamp at the head block; the
 * mirror does not index the timelock (yet), and a governance page is viewed by a handful of people, not the public.
 * Everything is read once per block (perBlock) however many times the page is loaded, and the logs below the last
 * REORG_DEPTH blocks are kept between blocks (timelockLogs), so a new head costs the logs of the blocks since the last.
 */
import type { AppLoadContext } from '@remix-run/node';
import { LRUCache } from 'lru-cache';
import { type Abi, type Address, decodeFunctionData, getAddress, type Hex, zeroAddress, zeroHash } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, timelockControllerAbi } from '#contracts';
import {
  type ClusterStatusName,
  clusterStatusName,
  type OfferingPhaseName,
  offeringPhaseName,
} from '#protocol/status-names';
import { headBlock, multiread, perBlock } from './chain-reads.server';

type Chain = AppLoadContext['chain'];

/** Blocks one eth_getLogs asks for (providers cap a range; 10,000 is under every common cap). */
export const LOG_CHUNK_BLOCKS = 10_000n;
/** How far back the console looks for operations: older ones are long executed or expired from anyone's interest. */
export const MAX_SCAN_BLOCKS = 500_000n;
/** The most operations the console lists (newest first). */
export const OPERATION_LIST_LIMIT = 50;
/** getTimestamp's markers (OpenZeppelin TimelockController): 0 unknown or cancelled, 1 executed. */
const UNSET = 0n;
const DONE = 1n;

export const TIMELOCK_ROLES = ['PROPOSER_ROLE', 'EXECUTOR_ROLE', 'CANCELLER_ROLE'] as const;
export type TimelockRole = (typeof TIMELOCK_ROLES)[number];

export type OperationState = 'waiting' | 'ready' | 'executed' | 'cancelled';

/** A call the timelock holds, decoded against the protocol's ABIs when it is one of theirs. */
export type TimelockOperation = {
  id: Hex;
  target: Address;
  value: string;
  data: Hex;
  predecessor: Hex;
  salt: Hex;
  /** Calls of a scheduleBatch beyond this first one (the console executes single calls only). */
  batchSize: number;
  blockNumber: string;
  transactionHash: Hex;
  state: OperationState;
  /** Earliest execution time (unix seconds) while waiting or ready; null once executed or cancelled. */
  readyAt: string | null;
  call: { functionName: string; args: string[] } | null;
};

export type GovernanceView = {
  registry: Address;
  owner: Address;
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
  operations: TimelockOperation[];
  /** First block scanned for operations (the deployment, or MAX_SCAN_BLOCKS back). */
  scannedFrom: string;
};

const eventsNamed = (...names: string[]) =>
  timelockControllerAbi.filter((item) => item.type === 'event' && names.includes(item.name));

/** The protocol contracts a scheduled call may target: decoded with each ABI in turn. */
const CALL_ABIS: Abi[] = [clusterRegistryAbi, shareTokenAbi, offeringAbi, timelockControllerAbi] as Abi[];

export function describeCall(data: Hex): TimelockOperation['call'] {
  for (const abi of CALL_ABIS) {
    try {
      const decoded = decodeFunctionData({ abi, data });
      return { functionName: decoded.functionName, args: (decoded.args ?? []).map((arg) => String(arg)) };
    } catch {
      // Not this contract's function: try the next ABI.
    }
  }
  return null;
}

/** Whether `owner` is a TimelockController: it answers getMinDelay (an account or another contract does not). */
async function timelockDelayOf(chain: Chain, owner: Address, blockNumber: bigint): Promise<bigint | null> {
  const code = await chain.publicClient.getCode({ address: owner, blockNumber });
  if (!code || code === '0x') return null;
  return chain.publicClient
    .readContract({ address: owner, abi: timelockControllerAbi, functionName: 'getMinDelay', blockNumber })
    .catch(() => null);
}

type ScheduledLog = {
  id: Hex;
  target: Address;
  value: bigint;
  data: Hex;
  predecessor: Hex;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
};

/** One operation as the timelock's events tell it: its first call, how many calls it schedules, and its salt. */
type ScheduledOperation = { first: ScheduledLog; calls: number; salt: Hex };

/**
 * What the timelock's events say up to a block: its newest operations (at most OPERATION_LIST_LIMIT, oldest first —
 * a Map keeps the order they were scheduled in) and every account a role was granted to.
 */
type TimelockLogs = { operations: Map<Hex, ScheduledOperation>; granted: Set<Address> };

/** The timelock's logs in [from, to], in chunks of LOG_CHUNK_BLOCKS, added to `into` (which is changed). */
async function scanTimelock(chain: Chain, timelock: Address, from: bigint, to: bigint, into: TimelockLogs) {
  const events = eventsNamed('CallScheduled', 'CallSalt', 'RoleGranted');
  for (let start = from; start <= to; start += LOG_CHUNK_BLOCKS) {
    const end = start + LOG_CHUNK_BLOCKS - 1n < to ? start + LOG_CHUNK_BLOCKS - 1n : to;
    const logs = await chain.publicClient.getLogs({ address: timelock, events, fromBlock: start, toBlock: end });
    for (const log of logs) {
      const args = log.args as Record<string, unknown>;
      const id = args.id as Hex;
      if (log.eventName === 'CallScheduled') {
        if (args.index !== 0n) {
          const known = into.operations.get(id);
          if (known) known.calls += 1;
          continue;
        }
        // A cancelled id may be scheduled again: the newest scheduling is the operation, moved to the newest place.
        into.operations.delete(id);
        into.operations.set(id, {
          first: {
            id,
            target: getAddress(args.target as Address),
            value: args.value as bigint,
            data: args.data as Hex,
            predecessor: args.predecessor as Hex,
            blockNumber: log.blockNumber!,
            logIndex: log.logIndex!,
            transactionHash: log.transactionHash!,
          },
          calls: 1,
          salt: zeroHash,
        });
      } else if (log.eventName === 'CallSalt') {
        const known = into.operations.get(id);
        if (known) known.salt = args.salt as Hex;
      } else if (log.eventName === 'RoleGranted') into.granted.add(getAddress(args.account as Address));
    }
    // Only the newest operations are ever listed: older ones are dropped as the scan goes, so memory stays bounded.
    for (const id of into.operations.keys()) {
      if (into.operations.size <= OPERATION_LIST_LIMIT) break;
      into.operations.delete(id);
    }
  }
  return into;
}

const emptyLogs = (): TimelockLogs => ({ operations: new Map(), granted: new Set() });

function copyLogs(logs: TimelockLogs): TimelockLogs {
  return {
    operations: new Map([...logs.operations].map(([id, operation]) => [id, { ...operation }])),
    granted: new Set(logs.granted),
  };
}

/** Blocks under the head that a reorganisation may still rewrite: their logs are read afresh by every view. */
export const REORG_DEPTH = 64n;

/** The logs of [from, to] kept between views, and the hash of `to` (another hash there: the chain was rewritten). */
type ScanMemo = { from: bigint; to: bigint; hash: Hex; logs: TimelockLogs };
const scans = new LRUCache<string, ScanMemo>({ max: 16 });

/**
 * The timelock's logs in [from, head]. Logs older than REORG_DEPTH blocks are kept per (chain, timelock, deployment)
 * and only the blocks since are read at each new head, so a page view costs the chunks of a few new blocks, not
 * MAX_SCAN_BLOCKS / LOG_CHUNK_BLOCKS eth_getLogs per block the chain makes. The kept part is checked by its last
 * block's hash (a reset anvil or a deep reorganisation starts the scan over).
 */
async function timelockLogs(chain: Chain, timelock: Address, from: bigint, head: bigint): Promise<TimelockLogs> {
  const key = `${chain.chainId}:${timelock}:${chain.deployment.deployBlock}`;
  const stable = head - REORG_DEPTH;
  let memo = scans.get(key);
  if (memo && (memo.from > from || memo.to > head)) memo = undefined;
  if (memo) {
    const block = await chain.publicClient.getBlock({ blockNumber: memo.to }).catch(() => null);
    if (block?.hash !== memo.hash) memo = undefined;
  }
  // A memo of another history is forgotten, so the scan below may keep one that ends lower.
  if (!memo) scans.delete(key);
  let kept: TimelockLogs;
  let keptTo: bigint;
  if (stable < from) {
    kept = emptyLogs();
    keptTo = from - 1n;
  } else if (memo && memo.to >= stable) {
    kept = copyLogs(memo.logs);
    keptTo = memo.to;
  } else {
    const start = memo ? memo.to + 1n : from;
    const logs = await scanTimelock(chain, timelock, start, stable, memo ? copyLogs(memo.logs) : emptyLogs());
    const { hash } = await chain.publicClient.getBlock({ blockNumber: stable });
    const latest = scans.get(key);
    if (!latest || latest.to < stable) scans.set(key, { from: memo?.from ?? from, to: stable, hash, logs });
    kept = copyLogs(logs);
    keptTo = stable;
  }
  return scanTimelock(chain, timelock, keptTo + 1n, head, kept);
}

export function operationState(timestamp: bigint, now: bigint): OperationState {
  if (timestamp === UNSET) return 'cancelled';
  if (timestamp === DONE) return 'executed';
  return timestamp <= now ? 'ready' : 'waiting';
}

const views = perBlock<GovernanceView>(16);

export async function readGovernance(chain: Chain): Promise<GovernanceView> {
  const head = await headBlock(chain);
  return views(chain.chainId, head.number, 'view', () => buildView(chain, head));
}

async function buildView(chain: Chain, head: Awaited<ReturnType<typeof headBlock>>): Promise<GovernanceView> {
  const { deployment } = chain;
  const registry = { address: deployment.contracts.clusterRegistry, abi: clusterRegistryAbi } as const;
  // The scalars in one multicall; the signer list apart, as a plain eth_call, since nothing caps its length and a
  // deployless multicall's answer is capped at 24,576 bytes.
  const [[owner, guardian, threshold, version, heartbeat], signers] = (await Promise.all([
    multiread(
      chain,
      (['owner', 'guardian', 'threshold', 'committeeVersion', 'heartbeat'] as const).map((functionName) => ({
        ...registry,
        functionName,
      })),
      head.number,
    ),
    chain.publicClient.readContract({ ...registry, functionName: 'signers', blockNumber: head.number }),
  ])) as [[Address, Address, bigint, number, bigint], readonly Address[]];
  const base = {
    registry: registry.address,
    owner: getAddress(owner),
    guardian: guardian === zeroAddress ? null : getAddress(guardian),
    committee: {
      signers: signers.map((signer) => getAddress(signer)),
      threshold: threshold.toString(),
      version: Number(version),
      heartbeatSeconds: heartbeat.toString(),
    },
    head: { number: head.number.toString(), timestamp: head.timestamp.toString() },
  };
  const delay = await timelockDelayOf(chain, base.owner, head.number);
  const scanFloor = head.number > MAX_SCAN_BLOCKS ? head.number - MAX_SCAN_BLOCKS : 0n;
  const from = deployment.deployBlock > scanFloor ? deployment.deployBlock : scanFloor;
  if (delay === null) return { ...base, timelock: null, operations: [], scannedFrom: from.toString() };

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
  // Newest first, within the scanned window.
  const listed = [...logs.operations.values()].filter(({ first }) => first.blockNumber >= from).reverse();
  const answers = await multiread(
    chain,
    [
      ...roleIds.flatMap((role) =>
        candidates.map((account) => ({ ...timelock, functionName: 'hasRole', args: [role, account] })),
      ),
      ...listed.map(({ first }) => ({ ...timelock, functionName: 'getTimestamp', args: [first.id] })),
    ],
    head.number,
  );
  const holders = {} as Record<TimelockRole, Address[]>;
  TIMELOCK_ROLES.forEach((role, roleIndex) => {
    holders[role] = candidates.filter((_, index) => answers[roleIndex * candidates.length + index] === true);
  });
  const timestamps = answers.slice(roleIds.length * candidates.length) as bigint[];
  const operations = listed.map(({ first: log, calls, salt }, index): TimelockOperation => {
    const timestamp = timestamps[index]!;
    const state = operationState(timestamp, head.timestamp);
    return {
      id: log.id,
      target: log.target,
      value: log.value.toString(),
      data: log.data,
      predecessor: log.predecessor,
      salt,
      batchSize: calls,
      blockNumber: log.blockNumber.toString(),
      transactionHash: log.transactionHash,
      state,
      readyAt: state === 'waiting' || state === 'ready' ? timestamp.toString() : null,
      call: describeCall(log.data),
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
    scannedFrom: from.toString(),
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
