/**
 * Reads one block range of the protocol's logs and checks the answer against the chain's headers before any of it can
 * be written (review M-5: a load-balanced RPC may answer eth_getLogs from one backend and the headers from another,
 * and a short reorg may land in the middle of a range).
 *
 * - Every block that carries a log has its header fetched (its timestamp is needed anyway), and each log's blockHash
 *   must be that header's hash.
 * - Every block above the last finalized one (near the head, where backends disagree and reorgs happen) has its
 *   header fetched: the headers must form one chain, and each header's logsBloom is held against the answer. A block
 *   whose bloom may hold a followed address (or a stablecoin transfer touching the protocol) while the answer has no
 *   log of it there is read again by its hash; a log found then means the answer was incomplete.
 * - Finalized blocks cannot change, so a backfill far behind the head fetches no other header: checking the bloom of
 *   every block of a 2,000-block range would cost 2,000 requests per range for blocks no reorg can touch.
 * Any disagreement throws ChainMovedError (retryable): nothing of the range is written, and it is read again.
 *
 * Stablecoin transfers are fetched only when they come from or go to a protocol contract (review M-7: on a real
 * stablecoin the chain's every transfer would otherwise be mirrored), with topic filters. RPCs cap OR-lists, so the
 * contracts are named MAX_TOPIC_ADDRESSES at a time, in several eth_getLogs per range: fetching every transfer past
 * the cap instead would bring M-7 back at ~250 clusters. The followed addresses are split the same way. Near the head
 * they are asked beside the followed logs, over the whole range. In a finalized range the headers the checks need come
 * first, and the stablecoin is asked over one span: from the first to the last block that has no header at hand or
 * whose logsBloom may hold such a transfer (see stablecoinSpan). Where the protocol logs in nearly every block and the
 * stablecoin is quiet (the bench's chain), that is seldom any block; where the stablecoin is busy or the protocol
 * sparse, it is nearly the whole range, one round trip later, which the read-ahead hides. A bloom is believed only if
 * it holds the emitter of every log the answer has in its block (a zeroed bloom, as some RPCs serve, is not), and not
 * at all on chains whose blooms leave logs out (bloom-gate.ts).
 */
import {
  type Address,
  createPublicClient,
  type Hex,
  http,
  type PublicClient,
  pad,
  parseAbiItem,
  toEventSelector,
  toHex,
} from 'viem';
import { bloomBytes, bloomMayContain } from './bloom';
import { BLOOMS_LEAVE_LOGS_OUT, createBloomTests } from './bloom-gate';
import { type ChainLog, decodeLogs, type KnownContracts, toChainLogs } from './decode';
import { ChainMovedError, MalformedRpcResponseError } from './errors';

/** `market` (the ShareMarket) is absent from deployment records made before it existed. */
export type IndexerContracts = { clusterRegistry: Address; factory: Address; stablecoin: Address; market?: Address };

export type Header = { number: bigint; hash: Hex; parentHash: Hex; timestamp: bigint; logsBloom: Hex | null };

const transferEvent = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');
const TRANSFER_TOPIC = toEventSelector(transferEvent);
/** Protocol contracts named in one address or topic OR-list at most (providers refuse longer lists). */
export const MAX_TOPIC_ADDRESSES = 500;
/** A logsBloom as the checks read it: 256 bytes in hex. Anything else (`0x`, as some chains serve) counts as none. */
const LOGS_BLOOM = /^0x[0-9a-fA-F]{512}$/;
/** By-hash log requests in flight at once. */
const CONCURRENCY = 20;
/** Headers asked for in one JSON-RPC batch (one HTTP request); a range's batches go out together. */
const HEADER_BATCH = 100;

type Where = { fromBlock: bigint; toBlock: bigint } | { blockHash: Hex; blockNumber: bigint };

/** The contracts whose every log is followed: registry, factory, the market, known share tokens and offerings. */
function followedAddresses(known: KnownContracts): Address[] {
  return [
    known.registry as Address,
    known.factory as Address,
    ...(known.market ? [known.market.address] : []),
    ...[...known.tokens.values()].map((token) => token.address),
    ...[...known.offerings.values()].map((offering) => offering.address),
  ];
}

const byPosition = (a: ChainLog, b: ChainLog) =>
  a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;

/** Sorted by block and log index, each log once (a transfer between two protocol contracts matches both filters). */
function sortUnique(logs: ChainLog[]) {
  logs.sort(byPosition);
  return logs.filter((log, index) => index === 0 || byPosition(logs[index - 1]!, log) !== 0);
}

const positionKey = (log: ChainLog) => `${log.blockNumber}:${log.logIndex}`;

