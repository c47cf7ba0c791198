/**
 * Whether signed offers can be filled at the chain's head, read from the chain itself (one block for all reads): the
 * market's own state of each offer (filled, cancelled, nonce-cancelled, expiry by chain time), the share token's rules
 * the fill would meet (tokenized, either pause, a frozen maker, a Buy maker the allowlist does not verify), and the
 * maker's balance and allowance to the market, allotted across the maker's offers of the same asset in book order
 * (best price first, then oldest): an offer is fillable only if what is left after the offers ahead of it covers its
 * whole remainder. The relay checks a new offer with the maker's open ones; the upkeep re-checks stored ones.
 * A valid, unexpired maker permit counts as allowance up to its value (the permit's nonce is checked by the relay).
 */
import { type Address, erc20Abi, type Hex, type PublicClient, zeroAddress } from 'viem';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import { fillCost, type Offer } from '#protocol/market';
import { type OfferErrorCode, TOKEN_REASONS } from './errors';

export type MarketChain = {
  publicClient: PublicClient;
  chainId: number;
  market: Address;
  stablecoin: Address;
};

export type Candidate = Offer & {
  offerHash: Hex;
  createdAt: Date;
  permit?: { value: bigint; deadline: bigint } | null;
};

export type Verdict = {
  status: 'open' | 'unfillable' | 'filled' | 'cancelled' | 'expired';
  code: OfferErrorCode | null;
  reason: string | null;
  filled: bigint;
};

export type Head = { number: bigint; timestamp: bigint };

/** The chain's head: the block every check reads at, and the chain time expiries are judged by. */
export async function readHead(chain: MarketChain): Promise<Head> {
  const block = await chain.publicClient.getBlock({ blockTag: 'latest' });
  return { number: block.number!, timestamp: block.timestamp };
}

/** The remainder of an offer; a remainder whose cost rounds to 0 is dust and counts as filled (the market refuses it). */
export function liveRemainder(offer: Offer, filled: bigint): bigint {
  const remaining = offer.amount > filled ? offer.amount - filled : 0n;
  return remaining > 0n && fillCost(offer, remaining) > 0n ? remaining : 0n;
}

/** Book order within one side: Sell ascending price, Buy descending, then oldest first, then by hash. */
export function bookOrder(a: Candidate, b: Candidate): number {
  if (a.price !== b.price) return (a.side === 0 ? a.price < b.price : a.price > b.price) ? -1 : 1;
  if (a.createdAt.getTime() !== b.createdAt.getTime()) return a.createdAt.getTime() - b.createdAt.getTime();
  return a.offerHash < b.offerHash ? -1 : 1;
}

const unfillable = (code: OfferErrorCode, reason: string, filled: bigint): Verdict => ({
  status: 'unfillable',
  code,
  reason,
  filled,
});

/**
 * The verdict on each candidate at `head` (at most a few hundred per call: every distinct read is one eth_call).
 * Candidates of one maker and asset are allotted together, so pass all of a maker's open offers of that asset.
 */
