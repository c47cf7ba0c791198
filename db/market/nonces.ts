/**
 * The nonce a maker signs its next offer with. A nonce is single-use on chain (the market's per-maker bitmap: the
 * first fill or cancellation of an offer uses it), and the relay refuses a second live offer with one nonce, so the
 * next nonce is the first one at or above both the maker's minimum nonce and one past every nonce the relay stored
 * for the maker, that the chain has not used. Consecutive nonces keep a maker's used nonces in few bitmap words, which
 * keeps its fills cheap (docs/contracts.md, "Storage and gas").
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { shareMarketAbi } from '#contracts';
import { firstFreeNonce } from '#protocol/market';
import type { Database } from '../database';
import { marketOffers } from '../schema';
import type { MarketChain } from './fillability';

/** Bitmap words read at most per answer. */
export const MAX_BITMAP_WORDS = 8;

/**
 * The next free nonce of `maker`: from one past its stored offers (or its minimum nonce, when higher) to the first
 * the chain has not used (protocol/market.ts firstFreeNonce); null when none was found within MAX_BITMAP_WORDS reads.
 */
export async function nextNonce(deps: { db: Database; chain: MarketChain }, maker: Address): Promise<bigint | null> {
  const { db, chain } = deps;
  const [row] = await db
    .select({ highest: sql<string | null>`max(${marketOffers.nonce})` })
    .from(marketOffers)
    .where(and(eq(marketOffers.chainId, chain.chainId), eq(marketOffers.maker, maker)));
  // Uncached: viem reuses a block number for seconds, and a nonce used since must not be handed out.
  const blockNumber = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  const read = <T>(functionName: 'minNonce' | 'nonceBitmap', args: readonly unknown[]) =>
    chain.publicClient.readContract({
      address: chain.market,
      abi: shareMarketAbi,
      functionName,
      args,
      blockNumber,
    } as never) as Promise<T>;
  const minNonce = await read<bigint>('minNonce', [maker]);
  const afterStored = row?.highest == null ? 0n : BigInt(row.highest) + 1n;
  return firstFreeNonce(
    afterStored > minNonce ? afterStored : minNonce,
    (wordPos) => read<bigint>('nonceBitmap', [maker, wordPos]),
    MAX_BITMAP_WORDS,
  );
}
