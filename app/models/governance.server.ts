/**
 * What the governance console (/governance) shows: who governs the registry (an account, or a TimelockController —
 * told apart by asking the owner's contract, not by trusting the deployment record) and who it is being handed to
 * (Ownable2Step's pending owner), the committee and heartbeat, and the timelock's operations. The console is where
 * cancellers and the public review what the timelock will execute during its delay (review M-3, L-1), so:
 * - every PENDING operation (waiting or ready) is in the view whatever its age or how many were scheduled after it:
 *   the timelock's events (CallScheduled, CallSalt, CallExecuted, Cancelled) are read from the deployment block in
 *   bounded getLogs chunks, once — the logs below the last REORG_DEPTH blocks are kept between heads (timelockLogs),
 *   so a new head costs the logs of the blocks since the last — and only executed or cancelled operations are ever
 *   pruned from what is kept: the newest OPERATION_LIST_LIMIT of them are listed, the older ones counted, not shown;
 * - every call of a batch is kept and decoded with the ABI of the contract at ITS target (registry, timelock,
 *   factory, or a share token / offering the mirror knows, named with its cluster); any other target is shown raw.
 * The state of each listed operation is the timelock's getTimestamp at the head block; everything is read once per
 * block (perBlock) however many times the page is loaded. The mirror does not index the timelock (yet): a governance
 * page is viewed by a handful of people, not the public.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, eq, inArray } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { type Abi, type Address, decodeFunctionData, getAddress, type Hex, zeroAddress, zeroHash } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, timelockControllerAbi } from '#contracts';
import { offerings, shareTokens } from '#db/schema';
import {
  type ClusterStatusName,
  clusterStatusName,
  type OfferingPhaseName,
  offeringPhaseName,
} from '#protocol/status-names';
import { headBlock, multiread, perBlock } from './chain-reads.server';
import { operationId } from './governance-calls';

type Chain = AppLoadContext['chain'];
type Db = AppLoadContext['db'];

/** Blocks one eth_getLogs asks for (providers cap a range; 10,000 is under every common cap). */
export const LOG_CHUNK_BLOCKS = 10_000n;
/**
 * eth_getLogs requests in flight at once while scanning: the first scan runs from the deployment block (on a chain of
 * 2-second blocks a year is 1,600 chunks), so a few at a time, their logs still applied in block order.
 */
const LOG_REQUESTS_IN_FLIGHT = 4;
/** A long first scan keeps what it has read every so many blocks, so a failure halfway resumes there, not at zero. */
const SCAN_PROGRESS_BLOCKS = 200_000n;
/**
 * The most operations of each kind a page lists unless asked for all: pending ones beyond it are behind "show all"
 * (never dropped from the view), executed or cancelled ones beyond it are forgotten and counted ("N older").
 */
export const OPERATION_LIST_LIMIT = 50;
/** getTimestamp's markers (OpenZeppelin TimelockController): 0 unknown or cancelled, 1 executed. */
const UNSET = 0n;
const DONE = 1n;

export const TIMELOCK_ROLES = ['PROPOSER_ROLE', 'EXECUTOR_ROLE', 'CANCELLER_ROLE'] as const;
export type TimelockRole = (typeof TIMELOCK_ROLES)[number];

export type OperationState = 'waiting' | 'ready' | 'executed' | 'cancelled';

/** The contract a scheduled call targets, as far as the deployment and the mirror know it. */
export type CallTarget =
  | { kind: 'registry' | 'timelock' | 'factory' }
  | { kind: 'shareToken' | 'offering'; clusterId: string }
  | { kind: 'unknown' };

/** One call of an operation: decoded only with its target's own ABI (null: unknown target or selector). */
export type TimelockCall = {
  index: number;
  target: Address;
  value: string;
  data: Hex;
  contract: CallTarget;
  call: { functionName: string; args: string[] } | null;
};

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

const eventsNamed = (...names: string[]) =>
  timelockControllerAbi.filter((item) => item.type === 'event' && names.includes(item.name));

/** Each kind of target's ABI: a call is decoded with its own target's, never with another contract's. */
const TARGET_ABIS: Record<Exclude<CallTarget['kind'], 'unknown'>, Abi> = {
  registry: clusterRegistryAbi as Abi,
  timelock: timelockControllerAbi as Abi,
  factory: rackshareFactoryAbi as Abi,
  shareToken: shareTokenAbi as Abi,
  offering: offeringAbi as Abi,
};

/** `data` decoded with the ABI of the contract at its target; null for an unknown contract or selector. */
export function describeCall(contract: CallTarget, data: Hex): TimelockCall['call'] {
  if (contract.kind === 'unknown') return null;
  try {
    const decoded = decodeFunctionData({ abi: TARGET_ABIS[contract.kind], data });
    return { functionName: decoded.functionName, args: (decoded.args ?? []).map((arg) => String(arg)) };
  } catch {
    return null;
  }
}

