/**
 * The market components' server markup for tests: rendered by React on the server inside a data router (Remix's
 * Link and fetchers need one) with a fresh i18n instance of `language`, as a shared page is rendered.
 */
import { createInstance } from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { i18nOptions } from '~/i18n';

export async function renderMarkup(element: ReactElement, language: string, url = '/clusters/7'): Promise<string> {
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
