import { createInstance } from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { describe, expect, it } from 'vitest';
import { LanguageSwitch, NAV_ITEMS, Navigation, navItemActive } from '~/components/SiteHeader';
import { i18nOptions, supportedLanguages } from '~/i18n';

/** `element` rendered by React on the server at `url`, inside a data router as in the app (Remix's Form needs one). */
async function renderAt(url: string, element: ReactElement, language: string): Promise<string> {
  const { query, dataRoutes } = createStaticHandler([{ id: 'page', path: '*', element }]);
  const context = await query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error(`no route context for ${url}`);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init(i18nOptions(language));
  return renderToString(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(StaticRouterProvider, { router: createStaticRouter(dataRoutes, context), context, hydrate: false }),
    ),
  );
}

/** The same element rendered as the browser renders it (NavLink, Form): `document` exists while it renders. */
async function renderAsBrowser(url: string, element: ReactElement, language: string): Promise<string> {
  const global = globalThis as { document?: unknown };
  global.document = {};
  try {
    return await renderAt(url, element, language);
  } finally {
    delete global.document;
  }
}

const PATHS = [
  '/',
  '/clusters',
  '/clusters/7',
  '/Clusters/7?sort=apr',
  '/clustersx',
  '/operator/3/sale',
  '/portfolio',
  '/governance',
  '/status',
  '/analytics/epochs/1/2',
];

describe('the site header on the server', () => {
  it("is NavLink's and Form's own markup, so the browser hydrates it: every page, both languages", async () => {
    for (const language of supportedLanguages) {
      for (const path of PATHS) {
        const header = createElement(
          'header',
          null,
          createElement(Navigation),
          createElement(LanguageSwitch, { locale: language }),
        );
        const server = await renderAt(path, header, language);
        expect(server, `${path} in ${language}`).toBe(await renderAsBrowser(path, header, language));
      }
    }
  });

  it('marks the page and its section active, the overview only on itself', async () => {
    const html = await renderAt('/clusters/7', createElement(Navigation), 'en');
    expect(html).toContain('<a data-discover="true" aria-current="page" class="active" href="/clusters">Market</a>');
    expect(html).toContain('<a data-discover="true" class="" href="/">Overview</a>');
    expect(html.match(/aria-current/g)).toHaveLength(1);
    expect(NAV_ITEMS.filter(([to]) => navItemActive(to, '/')).map(([to]) => to)).toEqual(['/']);
    expect(NAV_ITEMS.filter(([to]) => navItemActive(to, '/status'))).toEqual([]);
    expect(navItemActive('/operator', '/OPERATOR/3/sale')).toBe(true);
    expect(navItemActive('/operator', '/operators')).toBe(false);
  });

  it('keeps the page and its query as where the language switch returns to', async () => {
    const html = await renderAt(
      '/clusters?sort=apr&page=2',
      createElement(LanguageSwitch, { locale: 'zh-CN' }),
      'zh-CN',
    );
    expect(html).toContain('<form method="post" action="/language" class="language-switch" data-discover="true">');
    expect(html).toContain('name="redirectTo" value="/clusters?sort=apr&amp;page=2"');
    expect(html).toContain('<option value="zh-CN" lang="zh-CN" selected="">简体中文</option>');
  });
});