/** Whether `owner` is a TimelockController: it answers getMinDelay (an account or another contract does not). */
async function timelockDelayOf(chain: Chain, owner: Address, blockNumber: bigint): Promise<bigint | null> {
  const code = await chain.publicClient.getCode({ address: owner, blockNumber });
  if (!code || code === '0x') return null;
  return chain.publicClient
    .readContract({ address: owner, abi: timelockControllerAbi, functionName: 'getMinDelay', blockNumber })
    .catch(() => null);
}

type ScheduledCall = { index: number; target: Address; value: bigint; data: Hex };

/** One operation as the timelock's events tell it: every call it schedules, its salt, where it was scheduled. */
type ScheduledOperation = {
  id: Hex;
  calls: ScheduledCall[];
  predecessor: Hex;
  salt: Hex;
  blockNumber: bigint;
  transactionHash: Hex;
};

/**
 * What the timelock's events say up to a block. `pending`: every operation scheduled and neither executed nor
 * cancelled, in the order scheduled (a Map keeps it) — never pruned: only proposers (a trusted role) add to it, and
 * hiding one is the attack this view exists to defeat. `done`: the newest OPERATION_LIST_LIMIT executed or cancelled,
 * in the order they were; `forgotten` counts the older ones dropped. `granted`: every account a role was granted to.
 */
type TimelockLogs = {
  pending: Map<Hex, ScheduledOperation>;
  done: Map<Hex, ScheduledOperation>;
  forgotten: number;
  granted: Set<Address>;
};

type TimelockLog = { eventName: string; args: unknown; blockNumber: bigint | null; transactionHash: Hex | null };

function applyLog(into: TimelockLogs, log: TimelockLog) {
  const args = log.args as Record<string, unknown>;
  const id = args.id as Hex;
  if (log.eventName === 'CallScheduled') {
    const call = {
      index: Number(args.index as bigint),
      target: getAddress(args.target as Address),
      value: args.value as bigint,
      data: args.data as Hex,
    };
    if (call.index !== 0) {
      // scheduleBatch emits one event per call, in index order, in one transaction.
      into.pending.get(id)?.calls.push(call);
      return;
    }
    // A cancelled id may be scheduled again: the new scheduling is the operation, pending again.
    into.done.delete(id);
    into.pending.delete(id);
    into.pending.set(id, {
      id,
      calls: [call],
      predecessor: args.predecessor as Hex,
      salt: zeroHash,
      blockNumber: log.blockNumber!,
      transactionHash: log.transactionHash!,
    });
  } else if (log.eventName === 'CallSalt') {
    const known = into.pending.get(id);
    if (known) known.salt = args.salt as Hex;
  } else if (log.eventName === 'CallExecuted' || log.eventName === 'Cancelled') {
    // An execution emits CallExecuted per call: the first moves the operation, the others find it gone.
    const known = into.pending.get(id);
    if (!known) return;
    into.pending.delete(id);
    into.done.set(id, known);
    for (const old of into.done.keys()) {
      if (into.done.size <= OPERATION_LIST_LIMIT) break;
      into.done.delete(old);
      into.forgotten += 1;
    }
  } else if (log.eventName === 'RoleGranted') into.granted.add(getAddress(args.account as Address));
}

/**
 * The timelock's logs in [from, to], in chunks of LOG_CHUNK_BLOCKS (a few in flight, applied in order), added to
 * `into` (which is changed). `progress` hears of each block read up to, with what was read so far.
 */
async function scanTimelock(
  chain: Chain,
  timelock: Address,
  from: bigint,
  to: bigint,
  into: TimelockLogs,
  progress?: (through: bigint, logs: TimelockLogs) => Promise<void>,
) {
  const events = eventsNamed('CallScheduled', 'CallSalt', 'CallExecuted', 'Cancelled', 'RoleGranted');
  const ranges: [bigint, bigint][] = [];
  for (let start = from; start <= to; start += LOG_CHUNK_BLOCKS) {
    ranges.push([start, start + LOG_CHUNK_BLOCKS - 1n < to ? start + LOG_CHUNK_BLOCKS - 1n : to]);
  }
  for (let next = 0; next < ranges.length; next += LOG_REQUESTS_IN_FLIGHT) {
    const group = ranges.slice(next, next + LOG_REQUESTS_IN_FLIGHT);
    const answers = await Promise.all(
      group.map(([fromBlock, toBlock]) =>
        chain.publicClient.getLogs({ address: timelock, events, fromBlock, toBlock }),
      ),
    );
    for (const logs of answers) for (const log of logs) applyLog(into, log as TimelockLog);
    await progress?.(group.at(-1)![1], into);
  }
  return into;
}

const emptyLogs = (): TimelockLogs => ({ pending: new Map(), done: new Map(), forgotten: 0, granted: new Set() });

const copyOperations = (operations: Map<Hex, ScheduledOperation>) =>
  new Map([...operations].map(([id, operation]) => [id, { ...operation, calls: [...operation.calls] }]));

