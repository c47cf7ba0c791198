import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { describe, expect, it } from 'vitest';
import { indexRouteFormAction } from '~/lib/server-markup';
import { FiltersForm } from '~/routes/clusters._index';

/** `element` rendered by React on the server at `url`, as the market's index route, inside a data router. */
async function renderIndexRoute(url: string, element: ReactElement, browser: boolean): Promise<string> {
  const { query, dataRoutes } = createStaticHandler([
    { id: 'root', path: '/', children: [{ id: 'clusters', path: 'clusters', children: [{ index: true, element }] }] },
  ]);
  const context = await query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error(`no route context for ${url}`);
  const global = globalThis as { document?: unknown };
  // The browser's branch (Remix's Form) renders while `document` exists.
  if (browser) global.document = {};
  try {
    return renderToString(
      createElement(StaticRouterProvider, { router: createStaticRouter(dataRoutes, context), context, hydrate: false }),
    );
  } finally {
    delete global.document;
  }
}

const URLS = [
  '/clusters',
  '/clusters/',
  '/CLUSTERS',
  '/clust%65rs',
  '/clusters?sort=apr&order=desc&model=NVIDIA+H100+SXM5+80GB',
  '/clusters?q=a%20b&q=%E4%B8%AD&page=3',
  '/clusters?index',
  '/clusters?index&sort=price',
  '/clusters?index=kept&index&x=%26',
  '/clusters?',
];

describe("the market's filters form on the server", () => {
  it("is Remix's Form's own markup (action included), so the browser hydrates it", async () => {
    for (const url of URLS) {
      const form = createElement(FiltersForm, { label: 'Filter clusters' }, createElement('input', { name: 'q' }));
      const server = await renderIndexRoute(url, form, false);
      expect(server, url).toBe(await renderIndexRoute(url, form, true));
      expect(server).toMatch(
        /^<form method="get" action="[^"]*" class="filters" aria-label="Filter clusters" data-discover="true">/,
      );
    }
  });

  it("keeps the page's query in the action and marks it as the index route's", () => {
    expect(indexRouteFormAction('/clusters', '')).toBe('/clusters?index');
    expect(indexRouteFormAction('/clusters', '?sort=apr&page=2')).toBe('/clusters?index&sort=apr&page=2');
    expect(indexRouteFormAction('/clusters', '?index&sort=apr')).toBe('/clusters?index&sort=apr');
    expect(indexRouteFormAction('/clusters', '?index=a&index')).toBe('/clusters?index&index=a');
  });
});