export async function assessOffers(
  chain: MarketChain,
  candidates: readonly Candidate[],
  head: Head,
): Promise<Map<Hex, Verdict>> {
  const { publicClient, market, stablecoin } = chain;
  const blockNumber = head.number;
  const cache = new Map<string, Promise<unknown>>();
  const read = <T>(key: string, call: () => Promise<T>): Promise<T> => {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = call();
      cache.set(key, hit);
    }
    return hit;
  };
  const marketRead = <T>(functionName: string, args: readonly unknown[]) =>
    read(`m:${functionName}:${args.join(',')}`, () =>
      publicClient.readContract({ address: market, abi: shareMarketAbi, functionName, args, blockNumber } as never),
    ) as Promise<T>;
  const tokenRead = <T>(token: Address, functionName: string, args: readonly unknown[] = []) =>
    read(`t:${token}:${functionName}:${args.join(',')}`, () =>
      publicClient.readContract({ address: token, abi: shareTokenAbi, functionName, args, blockNumber } as never),
    ) as Promise<T>;
  const erc20Read = <T>(asset: Address, functionName: 'balanceOf' | 'allowance', args: readonly Address[]) =>
    read(`e:${asset}:${functionName}:${args.join(',')}`, () =>
      publicClient.readContract({ address: asset, abi: erc20Abi, functionName, args, blockNumber } as never),
    ) as Promise<T>;
  const tokenOf = (clusterId: bigint) =>
    marketRead<Address>('tokenOf', [clusterId]).catch(() => zeroAddress as Address);

  const verdicts = new Map<Hex, Verdict>();
  /** Offers that passed every rule but the allotment, with the asset they spend and what they need of it. */
  const allotted: { candidate: Candidate; asset: Address; need: bigint; filled: bigint }[] = [];
  await Promise.all(
    candidates.map(async (offer) => {
      const [filled, cancelled, minNonce] = await Promise.all([
        marketRead<bigint>('filled', [offer.offerHash]),
        marketRead<boolean>('cancelled', [offer.offerHash]),
        marketRead<bigint>('minNonce', [offer.maker]),
      ]);
      if (offer.expiry <= head.timestamp) {
        verdicts.set(offer.offerHash, { status: 'expired', code: 'offer_expired', reason: 'OfferExpired', filled });
        return;
      }
      if (cancelled || offer.nonce < minNonce) {
        verdicts.set(offer.offerHash, {
          status: 'cancelled',
          code: cancelled ? 'offer_cancelled' : 'nonce_cancelled',
          reason: cancelled ? 'OfferIsCancelled' : 'NonceCancelled',
          filled,
        });
        return;
      }
      const remaining = liveRemainder(offer, filled);
      if (remaining === 0n) {
        verdicts.set(offer.offerHash, {
          status: 'filled',
          code: 'offer_filled',
          reason: 'FillExceedsRemaining',
          filled,
        });
        return;
      }
      const token = await tokenOf(offer.clusterId);
      if (token === zeroAddress) {
        verdicts.set(offer.offerHash, unfillable('not_tokenized', 'NotTokenized', filled));
        return;
      }
      const [paused, frozen] = await Promise.all([
        tokenRead<boolean>(token, 'paused'),
        tokenRead<boolean>(token, 'isFrozen', [offer.maker]),
      ]);
      if (paused) {
        verdicts.set(offer.offerHash, unfillable('token_paused', TOKEN_REASONS.token_paused, filled));
        return;
      }
      if (frozen) {
        verdicts.set(offer.offerHash, unfillable('maker_frozen', TOKEN_REASONS.maker_frozen, filled));
        return;
      }
      if (offer.side === 1 && (await tokenRead<boolean>(token, 'allowlistEnabled'))) {
        if (!(await tokenRead<boolean>(token, 'isVerified', [offer.maker]))) {
          verdicts.set(offer.offerHash, unfillable('maker_not_verified', TOKEN_REASONS.maker_not_verified, filled));
          return;
        }
      }
      const asset = offer.side === 0 ? token : stablecoin;
      allotted.push({
        candidate: offer,
        asset,
        need: offer.side === 0 ? remaining : fillCost(offer, remaining),
        filled,
      });
    }),
  );

  const groups = new Map<string, typeof allotted>();
  for (const entry of allotted) {
    const key = `${entry.asset.toLowerCase()}:${entry.candidate.maker.toLowerCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { asset } = group[0]!;
      const maker = group[0]!.candidate.maker;
      let [balance, allowance] = await Promise.all([
        erc20Read<bigint>(asset, 'balanceOf', [maker]),
        erc20Read<bigint>(asset, 'allowance', [maker, market]),
      ]);
      // A permit counts where it would be applied: the fill uses it when the allowance falls short.
      for (const { candidate } of group) {
        const permit = candidate.permit;
        if (permit && permit.deadline > head.timestamp && permit.value > allowance) allowance = permit.value;
      }
      group.sort((a, b) => bookOrder(a.candidate, b.candidate));
      for (const { candidate, need, filled } of group) {
        if (need > balance) {
          verdicts.set(
            candidate.offerHash,
            unfillable('insufficient_balance', TOKEN_REASONS.insufficient_balance, filled),
          );
        } else if (need > allowance) {
          verdicts.set(
            candidate.offerHash,
            unfillable('insufficient_allowance', TOKEN_REASONS.insufficient_allowance, filled),
          );
        } else {
          balance -= need;
          allowance -= need;
          verdicts.set(candidate.offerHash, { status: 'open', code: null, reason: null, filled });
        }
      }
    }),
  );
  return verdicts;
}