/** What viem's http transport keeps on the client (`client.transport`): its URL and request settings. */
type HttpTransportSettings = {
  type?: string;
  url?: string;
  fetchOptions?: RequestInit;
  timeout?: number;
  retryCount?: number;
  retryDelay?: number;
};

/**
 * A client that sends the requests made in one tick as JSON-RPC batches, on the public client's own URL and request
 * settings (viem's retries and errors, as every other read). A range with logs in 100 blocks needs 100 headers: one
 * HTTP request each cost more of the backfill's CPU than decoding and storing the logs. Any other transport (a test's
 * `custom`, a fallback) is used as it is, one request per header.
 */
function batchingClient(publicClient: PublicClient): Pick<PublicClient, 'request'> {
  const settings = publicClient.transport as HttpTransportSettings;
  if (settings.type !== 'http' || !settings.url) return publicClient;
  return createPublicClient({
    transport: http(settings.url, {
      batch: { batchSize: HEADER_BATCH },
      fetchOptions: settings.fetchOptions,
      timeout: settings.timeout,
      retryCount: settings.retryCount,
      retryDelay: settings.retryDelay,
    }),
  });
}

/** A header as eth_getBlockByNumber returns it (quantities in hex). */
type RpcHeader = { number?: unknown; hash?: unknown; parentHash?: unknown; timestamp?: unknown; logsBloom?: unknown };

/**
 * `run` over `items`, CONCURRENCY at a time, results in the order of `items`. A pool, not waves: a wave waits for its
 * slowest request before the next starts, and a range's 100 header reads took five such round trips.
 */
async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After a failure the answer is thrown away: no new requests for it.
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await run(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/** `items` in consecutive slices of at most `size`. */
function chunks<T>(items: T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) slices.push(items.slice(start, start + size));
  return slices;
}

