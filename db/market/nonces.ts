/**
 * The nonce a maker signs its next offer with. A nonce is single-use on chain (the market's per-maker bitmap: the
 * first fill or cancellation of an offer uses it), and the relay refuses a second live offer with one nonce, so the
 * next nonce is the first one at or above both the maker's minimum nonce and one past every nonce the relay stored
 * for the maker, that the chain has not used. Consecutive nonces keep a maker's fills in one bitmap word: from the
 * second offer of a word on, a fill sets a bit in a word already written (5,000 gas, not 22,100).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { shareMarketAbi } from '#contracts';
import type { Database } from '../database';
import { marketOffers } from '../schema';
import type { MarketChain } from './fillability';

/** Bitmap words read before giving up on finding a free bit (each holds 256 nonces). */
export const MAX_BITMAP_WORDS = 4;

const WORD_BITS = 256n;

/** The lowest clear bit of `word` at or above `from` (0..255), or null. */
export function firstClearBit(word: bigint, from: bigint): bigint | null {
  for (let bit = from; bit < WORD_BITS; bit += 1n) {
    if (((word >> bit) & 1n) === 0n) return bit;
  }
  return null;
}

export async function nextNonce(deps: { db: Database; chain: MarketChain }, maker: Address): Promise<bigint> {
  const { db, chain } = deps;
  const [row] = await db
    .select({ highest: sql<string | null>`max(${marketOffers.nonce})` })
    .from(marketOffers)
    .where(and(eq(marketOffers.chainId, chain.chainId), eq(marketOffers.maker, maker)));
  // Uncached: viem reuses a block number for seconds, and a nonce used since must not be handed out.
  const block = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  const read = <T>(functionName: 'minNonce' | 'nonceBitmap', args: readonly unknown[]) =>
    chain.publicClient.readContract({
      address: chain.market,
      abi: shareMarketAbi,
      functionName,
      args,
      blockNumber: block,
    } as never) as Promise<T>;
  const minNonce = await read<bigint>('minNonce', [maker]);
  const afterStored = row?.highest == null ? 0n : BigInt(row.highest) + 1n;
  let nonce = afterStored > minNonce ? afterStored : minNonce;
  for (let words = 0; words < MAX_BITMAP_WORDS; words += 1) {
    const wordPos = nonce / WORD_BITS;
    const bit = firstClearBit(await read<bigint>('nonceBitmap', [maker, wordPos]), nonce % WORD_BITS);
    if (bit !== null) return wordPos * WORD_BITS + bit;
    nonce = (wordPos + 1n) * WORD_BITS;
  }
  // Every nonce of MAX_BITMAP_WORDS words used (offers signed elsewhere): the next word's first is as good as any.
  return nonce;
}
