/**
 * The relay's price band (db/market/relay.ts): an offer's price must lie within PRICE_BAND× of the cluster's
 * primary-sale price per whole share either way, read from the mirror's Offering terms, else from the chain's.
 */
import { and, eq } from 'drizzle-orm';
import { type Address, zeroAddress } from 'viem';
import { offeringAbi, rackshareFactoryAbi, shareMarketAbi } from '#contracts';
import type { Offer } from '#protocol/market';
import type { Database } from '../database';
import { offerings } from '../schema';
import { OfferRefusal } from './errors';
import type { MarketChain } from './fillability';

/** How far (×) from the primary-sale price an offer's price may be, either way. */
export const PRICE_BAND = 100n;

const refuse = (...args: ConstructorParameters<typeof OfferRefusal>) => new OfferRefusal(...args);

/**
 * The price band: within [1/PRICE_BAND×, PRICE_BAND×] the cluster's primary-sale price per whole share (the mirror's
 * Offering terms), so an offer slot cannot be held by a dust amount at a price no one will ever take.
 */
export async function checkPriceBand(db: Database, chain: MarketChain, offer: Offer, blockNumber: bigint) {
  const [mirrored] = await db
    .select({ price: offerings.pricePerShare })
    .from(offerings)
    .where(and(eq(offerings.chainId, chain.chainId), eq(offerings.clusterId, offer.clusterId)))
    .limit(1);
  // The mirror may not have caught up with a fresh tokenization (a stack starting): the chain's Offering terms then.
  const sale = mirrored ?? (await primarySaleOnChain(chain, offer.clusterId, blockNumber));
  if (!sale) {
    throw refuse(422, 'price_unknown', 'price_unknown', "The cluster's primary-sale price is not known.");
  }
  if (offer.price * PRICE_BAND < sale.price || offer.price > sale.price * PRICE_BAND) {
    throw refuse(
      422,
      'price_out_of_band',
      'price_out_of_band',
      `The price must be within ${PRICE_BAND}× of the primary-sale price (${sale.price} per share) either way.`,
    );
  }
}

/** The Offering terms' price per share of `clusterId` at the head (market → factory → offering), or null. */
async function primarySaleOnChain(chain: MarketChain, clusterId: bigint, blockNumber: bigint) {
  const read = chain.publicClient.readContract as (args: unknown) => Promise<unknown>;
  try {
    const factory = (await read({
      address: chain.market,
      abi: shareMarketAbi,
      functionName: 'factory',
      blockNumber,
    })) as Address;
    const offering = (await read({
      address: factory,
      abi: rackshareFactoryAbi,
      functionName: 'offeringOf',
      args: [clusterId],
      blockNumber,
    })) as Address;
    if (offering === zeroAddress) return null;
    const terms = (await read({ address: offering, abi: offeringAbi, functionName: 'terms', blockNumber })) as {
      pricePerShare: bigint;
    };
    return { price: BigInt(terms.pricePerShare) };
  } catch {
    return null;
  }
}
