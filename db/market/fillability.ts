/**
 * Whether signed offers can be filled at the chain's head, read from the chain itself (one block for all reads): the
 * market's own state of each offer (filled, cancelled, nonce-cancelled, expiry by chain time), the share token's rules
 * the fill would meet (tokenized, either pause, a frozen maker, a Buy maker the allowlist does not verify), and the
 * maker's balance and allowance to the market, allotted across the maker's offers of the same asset in book order
 * (best price first, then oldest): an offer is fillable only if what is left after the offers ahead of it covers its
 * whole remainder. The relay checks a new offer with the maker's open ones; the upkeep re-checks stored ones.
 * A maker permit counts as allowance up to its value only while unexpired and still signed for the maker's current
 * nonce on its asset (re-read here: a permit whose nonce was used up can never be applied). The maker's signature is
 * re-checked with the market's own rule (OZ SignatureChecker: ECDSA first, else EIP-1271 `isValidSignature` asked at
 * the head), so a contract wallet that stops answering is unfillable at the next check.
 */
import {
  type Address,
  erc20Abi,
  type Hex,
  isErc6492Signature,
  type PublicClient,
  parseAbi,
  recoverTypedDataAddress,
  serializeSignature,
  zeroAddress,
} from 'viem';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import {
  fillCost,
  hashOffer,
  isCanonicalSignature,
  marketDomain,
  type Offer,
  permitTypedData,
  recoverOfferSigner,
} from '#protocol/market';
import { MARKET_REASONS, type OfferErrorCode, TOKEN_REASONS } from './errors';
import type { OfferStatusName } from './types';

export type MarketChain = {
  publicClient: PublicClient;
  chainId: number;
  market: Address;
  stablecoin: Address;
};

export type Candidate = Offer & {
  offerHash: Hex;
  createdAt: Date;
  /** The maker's signature: re-checked when given (the relay and the upkeep always give it). */
  signature?: Hex;
  /** The relayed maker permit (v, r, s to re-check it against the asset's current nonce). */
  permit?: StoredPermit | null;
  /** What the mirror has filled of a stored offer: kept for a dead offer the chain records only by its nonce. */
  filled?: bigint;
};

export type StoredPermit = { value: bigint; deadline: bigint; v: number; r: Hex; s: Hex };

const ERC1271_MAGIC = '0x1626ba7e';
const erc1271Abi = parseAbi(['function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)']);

/**
 * The market's signature rule at `blockNumber` (OZ SignatureChecker.isValidSignatureNow): a canonical ECDSA signature
 * by the maker (whatever code the maker has, EIP-7702 included), else the maker's EIP-1271 answer. ERC-6492-wrapped
 * signatures are refused: the market never unwraps them (viem's verifiers would accept them).
 */
export async function marketSignatureValid(
  chain: MarketChain,
  offer: Offer,
  signature: Hex,
  blockNumber: bigint,
): Promise<boolean> {
  if (isErc6492Signature(signature)) return false;
  const domain = marketDomain(chain.chainId, chain.market);
  const signer = await recoverOfferSigner(domain, offer, signature).catch(() => null);
  if (signer?.toLowerCase() === offer.maker.toLowerCase()) return true;
  const code = await chain.publicClient.getCode({ address: offer.maker, blockNumber });
  if (!code || code === '0x') return false;
  const answer = await chain.publicClient
    .readContract({
      address: offer.maker,
      abi: erc1271Abi,
      functionName: 'isValidSignature',
      args: [hashOffer(domain, offer), signature],
      blockNumber,
      // Asked as the market asks it on a fill (the wallet sees the market as msg.sender).
      account: chain.market,
    })
    .catch(() => null);
  return answer?.toLowerCase() === ERC1271_MAGIC;
}

