/**
 * The makers whose side of an offer changed in a range without a mirrored event (review M2): a stablecoin Transfer to
 * an outsider is not mirrored and no Approval is, so a maker could drain its balance or revoke its allowance and keep
 * its offers in the book until the bounded round reached them. After each indexed range the upkeep reads, per asset a
 * live offer's maker gives (the stablecoin for Buy offers, the cluster's share token for Sell offers), the asset's
 * Transfer logs from those makers and Approval logs of those makers to the market — one `eth_getLogs` per asset and
 * chunk of at most MAKER_CHUNK makers, the topics filtered by the makers' addresses — and returns the makers seen.
 * Bounded: at most SCAN_GROUP_LIMIT (maker, asset) pairs per range and SCAN_MAX_BLOCKS blocks per read; a failed read
 * is logged and its blocks are read again with the next range (indexing never waits for it).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex, numberToHex, pad, toEventSelector } from 'viem';
import type { Database } from '../database';
import { marketOffers, shareTokens } from '../schema';
import type { MarketChain } from './fillability';
import { LIVE_STATUSES } from './offers';

/** Makers per `eth_getLogs` (topic filter of one position). */
export const MAKER_CHUNK = 100;
/** (maker, asset) pairs scanned per range; beyond it the bounded round re-checks the rest. */
export const SCAN_GROUP_LIMIT = 5_000;
/** The widest block span one read covers (a failed range carried to the next one grows at most to this). */
export const SCAN_MAX_BLOCKS = 10_000n;

const TRANSFER = toEventSelector('Transfer(address,address,uint256)');
const APPROVAL = toEventSelector('Approval(address,address,uint256)');

type RawLog = { topics: Hex[] };

/** The assets live offers' makers give, each with its makers (checksummed, as the relay stores them). */
async function makersByAsset(db: Database, chain: MarketChain, log?: Logger) {
  const groups = await db
    .selectDistinct({ maker: marketOffers.maker, side: marketOffers.side, clusterId: marketOffers.clusterId })
    .from(marketOffers)
    .where(and(eq(marketOffers.chainId, chain.chainId), inArray(marketOffers.status, [...LIVE_STATUSES])))
    .limit(SCAN_GROUP_LIMIT + 1);
  if (groups.length > SCAN_GROUP_LIMIT) {
    log?.warn(
      { limit: SCAN_GROUP_LIMIT },
      'market upkeep: more live makers than one range scans; the round checks the rest',
    );
    groups.length = SCAN_GROUP_LIMIT;
  }
  const sellClusters = [...new Set(groups.filter((g) => g.side === 0).map((g) => g.clusterId))];
  const tokens = sellClusters.length
    ? await db
        .select({ clusterId: shareTokens.clusterId, token: shareTokens.token })
        .from(shareTokens)
        .where(and(eq(shareTokens.chainId, chain.chainId), inArray(shareTokens.clusterId, sellClusters)))
    : [];
  const tokenOf = new Map(tokens.map((row) => [row.clusterId, getAddress(row.token)]));
  const byAsset = new Map<Address, Set<Address>>();
  for (const group of groups) {
    const asset = group.side === 1 ? getAddress(chain.stablecoin) : tokenOf.get(group.clusterId);
    if (!asset) continue;
    const makers = byAsset.get(asset) ?? new Set<Address>();
    byAsset.set(asset, makers.add(getAddress(group.maker)));
  }
  return byAsset;
}

/** The makers among `makers` that moved `asset` out or set its allowance to the market in [from, to]. */
async function makersMoving(chain: MarketChain, asset: Address, makers: readonly Address[], from: bigint, to: bigint) {
  const market = pad(chain.market.toLowerCase() as Hex);
  const seen = new Set<Address>();
  for (let at = 0; at < makers.length; at += MAKER_CHUNK) {
    const chunk = makers.slice(at, at + MAKER_CHUNK).map((maker) => pad(maker.toLowerCase() as Hex));
    const logs = (await chain.publicClient.request({
      method: 'eth_getLogs',
      params: [
        {
          address: asset,
          fromBlock: numberToHex(from),
          toBlock: numberToHex(to),
          topics: [[TRANSFER, APPROVAL], chunk],
        },
      ],
    } as never)) as RawLog[];
    for (const { topics } of logs) {
      const [topic0, owner, other] = topics;
      if (!owner || (topic0 === APPROVAL && other?.toLowerCase() !== market)) continue;
      seen.add(getAddress(`0x${owner.slice(26)}`));
    }
  }
  return seen;
}

/** A scanner that remembers the first block a failed read left unread and reads it with the next range. */
export function createMakerLogScanner(deps: { db: Database; chain: MarketChain; log?: Logger }) {
  const { db, chain, log } = deps;
  let unreadFrom: bigint | null = null;
  return async function scan(range: { from: bigint; to: bigint }): Promise<Address[]> {
    let from = unreadFrom !== null && unreadFrom < range.from ? unreadFrom : range.from;
    if (range.to - from + 1n > SCAN_MAX_BLOCKS) {
      log?.warn({ from, to: range.to }, 'market upkeep: maker log scan span capped; the round checks older changes');
      from = range.to - SCAN_MAX_BLOCKS + 1n;
    }
    try {
      const byAsset = await makersByAsset(db, chain, log);
      const seen = new Set<Address>();
      for (const [asset, makers] of byAsset) {
        for (const maker of await makersMoving(chain, asset, [...makers], from, range.to)) seen.add(maker);
      }
      unreadFrom = null;
      return [...seen];
    } catch (error) {
      log?.warn({ err: error, from, to: range.to }, 'market upkeep: maker log scan failed; read again next range');
      unreadFrom = from;
      return [];
    }
  };
}
