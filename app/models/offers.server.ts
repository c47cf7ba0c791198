/**
 * The off-chain offers of the secondary market through the app: relaying a signed offer (db/market/relay.ts: every
 * check, nothing stored on a refusal) and a maker's offers. The market is the deployment record's `contracts.market`.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, desc, eq } from 'drizzle-orm';
import { type Address, getAddress } from 'viem';
import type { MarketChain } from '#db/market/fillability';
import { nextNonce } from '#db/market/nonces';
import { offerView } from '#db/market/offers';
import { type RelayResult, relayOffer as relay } from '#db/market/relay';
import type { OfferView } from '#db/market/types';
import { marketOffers } from '#db/schema';

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

/** The most offers a maker's list shows: the live ones (at most 50) and the latest dead ones. */
export const MAKER_OFFERS_LIMIT = 200;

/** The market of this deployment, or null for a deployment record made before the market existed. */
export function marketChainOf(context: Context): MarketChain | null {
  const { contracts } = context.chain.deployment;
  if (!contracts.market) return null;
  return {
    publicClient: context.chain.publicClient,
    chainId: context.chain.chainId,
    market: getAddress(contracts.market),
    stablecoin: getAddress(contracts.stablecoin),
  };
}

export async function relayOffer(context: Context, body: unknown): Promise<RelayResult> {
  const chain = marketChainOf(context);
  if (!chain) {
    return {
      ok: false,
      status: 422,
      error: { code: 'market_unavailable', reason: 'market_unavailable', message: 'This deployment has no market.' },
    };
  }
  // The relay reads what it has just stored (a sibling's nonce, the maker's live offers): the primary, never a replica.
  return relay({ db: context.db.$primary, chain }, body);
}

/**
 * The maker's offers on this chain, newest first (live and recently dead), at most MAKER_OFFERS_LIMIT: from the
 * primary, so an offer the maker has just relayed is in the list.
 */
export async function listOffersByMaker(context: Context, maker: Address): Promise<OfferView[]> {
  const rows = await context.db.$primary
    .select()
    .from(marketOffers)
    .where(and(eq(marketOffers.chainId, context.chain.chainId), eq(marketOffers.maker, getAddress(maker))))
    .orderBy(desc(marketOffers.createdAt))
    .limit(MAKER_OFFERS_LIMIT);
  return rows.map(offerView);
}

/**
 * The nonce the maker's next offer should carry (db/market/nonces.ts), or null without a market, when no free nonce
 * was found, or when the chain could not be read (the maker's list still answers from the database).
 */
export async function nextNonceOf(context: Context & Pick<AppLoadContext, 'log'>, maker: Address) {
  const chain = marketChainOf(context);
  if (!chain) return null;
  // From the primary: a replica that has not seen the maker's last offer would hand out its nonce again.
  return nextNonce({ db: context.db.$primary, chain }, getAddress(maker)).catch((error: unknown) => {
    context.log.warn({ err: error, maker }, 'next nonce unavailable');
    return null;
  });
}
