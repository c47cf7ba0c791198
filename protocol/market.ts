/**
 * The secondary market's rules as the contract states them (contracts/src/ShareMarket.sol): the EIP-712 Offer, its
 * hash, what a fill costs (rounded in the maker's favour), the fee the seller pays, the dust rule of Buy offers, and
 * the EIP-2612 permit message a fill can carry. The type string, the side values and the numeric constants come from
 * the generated bindings (`shareMarketTypeStrings`, `shareMarketSide`, `shareMarketConstants`), so nothing here is a
 * second copy of the contract. The relay and the app import these rules from here only; market.test.ts checks them
 * against a deployed market on anvil.
 */
import {
  type Address,
  type Hex,
  hashTypedData,
  hexToBigInt,
  keccak256,
  recoverTypedDataAddress,
  size,
  sliceHex,
  toBytes,
  zeroAddress,
} from 'viem';
import { shareMarketConstants, shareMarketNoncesConstants, shareMarketSide, shareMarketTypeStrings } from '#contracts';
import { parseTypeString } from './eip712';

/** `Offer(address maker,uint8 side,...)`, exactly as ShareMarket.sol hashes it. */
export const OFFER_TYPE_STRING = shareMarketTypeStrings.OFFER_TYPEHASH;
/** keccak256 of the type string: the contract's OFFER_TYPEHASH. */
export const OFFER_TYPEHASH = keccak256(toBytes(OFFER_TYPE_STRING));

const offerType = parseTypeString(OFFER_TYPE_STRING);
/** viem's typed-data `types` for an Offer. */
export const marketTypes = { [offerType.name]: offerType.fields } as { Offer: typeof offerType.fields };

/** `IShareMarket.Side`: Sell (the maker gives shares) = 0, Buy (the maker gives stablecoin) = 1. */
export const Side = shareMarketSide;
export type Side = (typeof Side)[keyof typeof Side];

/** The name and version ShareMarket passes to OpenZeppelin's EIP712 (its eip712Domain() answers them; tested). */
export const MARKET_DOMAIN_NAME = 'Rackshare Market';
export const MARKET_DOMAIN_VERSION = '1';

/** One whole share in base units: prices are stablecoin base units per SHARE_UNIT share base units. */
export const SHARE_UNIT = shareMarketConstants.SHARE_UNIT;
export const BPS_DENOMINATOR = shareMarketConstants.BPS_DENOMINATOR;
/** The highest fee governance may set, in basis points. */
export const MAX_FEE_BPS = Number(shareMarketConstants.MAX_FEE_BPS);

/** Nonces per word of a maker's used-nonce bitmap (ShareMarketNonces.sol: `nonceBitmap(maker, wordPos)`). */
export const NONCES_PER_WORD = shareMarketNoncesConstants.NONCES_PER_WORD;
const MAX_NONCE = 2n ** 256n - 1n;
const FULL_WORD = 2n ** NONCES_PER_WORD - 1n;

/** Where a nonce's bit sits in its maker's bitmap: the word's position and the bit's index in it. */
export const noncePosition = (nonce: bigint) => ({ wordPos: nonce / NONCES_PER_WORD, bit: nonce % NONCES_PER_WORD });

/** The lowest clear bit of a bitmap word at or above `from`, or null. */
export function firstClearBit(word: bigint, from: bigint): bigint | null {
  for (let bit = from; bit < NONCES_PER_WORD; bit += 1n) {
    if (((word >> bit) & 1n) === 0n) return bit;
  }
  return null;
}

/**
 * The first unused nonce at or above `start` that `readWord` (the maker's `nonceBitmap`) shows, reading at most
 * `maxWords` words; null when none was found or the nonce space ends. Past a full word the search jumps ahead by
 * doubling steps (1, 2, 4, … words): a maker may have used thousands of consecutive nonces, and any unused nonce is
 * valid (the lowest only keeps the maker's bitmap dense, which keeps its fills cheap).
 */
