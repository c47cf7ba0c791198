import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useNavigation, useRouteLoaderData } from '@remix-run/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import { WagmiProvider } from 'wagmi';
import { LOCAL_CHAIN_ID } from '#contracts/dev-keys';
import { RouteErrorView } from '~/components/RouteError';
import { LanguageSwitch, Navigation } from '~/components/SiteHeader';
import { fallbackLanguage } from '~/i18n';
import { i18nServer } from '~/i18n.server';
import { useNonce } from '~/lib/nonce';
import { createWagmiConfig } from '~/lib/wagmi';
import { stablecoinDecimals } from '~/models/stablecoin.server';
import stylesheet from '~/styles.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { chain } = context;
  return {
    locale: await i18nServer.getLocale(request),
    chain: {
      id: chain.chainId,
      name: chain.chainId === LOCAL_CHAIN_ID ? 'Anvil (local)' : `Chain ${chain.chainId}`,
      rpcUrl: chain.publicRpcUrl,
      // The stack's own anvil (no RPC_URL): the development wallet is offered there only (app/lib/dev-wallet.ts).
      local: chain.localChain === true,
    },
    contracts: chain.deployment.contracts,
    deployBlock: chain.deployment.deployBlock,
    // Read from the stablecoin once per deployment (app/models/stablecoin.server.ts); every formatter uses it.
    stablecoinDecimals: await stablecoinDecimals(chain),
    // No cookie goes into the page: pages marked `public` must be the same for every visitor (a CDN that ignores
    // `Vary: Cookie` would otherwise hand one visitor's wallet to the next, L-7). wagmi reconnects from its own cookie
    // in the browser after hydration.
  };
}

export const handle = { i18n: 'translation' };

function LoadingBar() {
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <div className="loading-bar" role="status" aria-live="polite" data-state={navigation.state}>
      {navigation.state === 'idle' ? '' : t('common.loading')}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const { t, i18n } = useTranslation();
  const locale = data?.locale ?? i18n.language ?? fallbackLanguage;
  const nonce = useNonce();
  useChangeLanguage(locale);
  return (
    <html lang={locale} dir={i18n.dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t('nav.skip')}
        </a>
        <header className="topbar">
          <a href="/" className="brand">
            Rackshare
          </a>
          <Navigation />
          <LanguageSwitch locale={locale} />
        </header>
        <LoadingBar />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="topbar">
          <a href="/status">{t('home.statusLink')}</a>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * On the server the config is only ever rendered disconnected (no initial state, no effects run), so one per chain
 * serves every request; building it (connectors, storage, transports) was ~2 % of a page's render. The browser still
 * gets its own per page load.
 */
const serverWagmiConfigs = new Map<string, ReturnType<typeof createWagmiConfig>>();
function wagmiConfigFor(chain: Parameters<typeof createWagmiConfig>[0]) {
  if (typeof document !== 'undefined') return createWagmiConfig(chain);
  const key = `${chain.id}|${chain.name}|${chain.rpcUrl}|${chain.local}`;
  let config = serverWagmiConfigs.get(key);
  if (!config) {
    // One chain per server; the bound only guards against a context that changes per request.
    if (serverWagmiConfigs.size >= 4) serverWagmiConfigs.clear();
    config = createWagmiConfig(chain);
    serverWagmiConfigs.set(key, config);
  }
  return config;
}

export default function App() {
  const { chain } = useRouteLoaderData<typeof loader>('root')!;
  const [config] = useState(() => wagmiConfigFor(chain));
  const [queryClient] = useState(() => new QueryClient());
  // No initial state: server and browser both render disconnected, then wagmi (ssr: true) restores the connection
  // from its cookie on mount, so the shared HTML never depends on who asked for it.
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <Outlet />
      </QueryClientProvider>
    </WagmiProvider>
  );
}

export function ErrorBoundary() {
  return <RouteErrorView />;
}
