/**
 * Turns raw logs of one block range into rows of the event tables. Logs are dispatched by the emitting contract
 * (registry, factory, stablecoin, the market, a known ShareToken or Offering) and by event; a ClusterTokenized log adds its token
 * and offering to `known` so their later logs in the same range are kept. Stablecoin transfers that touch no protocol
 * contract are dropped here, whatever the RPC returned. The rows of each contract's other events are built in
 * decode-contracts.ts; every string taken from an event is cleaned there (review H1).
 */
import { type Address, getAddress, type Hex } from 'viem';
import { offeringRows, parseLog, registryRows, seconds, tokenRows } from './decode-contracts';
import { marketRows } from './decode-market';
import { MalformedRpcResponseError } from './errors';
import { TRANSFER, topicAddress } from './parse';
import { type EventRows, emptyEventRows } from './tables';

/** Contracts the indexer follows, keyed by lowercase address (logs carry lowercase addresses). */
export type KnownContracts = {
  registry: string;
  factory: string;
  stablecoin: string;
  /** The ShareMarket (lowercase, checksummed), when the deployment has one. */
  market?: { key: string; address: Address };
  /** token (lowercase) → its cluster id, checksummed address and (when created in the range being read) its block */
  tokens: Map<string, { clusterId: bigint; address: Address; since?: bigint }>;
  offerings: Map<string, { address: Address; since?: bigint }>;
};

/**
 * Whether `account` is a protocol contract at `blockNumber`: a stablecoin transfer is mirrored only when it comes from
 * or goes to one (review M-7). A token or offering counts from its creation block on, so a range read in one piece
 * and in single blocks keeps the same transfers.
 */
export function isProtocolAddress(known: KnownContracts, account: string, blockNumber: bigint) {
  const key = account.toLowerCase();
  if (key === known.registry || key === known.factory || key === known.market?.key) return true;
  const entry = known.tokens.get(key) ?? known.offerings.get(key);
  return entry !== undefined && (entry.since === undefined || entry.since <= blockNumber);
}

export function countRows(rows: EventRows) {
  return Object.values(rows).reduce((sum, list) => sum + list.length, 0);
}

/**
 * A log as the indexer keeps it: the node's answer with its block number and index parsed once, nothing else. viem's
 * getLogs formatter built a larger object per log (ten fields, every quantity converted) that the decoder threw away;
 * at 10,000 logs per range it was a fifth of the backfill's CPU. A viem `Log` of a mined block is one of these too.
 */
export type ChainLog = {
  address: string;
  topics: readonly Hex[];
  data: Hex;
  blockNumber: bigint;
  blockHash: Hex;
  logIndex: number;
  transactionHash: Hex;
};

/** A log as eth_getLogs returns it (quantities in hex); pending logs have null positions. */
export type RpcLog = {
  address?: unknown;
  topics?: unknown;
  data?: unknown;
  blockNumber?: unknown;
  blockHash?: unknown;
  logIndex?: unknown;
  transactionHash?: unknown;
};

/**
 * The logs of an eth_getLogs answer for blocks `fromBlock`..`toBlock`, parsed; rejects what a node must never return
 * for a finished range (not a list, pending logs, logs outside the range).
 */
export function toChainLogs(answer: unknown, fromBlock: bigint, toBlock: bigint): ChainLog[] {
  if (!Array.isArray(answer)) throw new MalformedRpcResponseError('eth_getLogs did not return a list');
  const logs: ChainLog[] = new Array(answer.length);
  // Consecutive logs share their block: its number is parsed once per run of them, and its hash is kept as one
  // string (the rows of a range read ahead hold it until their write: one copy per block, not per log).
  let lastHex: unknown;
  let lastNumber = 0n;
  let lastHash = '';
  for (let index = 0; index < answer.length; index++) {
    const raw = answer[index] as RpcLog | null;
    if (
      typeof raw?.blockNumber !== 'string' ||
      typeof raw.blockHash !== 'string' ||
      typeof raw.logIndex !== 'string' ||
      typeof raw.transactionHash !== 'string' ||
      typeof raw.address !== 'string' ||
      typeof raw.data !== 'string' ||
      !Array.isArray(raw.topics)
    ) {
      throw new MalformedRpcResponseError('eth_getLogs returned a log without its block, index or transaction');
    }
    if (raw.blockNumber !== lastHex) {
      lastNumber = BigInt(raw.blockNumber);
      lastHex = raw.blockNumber;
      if (lastNumber < fromBlock || lastNumber > toBlock) {
        throw new MalformedRpcResponseError(
          `eth_getLogs for blocks ${fromBlock}-${toBlock} returned a log of block ${lastNumber}`,
        );
      }
    }
    if (raw.blockHash !== lastHash) lastHash = raw.blockHash;
    const logIndex = Number(raw.logIndex);
    if (!Number.isSafeInteger(logIndex))
      throw new MalformedRpcResponseError('eth_getLogs returned a log without its index');
    logs[index] = {
      address: raw.address,
      topics: raw.topics as Hex[],
      data: raw.data as Hex,
      blockNumber: lastNumber,
      blockHash: lastHash as Hex,
      logIndex,
      transactionHash: raw.transactionHash as Hex,
    };
  }
  return logs;
}

