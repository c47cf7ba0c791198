/**
 * The governance console's timelock operations (governance.server.ts puts them in its view). The console is where
 * cancellers and the public review what the timelock will execute during its delay (review M-3, L-1), so:
 * - every PENDING operation (waiting or ready) is in the view whatever its age or how many were scheduled after it:
 *   the timelock's events (CallScheduled, CallSalt, CallExecuted, Cancelled) are read from the deployment block in
 *   bounded getLogs chunks, once — the logs below the last REORG_DEPTH blocks are kept between heads (timelockLogs),
 *   so a new head costs the logs of the blocks since the last — and only executed or cancelled operations are ever
 *   pruned from what is kept: the newest OPERATION_LIST_LIMIT of them are listed, the older ones counted, not shown;
 * - every call of a batch is kept and decoded with the ABI of the contract at ITS target (registry, timelock,
 *   factory, or a share token / offering the mirror knows, named with its cluster); any other target is shown raw.
 * The mirror does not index the timelock (yet): a governance page is viewed by a handful of people, not the public.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, eq, inArray } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { type Abi, type Address, decodeFunctionData, getAddress, type Hex, zeroHash } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, timelockControllerAbi } from '#contracts';
import { offerings, shareTokens } from '#db/schema';

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
export async function timelockLogs(chain: Chain, timelock: Address, from: bigint, head: bigint): Promise<TimelockLogs> {
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
export async function clusterTargets(db: Db | undefined, chainId: number, targets: Address[]) {
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