export type Verdict = {
  status: OfferStatusName;
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
      const [minNonce, nonceUsed] = await Promise.all([
        marketRead<bigint>('minNonce', [offer.maker]),
        marketRead<boolean>('nonceUsed', [offer.maker, offer.nonce]),
      ]);
      // An unused nonce proves the offer never filled nor cancelled: its fill word is not worth two more reads.
      const [recorded, cancelled] = nonceUsed
        ? await Promise.all([
            marketRead<bigint>('filled', [offer.offerHash]),
            marketRead<boolean>('cancelled', [offer.offerHash]),
          ])
        : [0n, false];
      // The chain records fills that left a remainder; a fill that took the offer whole leaves only its nonce used,
      // and the mirror's figure stands in for it. An unused nonce is the chain's word that nothing was filled (a
      // fill the mirror still holds may have been reorged away).
      const filled = recorded > 0n || !nonceUsed ? recorded : (offer.filled ?? 0n);
      if (offer.expiry <= head.timestamp) {
        verdicts.set(offer.offerHash, {
          status: 'expired',
          code: 'offer_expired',
          reason: MARKET_REASONS.offer_expired,
          filled,
        });
        return;
      }
      if (cancelled || offer.nonce < minNonce) {
        verdicts.set(offer.offerHash, {
          status: 'cancelled',
          code: cancelled ? 'offer_cancelled' : 'nonce_cancelled',
          reason: cancelled ? MARKET_REASONS.offer_cancelled : MARKET_REASONS.nonce_cancelled,
          filled,
        });
        return;
      }
      if (nonceUsed && recorded === 0n) {
        // Filled whole by one fill, or another offer of the maker with this nonce was filled or cancelled: the chain
        // cannot tell which. The mirror can: an offer it holds as filled stays filled (a re-read after a reorg below
        // the fill), else the upkeep turns it into `filled` once the mirror holds its fill.
        verdicts.set(
          offer.offerHash,
          offer.filled !== undefined && liveRemainder(offer, offer.filled) === 0n
            ? { status: 'filled', code: 'offer_filled', reason: MARKET_REASONS.nonce_used, filled }
            : { status: 'cancelled', code: 'nonce_used', reason: MARKET_REASONS.nonce_used, filled },
        );
        return;
      }
      const remaining = liveRemainder(offer, filled);
      if (remaining === 0n) {
        verdicts.set(offer.offerHash, {
          status: 'filled',
          code: 'offer_filled',
          reason: MARKET_REASONS.offer_filled,
          filled,
        });
        return;
      }
      if (offer.signature && !(await marketSignatureValid(chain, offer, offer.signature, blockNumber))) {
        verdicts.set(offer.offerHash, unfillable('invalid_signature', MARKET_REASONS.invalid_signature, filled));
        return;
      }
      const token = await tokenOf(offer.clusterId);
      if (token === zeroAddress) {
        verdicts.set(offer.offerHash, unfillable('not_tokenized', MARKET_REASONS.not_tokenized, filled));
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

  /** Whether `permit` is still the maker's permit to the market for its current nonce on `asset`. */
  const permitLive = async (asset: Address, maker: Address, permit: StoredPermit) => {
    const signature = serializeSignature({ r: permit.r, s: permit.s, v: BigInt(permit.v) });
    if (!isCanonicalSignature(signature)) return false;
    const reads = await Promise.all([
      tokenRead<readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]]>(asset, 'eip712Domain'),
      tokenRead<bigint>(asset, 'nonces', [maker]),
    ]).catch(() => null);
    if (!reads) return false;
    const [[, name, version, chainId, verifyingContract], nonce] = reads;
    const typedData = permitTypedData(
      { name, version, chainId: Number(chainId), verifyingContract },
      { owner: maker, spender: market, value: permit.value, nonce, deadline: permit.deadline },
    );
    const signer = await recoverTypedDataAddress({ ...typedData, signature }).catch(() => zeroAddress);
    return signer.toLowerCase() === maker.toLowerCase();
  };

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
      // A permit counts where it would be applied: the fill uses it when the allowance falls short, and only while
      // it is unexpired and signed for the maker's current nonce on the asset (a used-up nonce makes it dead).
      for (const { candidate } of group) {
        const permit = candidate.permit;
        if (!permit || permit.deadline <= head.timestamp || permit.value <= allowance) continue;
        if (await permitLive(asset, maker, permit)) allowance = permit.value;
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
