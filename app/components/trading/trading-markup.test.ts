/**
 * The market's tables as the server renders them, in both languages: every figure is the model's value (its
 * base-unit `data-value`) and the text is that value formatted, nothing recomputed on the way; no key is left untranslated.
 */
import { createInstance } from 'i18next';
import { createElement } from 'react';
import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { CHAIN_REASONS } from '#db/market/errors';
import type { OrderBook as Book, ExitQuote, OfferView, Trade } from '#db/market/types';
import { i18nOptions, supportedLanguages } from '~/i18n';
import { formatBps, formatInteger, formatShares, formatUsd } from '~/lib/format';
import { ExitQuoteText } from './ExitQuote';
import { MarketStatsTable, pricePointsChart } from './MarketStats';
import { renderMarkup } from './markup.test-kit';
import { OrderBook } from './OrderBook';
import { MyOffers } from './PortfolioMarket';
import { offerReason, RelayMessage } from './relay-answer';
import { TradeList } from './TradeList';

const USD = 6;
const SHARE = 10n ** 18n;
const MAKER: Address = '0x1111111111111111111111111111111111111111';
const TAKER: Address = '0x2222222222222222222222222222222222222222';

/** The text and the data-value of every element with `testId`, in document order. */
function figures(html: string, testId: string) {
  const pattern = new RegExp(`data-testid="${testId}"[^>]*?(?: data-value="([^"]*)")?[^>]*>([^<]*)`, 'g');
  return [...html.matchAll(pattern)].map((match) => ({ value: match[1], text: match[2]!.trim() }));
}

const unescapeHtml = (text: string) =>
  text.replaceAll('&amp;', '&').replaceAll('&#x27;', "'").replaceAll('&quot;', '"');

const book: Book = {
  clusterId: 7n,
  bids: [
    { price: 11_000_000n, amount: 3n * SHARE, offers: 2, impliedYieldBps: 1_090 },
    { price: 10_500_000n, amount: 6n * SHARE, offers: 1, impliedYieldBps: 1_142 },
  ],
  asks: [{ price: 12_000_000n, amount: SHARE / 2n, offers: 1, impliedYieldBps: null }],
  bestBid: 11_000_000n,
  bestAsk: 12_000_000n,
  spread: 1_000_000n,
  offers: [],
  trailingRevenuePerShare: 1_200_000n,
  asOf: 1_800_000_000,
};

const trade: Trade = {
  txHash: `0x${'12'.repeat(32)}`,
  logIndex: 3,
  blockNumber: 100n,
  time: 1_800_000_000,
  offerHash: `0x${'34'.repeat(32)}`,
  clusterId: 7n,
  side: 'sell',
  maker: MAKER,
  taker: TAKER,
  seller: MAKER,
  buyer: TAKER,
  amount: 2n * SHARE + 1n,
  price: 11_500_000n,
  cost: 23_000_001n,
  fee: 115_000n,
};

