/**
 * The secondary market as the app reads it (shared spec, issue 16): the relay's offers, the order book, trades and an
 * exit quote. Amounts are bigint (share base units, stablecoin base units); times are unix seconds. The UI imports
 * these with `import type`.
 */
import type { Address, Hex } from 'viem';

/** An offer's status in the relay: the one list (the table's check, the verdicts, the UI's cancellable set). */
export const OFFER_STATUSES = ['open', 'unfillable', 'filled', 'cancelled', 'expired'] as const;
export type OfferStatusName = (typeof OFFER_STATUSES)[number];

/** Live offers: a fill may still happen (what the bounds count, what a maker can cancel); dead ones await pruning. */
export const LIVE_STATUSES = ['open', 'unfillable'] as const satisfies readonly OfferStatusName[];

export type OfferView = {
  offerHash: Hex;
  maker: Address;
  side: 'sell' | 'buy';
  clusterId: bigint;
  amount: bigint;
  price: bigint;
  taker: Address | null;
  expiry: number;
  nonce: bigint;
  signature: Hex;
  /** The maker's EIP-2612 permit relayed with the offer (pass it to `fillWithPermits`), or null. */
  makerPermit?: { value: bigint; deadline: bigint; v: number; r: Hex; s: Hex } | null;
  filled: bigint;
  remaining: bigint;
  status: OfferStatusName;
  reason: string | null;
  createdAt: number;
};

export type OrderBookLevel = { price: bigint; amount: bigint; offers: number; impliedYieldBps: number | null };

export type OrderBook = {
  clusterId: bigint;
  bids: OrderBookLevel[];
  asks: OrderBookLevel[];
  bestBid: bigint | null;
  bestAsk: bigint | null;
  spread: bigint | null;
  /** Fillable public offers, best first. */
  offers: OfferView[];
  /** Stablecoin base units per whole share per year, from the mirror. */
  trailingRevenuePerShare: bigint | null;
  asOf: number;
};

export type Trade = {
  txHash: Hex;
  logIndex: number;
  blockNumber: bigint;
  time: number;
  offerHash: Hex;
  clusterId: bigint;
  side: 'sell' | 'buy';
  maker: Address;
  taker: Address;
  seller: Address;
  buyer: Address;
  amount: bigint;
  price: bigint;
  cost: bigint;
  fee: bigint;
};

export type ExitQuote = {
  clusterId: bigint;
  shares: bigint;
  fillable: bigint;
  proceeds: bigint;
  fee: bigint;
  averagePrice: bigint | null;
  levelsUsed: number;
  earnedSinceBought: bigint | null;
};

export type PricePoint = { time: number; price: bigint; amount: bigint; impliedYieldBps: number | null };

export type MarketStats = {
  clusterId: bigint;
  lastPrice: bigint | null;
  volume24h: bigint;
  volume30d: bigint;
  trades30d: number;
};
