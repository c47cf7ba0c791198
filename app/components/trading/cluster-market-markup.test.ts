/**
 * The cluster page's market section as the server renders it (disconnected, as every shared page is rendered): the
 * book, the offers to fill with their model figures and no fill or cancel button without a wallet, the invitation to
 * connect in place of the offer form, and the trades.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { WagmiProvider } from 'wagmi';
import type { OfferView, OrderBook } from '#db/market/types';
import { supportedLanguages } from '~/i18n';
import { formatShares, formatUsd } from '~/lib/format';
import { createWagmiConfig } from '~/lib/wagmi';
import { ClusterMarket } from './ClusterMarket';
import { renderMarkup } from './markup.test-kit';

const SHARE = 10n ** 18n;
const ADDRESS = (digit: string) => `0x${digit.repeat(40)}` as Address;

const offer: OfferView = {
  offerHash: `0x${'ab'.repeat(32)}`,
  maker: ADDRESS('1'),
  side: 'sell',
  clusterId: 7n,
  amount: 4n * SHARE,
  price: 12_000_000n,
  taker: null,
  expiry: 1_900_000_000,
  nonce: 0n,
  signature: `0x${'cd'.repeat(65)}`,
  filled: SHARE,
  remaining: 3n * SHARE,
  status: 'open',
  reason: null,
  createdAt: 1_800_000_000,
};
const book: OrderBook = {
  clusterId: 7n,
  bids: [],
  asks: [{ price: 12_000_000n, amount: 3n * SHARE, offers: 1, impliedYieldBps: 1_000 }],
  bestBid: null,
  bestAsk: 12_000_000n,
  spread: null,
  offers: [offer],
  trailingRevenuePerShare: 1_200_000n,
  asOf: 1_800_000_000,
};

async function render(language: string) {
  const config = createWagmiConfig({ id: 31337, name: 'anvil', rpcUrl: 'http://127.0.0.1:1', local: false });
  const element = createElement(
    WagmiProvider,
    { config },
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement(ClusterMarket, {
        refs: { market: ADDRESS('2'), token: ADDRESS('3'), stablecoin: ADDRESS('4'), chainId: 31337, clusterId: 7n },
        book,
        trades: [],
        usdDecimals: 6,
      }),
    ),
  );
  return renderMarkup(element, language);
}

describe.each(supportedLanguages)('the market section of a cluster page in %s', (language) => {
  it('renders the book and the fillable offers from the model, with nothing to sign before a wallet connects', async () => {
    const html = (await render(language)).replaceAll('&#x27;', "'");
    expect(html).not.toMatch(/trading\.[a-z]/);
    expect(html).toContain('data-testid="order-book"');
    expect(html).toContain(`data-hash="${offer.offerHash}"`);
    expect(html).toContain(`data-value="${offer.remaining}">${formatShares(offer.remaining, language)}<`);
    expect(html).toContain(`data-value="${offer.price}">${formatUsd(offer.price, 6, language, 6)}<`);
    // Disconnected: no Fill/Cancel button in the offers, no offer form, no exit quote; the trades say there are none.
    expect(html).not.toContain('data-testid="offer-form"');
    expect(html).not.toContain('data-testid="exit-panel"');
    expect(html.match(/data-testid="fillable-offer"[\s\S]*?<\/tr>/)?.[0]).not.toContain('<button');
    expect(html).toContain('data-testid="trades-empty"');
  });
});