describe.each(supportedLanguages)('the market tables in %s', (language) => {
  const usd = (value: bigint) => formatUsd(value, USD, language, 6);

  it('show the book: best bid, best ask, spread, and each level with its depth and implied yield', async () => {
    const html = unescapeHtml(await renderMarkup(createElement(OrderBook, { book, usdDecimals: USD }), language));
    expect(html).not.toMatch(/trading\.[a-z]/);
    expect(figures(html, 'book-best-bid')).toEqual([{ value: '11000000', text: usd(11_000_000n) }]);
    expect(figures(html, 'book-best-ask')).toEqual([{ value: '12000000', text: usd(12_000_000n) }]);
    expect(figures(html, 'book-spread')).toEqual([{ value: '1000000', text: usd(1_000_000n) }]);
    // Asks first (the best one last, next to the spread), then bids best first.
    expect(figures(html, 'book-price').map((figure) => figure.text)).toEqual(
      [12_000_000n, 11_000_000n, 10_500_000n].map(usd),
    );
    expect(figures(html, 'book-amount').map((figure) => figure.text)).toEqual(
      [SHARE / 2n, 3n * SHARE, 6n * SHARE].map((amount) => formatShares(amount, language)),
    );
    expect([...html.matchAll(/data-depth="(\d+)"/g)].map((match) => match[1])).toEqual(['8', '50', '100']);
    expect(figures(html, 'book-yield')).toEqual([
      { value: '', text: '—' },
      { value: '1090', text: formatBps(1_090, language) },
      { value: '1142', text: formatBps(1_142, language) },
    ]);
    expect(html).toContain(usd(1_200_000n));
  });

  it('say the book is empty rather than drawing an empty table', async () => {
    const empty = { ...book, bids: [], asks: [], bestBid: null, bestAsk: null, spread: null };
    const html = await renderMarkup(createElement(OrderBook, { book: empty, usdDecimals: USD }), language);
    expect(html).toContain('data-testid="book-empty"');
    expect(figures(html, 'book-spread')).toEqual([{ value: '', text: '—' }]);
  });

  it("list trades with the mirror's price, shares, cost and fee, linked to their transaction", async () => {
    const html = unescapeHtml(
      await renderMarkup(createElement(TradeList, { trades: [trade], usdDecimals: USD }), language),
    );
    expect(html).not.toMatch(/trading\.[a-z]/);
    expect(figures(html, 'trade-price')).toEqual([{ value: '11500000', text: usd(11_500_000n) }]);
    expect(figures(html, 'trade-amount')).toEqual([
      { value: (2n * SHARE + 1n).toString(), text: formatShares(2n * SHARE + 1n, language) },
    ]);
    expect(figures(html, 'trade-cost')).toEqual([{ value: '23000001', text: usd(23_000_001n) }]);
    expect(figures(html, 'trade-fee')).toEqual([{ value: '115000', text: usd(115_000n) }]);
    expect(html).toContain(`href="/tx/${trade.txHash}"`);
  });

  it("word a trade from the account's side: bought when it was the buyer, sold when the seller", async () => {
    const [asBuyer, asSeller] = await Promise.all(
      [TAKER, MAKER].map((account) =>
        renderMarkup(createElement(TradeList, { trades: [trade], usdDecimals: USD, account }), language),
      ),
    );
    const i18n = createInstance();
    await i18n.init(i18nOptions(language));
    expect(asBuyer).toContain(`>${i18n.t('trading.trades.bought')}<`);
    expect(asSeller).toContain(`>${i18n.t('trading.trades.sold')}<`);
  });

  it("list the visitor's offers with the relay's status, remainder and reason, Cancel only while it can act", async () => {
    const offer: OfferView = {
      offerHash: `0x${'56'.repeat(32)}`,
      maker: MAKER,
      side: 'sell',
      clusterId: 7n,
      amount: 5n * SHARE,
      price: 12_000_000n,
      taker: null,
      expiry: 1_900_000_000,
      nonce: 0n,
      signature: `0x${'78'.repeat(65)}`,
      filled: 2n * SHARE,
      remaining: 3n * SHARE,
      status: 'unfillable',
      // What the upkeep stores: the code (db/market/upkeep.ts), never the contract's error name.
      reason: 'insufficient_balance',
      createdAt: 1_800_000_000,
    };
    const filled = { ...offer, offerHash: `0x${'9a'.repeat(32)}` as const, status: 'filled' as const, reason: null };
    const html = unescapeHtml(
      await renderMarkup(
        createElement(MyOffers, { offers: [offer, filled], usdDecimals: USD, busy: false, onCancel: () => {} }),
        language,
      ),
    );
    expect(html).not.toMatch(/trading\.[a-z]/);
    expect(figures(html, 'my-offer-remaining')[0]).toEqual({
      value: (3n * SHARE).toString(),
      text: formatShares(3n * SHARE, language),
    });
    expect(figures(html, 'my-offer-price')[0]).toEqual({ value: '12000000', text: usd(12_000_000n) });
    const i18n = createInstance();
    await i18n.init(i18nOptions(language));
    // The stored code, read as the contract's error it stands for, in the visitor's words.
    expect(figures(html, 'my-offer-reason')).toEqual([
      { value: undefined, text: i18n.t('trading.reasons.ERC20InsufficientBalance') },
    ]);
    expect([...html.matchAll(/data-status="(\w+)"/g)].map((match) => match[1])).toEqual(['unfillable', 'filled']);
    // One Cancel button: the unfillable offer's (a filled one is past cancelling).
    expect(html.match(/<button/g)).toHaveLength(1);
  });

  it("quote an exit with the model's proceeds after fee, average price and earnings", async () => {
    const quote: ExitQuote = {
      clusterId: 7n,
      shares: 10n * SHARE,
      fillable: 9n * SHARE,
      proceeds: 98_010_000n,
      fee: 990_000n,
      averagePrice: 11_000_000n,
      levelsUsed: 2,
      earnedSinceBought: 4_321_000n,
    };
    const html = unescapeHtml(await renderMarkup(createElement(ExitQuoteText, { quote, usdDecimals: USD }), language));
    expect(html).not.toMatch(/trading\.[a-z]/);
    expect(figures(html, 'exit-proceeds')[0]).toEqual({ value: '98010000', text: usd(98_010_000n) });
    expect(figures(html, 'exit-fee')[0]?.value).toBe('990000');
    expect(html).toContain(usd(990_000n));
    expect(figures(html, 'exit-average')[0]).toEqual({ value: '11000000', text: usd(11_000_000n) });
    expect(figures(html, 'exit-earned')[0]).toEqual({ value: '4321000', text: usd(4_321_000n) });
    expect(html).toContain('data-testid="exit-partial"');
    expect(html).toContain(formatShares(9n * SHARE, language));
    const none = await renderMarkup(
      createElement(ExitQuoteText, { quote: { ...quote, fillable: 0n, proceeds: 0n, fee: 0n }, usdDecimals: USD }),
      language,
    );
    expect(none).toContain('data-testid="exit-none"');
  });

  it("show each cluster's last price, volumes and trade count as the model counts them", async () => {
    const stats = [
      { clusterId: 7n, lastPrice: 11_500_000n, volume24h: 23_000_001n, volume30d: 80_000_000n, trades30d: 1_234 },
      { clusterId: 8n, lastPrice: null, volume24h: 0n, volume30d: 0n, trades30d: 0 },
    ];
    const html = unescapeHtml(
      await renderMarkup(createElement(MarketStatsTable, { stats, usdDecimals: USD }), language),
    );
    expect(html).not.toMatch(/trading\.[a-z]/);
    expect(figures(html, 'stat-last-price')).toEqual([
      { value: '11500000', text: usd(11_500_000n) },
      { value: '', text: '—' },
    ]);
    expect(figures(html, 'stat-volume-24h')[0]).toEqual({ value: '23000001', text: usd(23_000_001n) });
    expect(figures(html, 'stat-volume-30d')[0]).toEqual({ value: '80000000', text: usd(80_000_000n) });
    expect(figures(html, 'stat-trades-30d')[0]).toEqual({ value: '1234', text: formatInteger(1_234, language) });
    expect(html).toContain('href="/analytics/market/7"');
  });
});

