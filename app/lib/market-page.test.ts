import { Writable } from 'node:stream';
import { createInstance } from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { describe, expect, it } from 'vitest';
import type { MarketRow } from '#db/analytics/market';
import { i18nOptions } from '~/i18n';
import { FragmentCacheContext, type RenderFragment } from '~/lib/fragment-cache';
import { fragmentCache } from '~/lib/fragment-cache.server';
import { type MarketQuery, marketQuerySchema } from '~/lib/market-query';
import { marketTablePage } from '~/models/market.server';
import Market from '~/routes/clusters._index';

const NOW = 1_767_322_800;

function clusterRow(id: number): MarketRow {
  const tokenized = id % 2 === 0;
  return {
    clusterId: BigInt(id),
    operator: '0x00000000000000000000000000000000000000aa',
    gpuModel: id % 3 ? 'NVIDIA H100 SXM5 80GB' : 'NVIDIA L40S',
    location: id % 4 ? 'KR-SEL-01' : 'DE-FRA-01',
    gpuCount: 8,
    status: id % 5 ? 'attested' : 'stale',
    attestedAt: new Date((NOW - 86_400) * 1000),
    attestedUntil: new Date((NOW + 86_400) * 1000),
    lastReportAt: id % 7 ? new Date((NOW - id * 60) * 1000) : null,
    lastEpoch: BigInt(NOW - 3_600),
    token: tokenized
      ? {
          address: '0x00000000000000000000000000000000000000bb',
          offering: '0x00000000000000000000000000000000000000cc',
          name: `Cluster ${id} shares`,
          symbol: `RS${id}`,
        }
      : null,
    supply: 1_000n * 10n ** 18n,
    pricePerShare: tokenized ? 10_000_000n + BigInt(id) : null,
    sharesSold: tokenized ? 400n * 10n ** 18n : 0n,
    soldBps: tokenized ? 4000 : 0,
    utilizationBps: id % 7 ? 5000 + id : null,
    revenueReported: 0n,
    revenueDeposited: 0n,
    trailingAprBps: tokenized ? 1200 + id : null,
    phase: tokenized ? 'Open' : null,
  };
}

/** The market route's loader answer for one page (as the loader builds it, rows packed once per page). */
function marketData(search: string, rows: MarketRow[], page: number, pages: number) {
  const query = marketQuerySchema.parse(Object.fromEntries(new URLSearchParams(search))) as MarketQuery;
  return {
    query,
    now: NOW,
    window: { days: 30, from: '2025-12-02T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
    total: rows.length * pages,
    page,
    pages,
    models: ['NVIDIA H100 SXM5 80GB', 'NVIDIA L40S'],
    locations: ['DE-FRA-01', 'KR-SEL-01'],
    rows: marketTablePage(rows),
  };
}

/** The market page at `url` as React renders it on the server, or in the browser (no fragment cache, `document`). */
async function renderMarket(
  url: string,
  data: ReturnType<typeof marketData>,
  language: string,
  fragments: RenderFragment | null,
) {
  const { query, dataRoutes } = createStaticHandler([
    {
      id: 'root',
      path: '/',
      loader: () => ({ stablecoinDecimals: 6 }),
      children: [
        { path: 'clusters', children: [{ id: 'market', index: true, loader: () => data, Component: Market }] },
      ],
    },
  ]);
  const context = await query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error(`no route context for ${url}`);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init(i18nOptions(language));
  const page: ReactElement = createElement(
    I18nextProvider,
    { i18n },
    createElement(StaticRouterProvider, { router: createStaticRouter(dataRoutes, context), context, hydrate: false }),
  );
  if (fragments) return renderDocument(createElement(FragmentCacheContext.Provider, { value: fragments }, page));
  const global = globalThis as { document?: unknown };
  global.document = {};
  try {
    // A string, as the browser's DOM holds it: React 18's byte stream can split a character at a buffer's end.
    return renderToString(page);
  } finally {
    delete global.document;
  }
}

/** As app/entry.server.tsx renders a page (a fragment is rendered by another renderer, inside this one's render). */
function renderDocument(element: ReactElement): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        html += chunk.toString();
        done();
      },
      final(done) {
        resolve(html);
        done();
      },
    });
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(sink), onShellError: reject });
  });
}

describe('the market page on the server', () => {
  const cases: [string, number, number, string][] = [
    ['/clusters', 1, 3, 'en'],
    ['/clusters?sort=apr&order=asc&page=2', 2, 3, 'en'],
    ['/clusters?page=3&model=NVIDIA+L40S', 3, 3, 'zh-CN'],
    ['/clusters?q=nothing', 1, 1, 'en'],
  ];
  it("is the browser's own rendering, reused parts (rows, head, pager, explanations) included, on a miss and a hit", async () => {
    for (const [url, page, pages, language] of cases) {
      const rows = url.includes('nothing') ? [] : Array.from({ length: 12 }, (_, i) => clusterRow(100 - i - page * 12));
      const data = marketData(url.split('?')[1] ?? '', rows, page, pages);
      const fragments = fragmentCache();
      const browser = await renderMarket(url, data, language, null);
      expect(await renderMarket(url, data, language, fragments), `${url} (${language}), first render`).toBe(browser);
      expect(await renderMarket(url, data, language, fragments), `${url} (${language}), reused`).toBe(browser);
      if (rows.length > 0) {
        expect(browser).toContain(`data-testid="cluster-row-${rows[0]!.clusterId}"`);
        expect(browser).toContain('data-testid="market-how"');
      } else expect(browser).toContain('data-testid="market-empty"');
      expect(browser.includes('class="pager"')).toBe(pages > 1);
    }
  });
});