export function createRangeReader(options: {
  publicClient: PublicClient;
  chainId: number;
  contracts: IndexerContracts;
  /** Addresses per OR-list (default MAX_TOPIC_ADDRESSES); lower only to exercise the batching in tests. */
  maxTopicAddresses?: number;
}) {
  const { publicClient, chainId, contracts } = options;
  const batchSize = options.maxTopicAddresses ?? MAX_TOPIC_ADDRESSES;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('maxTopicAddresses must be a positive integer');
  const stablecoin = contracts.stablecoin.toLowerCase();
  const { bitsOf, mayHoldProtocolTransfer, stablecoinSpan } = createBloomTests(contracts.stablecoin);

  const batching = batchingClient(publicClient);

  /** The header of block `blockNumber`, checked to be that block's (a viem-formatted block is not needed). */
  async function getBlock(blockNumber: bigint): Promise<Header> {
    const block = (await batching.request({
      method: 'eth_getBlockByNumber',
      params: [toHex(blockNumber), false],
    })) as RpcHeader | null;
    if (
      typeof block?.hash !== 'string' ||
      typeof block.parentHash !== 'string' ||
      typeof block.number !== 'string' ||
      typeof block.timestamp !== 'string' ||
      BigInt(block.number) !== blockNumber
    ) {
      throw new MalformedRpcResponseError(`eth_getBlockByNumber(${blockNumber}) returned no usable block`);
    }
    return {
      number: blockNumber,
      hash: block.hash as Hex,
      parentHash: block.parentHash as Hex,
      timestamp: BigInt(block.timestamp),
      logsBloom:
        typeof block.logsBloom === 'string' && LOGS_BLOOM.test(block.logsBloom) ? (block.logsBloom as Hex) : null,
    };
  }

  /**
   * The logs `filter` selects in `where`, straight from the node's JSON (see ChainLog): through the public client's
   * own request path (its retries and errors), without viem's per-log formatter.
   */
  async function getLogs(filter: { address?: Address[]; topics?: (Hex | Hex[] | null)[] }, where: Where) {
    const blocks =
      'blockHash' in where
        ? { blockHash: where.blockHash }
        : { fromBlock: toHex(where.fromBlock), toBlock: toHex(where.toBlock) };
    const answer = await publicClient.request({ method: 'eth_getLogs', params: [{ ...filter, ...blocks }] });
    if ('blockHash' in where) {
      const logs = toChainLogs(answer, where.blockNumber, where.blockNumber);
      if (logs.some((log) => log.blockHash !== where.blockHash)) {
        throw new MalformedRpcResponseError(
          `eth_getLogs for block hash ${where.blockHash} returned another block's log`,
        );
      }
      return logs;
    }
    return toChainLogs(answer, where.fromBlock, where.toBlock);
  }

  /** The logs of `followed` and the stablecoin transfers from or to `protocol`, sorted. */
  async function fetchLogs(where: Where, followed: Address[], protocol: Address[]) {
    const filters: { address: Address[]; topics?: (Hex | Hex[] | null)[] }[] = chunks(followed, batchSize).map(
      (address) => ({ address }),
    );
    // The stablecoin's Transfer(from, to) with `from` (then `to`) one of the batch: the topics viem's getLogs built.
    for (const batch of chunks(protocol, batchSize)) {
      const padded = batch.map((address) => pad(address.toLowerCase() as Hex));
      filters.push(
        { address: [contracts.stablecoin], topics: [TRANSFER_TOPIC, padded] },
        { address: [contracts.stablecoin], topics: [TRANSFER_TOPIC, null, padded] },
      );
    }
    return sortUnique((await inBatches(filters, (filter) => getLogs(filter, where))).flat());
  }

  /**
   * Reads blocks `from`..`to`: their logs (those of tokens and offerings created in the range included), checked
   * against the headers as the module comment says, and decoded. `finalized` is the last block that cannot change.
   */
  async function readRange(from: bigint, to: bigint, knownBefore: KnownContracts, finalized: bigint) {
    const followedBefore = followedAddresses(knownBefore);
    // The range's first block that may still change (above `to` when all of it is final): from there on every header
    // is fetched and held against the answer.
    const firstUnfinalized = finalized >= from ? finalized + 1n : from;
    const headers = new Map<bigint, Header>();
    const [first, last, found] = await Promise.all([
      getBlock(from),
      getBlock(to),
      logsWithTransfers(from, to, followedBefore, [], headers, firstUnfinalized),
    ]);
    // The first and last headers join the others unless already there: the header a bloom was believed from stays the
    // one every log of its block is held against, and it must be the block the caller checks the cursor against.
    for (const header of [first, last]) {
      const known = headers.get(header.number);
      if (!known) headers.set(header.number, header);
      else if (known.hash !== header.hash) {
        throw new ChainMovedError(`two answers for block ${header.number} name different hashes`);
      }
    }
    let logs = found;
    // Tokens and offerings created in this range emit logs in it too: fetch theirs from their creation block on.
    const next = { ...knownBefore, tokens: new Map(knownBefore.tokens), offerings: new Map(knownBefore.offerings) };
    const factoryLogs = logs.filter((entry) => entry.address.toLowerCase() === next.factory);
    const { discovered } = decodeLogs(chainId, factoryLogs, next, () => new Date(0));
    let since = to;
    for (const entry of discovered) if (entry.blockNumber < since) since = entry.blockNumber;
    if (discovered.length > 0) {
      const added = discovered.flatMap((entry) => [entry.token, entry.offering]);
      logs = sortUnique([...logs, ...(await logsWithTransfers(since, to, added, logs, headers, firstUnfinalized))]);
    }
    // What was asked for block n: the contracts known before the range and those created up to n (from `since`).
    const followedAt = (blockNumber: bigint) =>
      discovered.length === 0 || blockNumber < since
        ? followedBefore
        : [
            ...followedBefore,
            ...discovered.filter((entry) => entry.blockNumber <= blockNumber).flatMap((e) => [e.token, e.offering]),
          ];
    await checkAgainstHeaders(from, to, logs, headers, firstUnfinalized, followedAt);
    // `next` already knows this range's new tokens: their mint precedes the ClusterTokenized log in the same block.
    // One Date per block, shared by its rows (the store maps each distinct value to the driver once).
    const times = new Map<bigint, Date>();
    const blockTime = (block: bigint) => {
      let time = times.get(block);
      if (!time) {
        time = new Date(Number(headers.get(block)!.timestamp) * 1000);
        times.set(block, time);
      }
      return time;
    };
    const { rows } = decodeLogs(chainId, logs, next, blockTime);
    // The count, not the logs: a range read ahead waits for its write holding only its rows, and the node's JSON
    // (every log's topics and data) is left to the young generation instead of being promoted with them.
    return { from, to, first, last, logCount: logs.length, rows, next };
  }

  /**
   * The logs of `followed` in `from`..`to` and the stablecoin transfers from or to them. Near the head (a block of the
   * range may still change) or where blooms leave logs out, both at once over the whole range. In a finalized range,
   * the headers the checks need first (into `headers`), then the stablecoin over stablecoinSpan's span only; `held`
   * are logs of the range already read, whose emitters vouch for their blocks' blooms too.
   */
  async function logsWithTransfers(
    from: bigint,
    to: bigint,
    followed: Address[],
    held: ChainLog[],
    headers: Map<bigint, Header>,
    firstUnfinalized: bigint,
  ) {
    const where = { fromBlock: from, toBlock: to };
    if (firstUnfinalized <= to || BLOOMS_LEAVE_LOGS_OUT.has(chainId)) return fetchLogs(where, followed, followed);
    const logs = await fetchLogs(where, followed, []);
    await fetchHeaders(headers, blocksNeedingHeaders(logs, firstUnfinalized, to));
    const span = stablecoinSpan(from, to, headers, followed, [...held, ...logs]);
    return span ? sortUnique([...logs, ...(await fetchLogs(span, [], followed))]) : logs;
  }

  /** Every block with a log, and every block from `firstUnfinalized` to `to`: those the checks need the header of. */
  function blocksNeedingHeaders(logs: ChainLog[], firstUnfinalized: bigint, to: bigint) {
    const blocks = new Set(logs.map((log) => log.blockNumber));
    for (let block = firstUnfinalized; block <= to; block++) blocks.add(block);
    return blocks;
  }

  /** Adds the headers of `blocks` that `headers` lacks, all at once (JSON-RPC batches of HEADER_BATCH). */
  async function fetchHeaders(headers: Map<bigint, Header>, blocks: Set<bigint>) {
    const missing = [...blocks].filter((block) => !headers.has(block));
    for (const header of await Promise.all(missing.map(getBlock))) headers.set(header.number, header);
  }

  /**
   * Holds `logs` against the headers: the unfinalized blocks form one chain, every log names its block's hash, and the
   * blooms of unfinalized blocks announce no log the answer lacks. The headers not yet in `headers` (the blocks of
   * stablecoin transfers found where none was at hand) are fetched into it first.
   */
  async function checkAgainstHeaders(
    from: bigint,
    to: bigint,
    logs: ChainLog[],
    headers: Map<bigint, Header>,
    firstUnfinalized: bigint,
    followedAt: (blockNumber: bigint) => Address[],
  ) {
    await fetchHeaders(headers, blocksNeedingHeaders(logs, firstUnfinalized, to));
    for (let block = firstUnfinalized + 1n; block <= to; block++) {
      if (headers.get(block)!.parentHash !== headers.get(block - 1n)!.hash) {
        throw new ChainMovedError(`the headers of blocks ${block - 1n} and ${block} are not of one chain`);
      }
    }
    for (const log of logs) {
      const header = headers.get(log.blockNumber)!;
      if (log.blockHash !== header.hash) {
        throw new ChainMovedError(
          `a log of block ${log.blockNumber} names block hash ${log.blockHash}, the header says ${header.hash}`,
        );
      }
    }
    if (firstUnfinalized <= to) await checkBlooms(from, to, firstUnfinalized, headers, logs, followedAt);
  }

  /** Reads again, by hash, each unfinalized block whose bloom may hold a log the answer does not have. */
  async function checkBlooms(
    from: bigint,
    to: bigint,
    firstUnfinalized: bigint,
    headers: Map<bigint, Header>,
    logs: ChainLog[],
    followedAt: (blockNumber: bigint) => Address[],
  ) {
    const emitters = new Map<bigint, Set<string>>();
    for (const log of logs) {
      const set = emitters.get(log.blockNumber) ?? new Set<string>();
      set.add(log.address.toLowerCase());
      emitters.set(log.blockNumber, set);
    }
    const suspicious: Header[] = [];
    for (let block = firstUnfinalized; block <= to; block++) {
      const header = headers.get(block)!;
      if (!header.logsBloom) throw new MalformedRpcResponseError(`the header of block ${block} has no logsBloom`);
      const bloom = bloomBytes(header.logsBloom);
      const seen = emitters.get(block);
      const followed = followedAt(block);
      const missed =
        followed.some((address) => !seen?.has(address.toLowerCase()) && bloomMayContain(bloom, bitsOf(address))) ||
        (!seen?.has(stablecoin) && mayHoldProtocolTransfer(bloom, followed));
      if (missed) suspicious.push(header);
    }
    if (suspicious.length === 0) return;
    const ours = new Set(logs.map(positionKey));
    await inBatches(suspicious, async (header) => {
      const followed = followedAt(header.number);
      const again = await fetchLogs({ blockHash: header.hash, blockNumber: header.number }, followed, followed);
      if (again.some((log) => !ours.has(positionKey(log)))) {
        throw new ChainMovedError(
          `eth_getLogs for blocks ${from}-${to} left out logs of block ${header.number} that its logsBloom announces`,
        );
      }
    });
  }

  return { getBlock, readRange };
}

export type RangeRead = Awaited<ReturnType<ReturnType<typeof createRangeReader>['readRange']>>;