describe('the price history chart', () => {
  it('plots each trade at its minute, price in whole stablecoin units and yield in percent', () => {
    expect(
      pricePointsChart(
        [
          { time: 1_800_000_000, price: 11_500_000n, amount: SHARE, impliedYieldBps: 1_043 },
          { time: 1_800_000_060, price: 12_000_001n, amount: SHARE, impliedYieldBps: null },
        ],
        USD,
      ),
    ).toEqual({
      labels: ['2027-01-15 08:00', '2027-01-15 08:01'],
      price: [11.5, 12.000001],
      yieldPercent: [10.43, null],
    });
  });
});

describe("an offer's reason", () => {
  it("is the catalog's sentence for a rule it words, else the contract's own words with the name", async () => {
    for (const language of supportedLanguages) {
      const i18n = createInstance();
      await i18n.init(i18nOptions(language));
      expect(offerReason(i18n, 'RecipientNotVerified')).toBe(i18n.t('trading.reasons.RecipientNotVerified'));
      expect(offerReason(i18n, 'RecipientNotVerified')).not.toContain('trading.');
      expect(offerReason(i18n, 'SomeFutureRule')).toBe('SomeFutureRule');
    }
  });
});

describe("the relay's refusals", () => {
  // What db/market/relay.ts can name as a refused offer's reason (its checks, then the token's rules at the head).
  // Every reason the chain decides (CHAIN_REASONS), and the relay's own refusals before the chain is asked.
  const RELAY_REASONS = [
    ...new Set([
      ...Object.values(CHAIN_REASONS),
      'ERC2612ExpiredSignature',
      'ERC2612InvalidSigner',
      'expiry_too_far',
      'offer_too_small',
      'duplicate_offer',
      'nonce_in_use',
      'maker_offer_limit',
      'cluster_offer_limit',
    ]),
  ];

  it.each(supportedLanguages)('are worded in %s, not in the relay’s English sentence', async (language) => {
    const i18n = createInstance();
    await i18n.init(i18nOptions(language));
    for (const reason of RELAY_REASONS) expect(i18n.exists(`trading.reasons.${reason}`), reason).toBe(true);
    const error = {
      code: 'invalid_signature',
      reason: 'InvalidSignature',
      message: "The signature is not the maker's signature of this offer.",
    };
    const html = unescapeHtml(
      await renderMarkup(createElement(RelayMessage, { answer: { intent: 'offer', ok: false, error } }), language),
    );
    expect(html).toContain(i18n.t('trading.reasons.InvalidSignature'));
    expect(html).not.toContain(error.message);
    expect(html).toContain('data-code="invalid_signature"');
  });
});
