/**
 * The secondary market as the app reads it (shared spec, issue 16): the relay's offers, the order book, trades and an
 * exit quote. Amounts are bigint (share base units, stablecoin base units); times are unix seconds. The UI imports
 * these with `import type`.
 */
import type { Address, Hex } from 'viem';

export type OfferStatusName = 'open' | 'unfillable' | 'filled' | 'cancelled' | 'expired';

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