/**
 * Decodes `logs` (sorted by block and log index) into rows. `blockTime` gives the timestamp of a block that has logs.
 * Returns the rows and the token/offering addresses first seen in these logs.
 */
export function decodeLogs(
  chainId: number,
  logs: readonly ChainLog[],
  known: KnownContracts,
  blockTime: (blockNumber: bigint) => Date,
) {
  const rows = emptyEventRows();
  const discovered: { token: Address; offering: Address; clusterId: bigint; blockNumber: bigint }[] = [];
  for (const raw of logs) {
    // The ERC-20 Transfer of a known token or of the stablecoin (nearly every log of a busy chain) is decoded here
    // straight into its row: going through the generic parser (a spread log, a where object, a spread row) cost more
    // per event than storing it.
    const topics = raw.topics;
    if (topics.length === 3 && topics[0] === TRANSFER && raw.data.length === 66) {
      const emitter = raw.address.toLowerCase();
      const token = known.tokens.get(emitter);
      if (token || emitter === known.stablecoin) {
        const blockNumber = raw.blockNumber;
        const from = topicAddress(topics[1]!);
        const to = topicAddress(topics[2]!);
        if (token) {
          rows.shareTransfers.push({
            chainId,
            blockNumber,
            blockHash: raw.blockHash,
            logIndex: raw.logIndex,
            transactionHash: raw.transactionHash,
            blockTime: blockTime(blockNumber),
            token: token.address,
            from,
            to,
            value: BigInt(raw.data),
          });
        } else if (isProtocolAddress(known, from, blockNumber) || isProtocolAddress(known, to, blockNumber)) {
          rows.stablecoinTransfers.push({
            chainId,
            blockNumber,
            blockHash: raw.blockHash,
            logIndex: raw.logIndex,
            transactionHash: raw.transactionHash,
            blockTime: blockTime(blockNumber),
            from,
            to,
            value: BigInt(raw.data),
          });
        }
        continue;
      }
    }
    const log = parseLog(raw);
    if (!log) continue;
    const where = {
      chainId,
      blockNumber: log.blockNumber!,
      blockHash: log.blockHash! as Hex,
      logIndex: log.logIndex!,
      transactionHash: log.transactionHash! as Hex,
      blockTime: blockTime(log.blockNumber!),
    };
    const emitter = log.address.toLowerCase();
    if (emitter === known.registry) {
      registryRows(log, where, rows);
    } else if (emitter === known.factory) {
      if (log.eventName === 'ClusterTokenized') {
        const { args } = log;
        rows.shareTokens.push({
          ...where,
          token: args.token,
          clusterId: args.clusterId,
          offering: args.offering,
          operator: args.operator,
          name: args.name,
          symbol: args.symbol,
          supply: args.supply,
        });
        rows.offerings.push({
          ...where,
          offering: args.offering,
          token: args.token,
          clusterId: args.clusterId,
          pricePerShare: args.pricePerShare,
          saleStart: seconds(args.start),
          saleEnd: seconds(args.end),
          softCap: args.softCap,
          perBuyerCap: args.perBuyerCap,
        });
        const token = getAddress(args.token);
        const offering = getAddress(args.offering);
        known.tokens.set(token.toLowerCase(), { clusterId: args.clusterId, address: token, since: log.blockNumber! });
        known.offerings.set(offering.toLowerCase(), { address: offering, since: log.blockNumber! });
        discovered.push({ token, offering, clusterId: args.clusterId, blockNumber: log.blockNumber! });
      }
    } else if (emitter === known.stablecoin) {
      if (
        log.eventName === 'Transfer' &&
        (isProtocolAddress(known, log.args.from, log.blockNumber!) ||
          isProtocolAddress(known, log.args.to, log.blockNumber!))
      ) {
        rows.stablecoinTransfers.push({ ...where, from: log.args.from, to: log.args.to, value: log.args.value });
      }
    } else if (known.tokens.has(emitter)) {
      const { address: token, clusterId } = known.tokens.get(emitter)!;
      tokenRows(log, where, rows, token, clusterId);
    } else if (known.offerings.has(emitter)) {
      const offering = known.offerings.get(emitter)!.address;
      offeringRows(log, where, rows, offering);
    } else if (emitter === known.market?.key) {
      marketRows(log, where, rows, known.market.address);
    }
  }
  return { rows, discovered };
}