function copyLogs(logs: TimelockLogs): TimelockLogs {
  return {
    pending: copyOperations(logs.pending),
    done: copyOperations(logs.done),
    forgotten: logs.forgotten,
    granted: new Set(logs.granted),
  };
}

/** Blocks under the head that a reorganisation may still rewrite: their logs are read afresh by every view. */
export const REORG_DEPTH = 64n;

/** The logs of [from, to] kept between views, and the hash of `to` (another hash there: the chain was rewritten). */
type ScanMemo = { from: bigint; to: bigint; hash: Hex; logs: TimelockLogs };
const scans = new LRUCache<string, ScanMemo>({ max: 16 });
/** Per memo key, the extension of the kept logs now running: views wait for it rather than scanning again. */
const extending = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier work of `key` has settled (one scan of a range at a time per timelock). */
async function serially<T>(key: string, work: () => Promise<T>): Promise<T> {
  const mine = (extending.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
  extending.set(key, mine);
  try {
    return await mine;
  } finally {
    if (extending.get(key) === mine) extending.delete(key);
  }
}

/**
 * The kept logs of [from, stable] (or of a later stable block another view already reached). The first view scans
 * from the deployment block, in chunks, saving its progress as it goes; views that arrive meanwhile wait for it
 * (serially) and then find the memo, so the scan is never repeated per request. The kept part is checked by its last
 * block's hash: a reset anvil or a deep reorganisation forgets it and scans over.
 */
async function keptLogs(chain: Chain, key: string, timelock: Address, from: bigint, stable: bigint, head: bigint) {
  let memo = scans.get(key);
  if (memo && (memo.from !== from || memo.to > head)) memo = undefined;
  if (memo) {
    const block = await chain.publicClient.getBlock({ blockNumber: memo.to }).catch(() => null);
    if (block?.hash !== memo.hash) memo = undefined;
  }
  // A memo of another history is forgotten, so the scan below may keep one that ends lower.
  if (!memo) scans.delete(key);
  if (memo && memo.to >= stable) return memo;
  const save = async (through: bigint, logs: TimelockLogs) => {
    const { hash } = await chain.publicClient.getBlock({ blockNumber: through });
    const saved: ScanMemo = { from, to: through, hash, logs: copyLogs(logs) };
    scans.set(key, saved);
    return saved;
  };
  let savedTo = memo ? memo.to : from - 1n;
  const logs = await scanTimelock(
    chain,
    timelock,
    savedTo + 1n,
    stable,
    memo ? copyLogs(memo.logs) : emptyLogs(),
    async (through, sofar) => {
      if (through < stable && through - savedTo >= SCAN_PROGRESS_BLOCKS) savedTo = (await save(through, sofar)).to;
    },
  );
  return save(stable, logs);
}

/**
 * The timelock's logs in [from, head]: the kept part up to head - REORG_DEPTH (see keptLogs), then the blocks a
 * reorganisation may still rewrite, read afresh by every view on a copy (so they never enter the memo).
 */
async function timelockLogs(chain: Chain, timelock: Address, from: bigint, head: bigint): Promise<TimelockLogs> {
  const key = `${chain.chainId}:${timelock}:${from}`;
  const stable = head - REORG_DEPTH;
  if (stable < from) return scanTimelock(chain, timelock, from, head, emptyLogs());
  const kept = await serially(key, () => keptLogs(chain, key, timelock, from, stable, head));
  return scanTimelock(chain, timelock, kept.to + 1n, head, copyLogs(kept.logs));
}

export function operationState(timestamp: bigint, now: bigint): OperationState {
  if (timestamp === UNSET) return 'cancelled';
  if (timestamp === DONE) return 'executed';
  return timestamp <= now ? 'ready' : 'waiting';
}

/**
 * The share tokens and offerings among `targets`, with their cluster, as the mirror's ClusterTokenized rows know
 * them (a row exists only for a clone the factory made, so a look-alike contract is never taken for one). Without a
 * mirror, or when it cannot answer, every such target stays unknown and its calls are shown raw.
 */
async function clusterTargets(db: Db | undefined, chainId: number, targets: Address[]) {
  const found = new Map<Address, CallTarget>();
  if (!db || targets.length === 0) return found;
  try {
    const [tokens, sales] = await Promise.all([
      db
        .select({ address: shareTokens.token, clusterId: shareTokens.clusterId })
        .from(shareTokens)
        .where(and(eq(shareTokens.chainId, chainId), inArray(shareTokens.token, targets))),
      db
        .select({ address: offerings.offering, clusterId: offerings.clusterId })
        .from(offerings)
        .where(and(eq(offerings.chainId, chainId), inArray(offerings.offering, targets))),
    ]);
    for (const row of tokens)
      found.set(getAddress(row.address), { kind: 'shareToken', clusterId: String(row.clusterId) });
    for (const row of sales) found.set(getAddress(row.address), { kind: 'offering', clusterId: String(row.clusterId) });
  } catch {
    // The mirror is down: the calls are still listed, raw, which is what an unknown target gets anyway.
  }
  return found;
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