export async function firstFreeNonce(
  start: bigint,
  readWord: (wordPos: bigint) => Promise<bigint>,
  maxWords: number,
): Promise<bigint | null> {
  let nonce = start;
  let step = 1n;
  for (let words = 0; words < maxWords && nonce <= MAX_NONCE; words += 1) {
    const { wordPos, bit: from } = noncePosition(nonce);
    const word = await readWord(wordPos);
    const bit = firstClearBit(word, from);
    if (bit !== null) return wordPos * NONCES_PER_WORD + bit;
    const full = word === FULL_WORD;
    nonce = (wordPos + (full ? step : 1n)) * NONCES_PER_WORD;
    if (full) step *= 2n;
  }
  return null;
}

export type Offer = {
  maker: Address;
  side: Side;
  clusterId: bigint;
  /** Share base units offered in total (partial fills allowed). */
  amount: bigint;
  /** Stablecoin base units per whole share. */
  price: bigint;
  /** The only address that may fill it; the zero address for anyone. */
  taker: Address;
  /** Unix seconds; fillable while the block's timestamp is below it. */
  expiry: bigint;
  nonce: bigint;
};

/** A side as the relay's views, the API and the dashboard name it. */
export type SideName = 'sell' | 'buy';

/** `side` as a Side; anything but Sell or Buy is refused, never read as one of them. */
export function asSide(side: number): Side {
  if (side === Side.Sell || side === Side.Buy) return side;
  throw new RangeError(`${side} is not a market side`);
}

export const sideName = (side: number): SideName => (asSide(side) === Side.Sell ? 'sell' : 'buy');

export const sideOfName = (name: SideName): Side => (name === 'sell' ? Side.Sell : Side.Buy);

/** An offer as it travels off chain: named side, a public offer's taker as null, expiry in seconds. */
export type OfferLike = Omit<Offer, 'side' | 'taker' | 'expiry'> & {
  side: SideName;
  taker: Address | null;
  expiry: number | bigint;
};

/** The struct the market signs and fills, from its off-chain form (a public offer's taker is the zero address). */
export function offerOfView(view: OfferLike): Offer {
  return {
    maker: view.maker,
    side: sideOfName(view.side),
    clusterId: view.clusterId,
    amount: view.amount,
    price: view.price,
    taker: view.taker ?? zeroAddress,
    expiry: BigInt(view.expiry),
    nonce: view.nonce,
  };
}

export type MarketDomain = ReturnType<typeof marketDomain>;

export const marketDomain = (chainId: number, market: Address) =>
  ({
    name: MARKET_DOMAIN_NAME,
    version: MARKET_DOMAIN_VERSION,
    chainId,
    verifyingContract: market,
  }) as const;

/** The typed data of an offer, for viem's signTypedData / hashTypedData / recoverTypedDataAddress. */
export const offerTypedData = (domain: MarketDomain, offer: Offer) =>
  ({ domain, types: marketTypes, primaryType: 'Offer', message: offer }) as const;

/** The offer's EIP-712 digest: what the maker signs, the key of `filled(bytes32)` and `OfferFilled.offerHash`. */
export const hashOffer = (domain: MarketDomain, offer: Offer): Hex => hashTypedData(offerTypedData(domain, offer));

/**
 * What filling `amount` share base units costs the buyer: a Sell offer rounds up (the taker pays), a Buy offer rounds
 * down (the maker pays), in the maker's favour either way. 0 means the contract refuses the fill (`ZeroCost`).
 */
export function fillCost(offer: Pick<Offer, 'side' | 'price'>, amount: bigint): bigint {
  const product = amount * offer.price;
  if (offer.side === Side.Sell) return product === 0n ? 0n : (product - 1n) / SHARE_UNIT + 1n;
  return product / SHARE_UNIT;
}

/** The fee part of `cost` (rounded down), paid by the seller: the seller receives `cost - fee`. */
export const fillFee = (cost: bigint, feeBps: number | bigint): bigint => (cost * BigInt(feeBps)) / BPS_DENOMINATOR;

/**
 * What a fill asking for `amount` takes of an offer already filled by `filledSoFar`: `min(amount, remaining)`, as the
 * contract does (a smaller fill landing first cannot make a "fill the rest" revert); 0 when nothing is left, where the
 * contract refuses the fill (`FillExceedsRemaining`). Cost, fee and remainder rules apply to this amount.
 */
export function fillTaken(offer: Pick<Offer, 'amount'>, filledSoFar: bigint, amount: bigint): bigint {
  const left = offer.amount > filledSoFar ? offer.amount - filledSoFar : 0n;
  return amount < left ? amount : left;
}

/**
 * True when filling `amount` of a Buy offer already filled by `filledSoFar` would leave a remainder whose cost rounds
 * to 0 (the contract refuses it with `DustRemainder`: nobody could fill that remainder). Sell remainders always cost
 * at least 1 base unit when the price is not 0. `amount` is what the fill takes (`fillTaken`): a fill asking for more
 * than is left takes the rest and leaves nothing.
 */
export function leavesDustRemainder(offer: Offer, filledSoFar: bigint, amount: bigint): boolean {
  if (offer.side !== Side.Buy) return false;
  const rest = offer.amount - filledSoFar - amount;
  return rest > 0n && fillCost(offer, rest) === 0n;
}

/** The seller and the buyer of a fill of `offer` by `taker`. */
export const fillParties = (offer: Pick<Offer, 'maker' | 'side'>, taker: Address) =>
  offer.side === Side.Sell ? { seller: offer.maker, buyer: taker } : { seller: taker, buyer: offer.maker };

const SECP256K1_HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/** A 65-byte (r, s, v) signature with a low s and v of 27 or 28: the only ECDSA form ShareMarket (OZ ECDSA) accepts. */
export function isCanonicalSignature(signature: Hex): boolean {
  if (size(signature) !== 65) return false;
  const s = hexToBigInt(sliceHex(signature, 32, 64));
  const v = hexToBigInt(sliceHex(signature, 64, 65));
  return s <= SECP256K1_HALF_N && (v === 27n || v === 28n);
}

/**
 * The EOA that signed `offer`, or null when the signature is not in the form the contract accepts (not 65 bytes, high
 * s, bad v). A contract maker (EIP-1271) cannot be recovered off chain: ask the chain (`isValidSignature`) for those.
 */
export async function recoverOfferSigner(domain: MarketDomain, offer: Offer, signature: Hex): Promise<Address | null> {
  if (!isCanonicalSignature(signature)) return null;
  return recoverTypedDataAddress({ ...offerTypedData(domain, offer), signature });
}

/** EIP-2612's Permit message (ShareToken and the stablecoin both implement it). */
export const permitTypes = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

/** The token's EIP-712 domain, as its ERC-5267 `eip712Domain()` answers it. */
export type PermitDomain = { name: string; version: string; chainId: number; verifyingContract: Address };

/**
 * The typed data of an EIP-2612 permit letting `spender` (the market) take `value` of `owner`'s tokens; sign it with
 * viem's signTypedData and pass `{ value, deadline, v, r, s }` to `fillWithPermits` (see `permitArgument`).
 */
export const permitTypedData = (
  domain: PermitDomain,
  message: { owner: Address; spender: Address; value: bigint; nonce: bigint; deadline: bigint },
) => ({ domain, types: permitTypes, primaryType: 'Permit', message }) as const;

/** A `fillWithPermits` Permit argument from a signed permit; `noPermit` is the "skip" value (deadline 0). */
export function permitArgument(value: bigint, deadline: bigint, signature: Hex) {
  if (size(signature) !== 65) throw new Error('a permit signature has 65 bytes');
  return {
    value,
    deadline,
    v: Number(hexToBigInt(sliceHex(signature, 64, 65))),
    r: sliceHex(signature, 0, 32),
    s: sliceHex(signature, 32, 64),
  };
}

export const noPermit = {
  value: 0n,
  deadline: 0n,
  v: 0,
  r: `0x${'00'.repeat(32)}` as Hex,
  s: `0x${'00'.repeat(32)}` as Hex,
} as const;
