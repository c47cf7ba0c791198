import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
} from '@remix-run/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { cookieToInitialState, WagmiProvider } from 'wagmi';
import { createWagmiConfig } from '~/lib/wagmi';
import stylesheet from '~/styles.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { chain } = context;
  return {
    chain: {
      id: chain.chainId,
      name: chain.chainId === 31_337 ? 'Anvil (local)' : `Chain ${chain.chainId}`,
      rpcUrl: chain.publicRpcUrl,
    },
    contracts: chain.deployment.contracts,
    cookie: request.headers.get('cookie') ?? '',
  };
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { chain, cookie } = useLoaderData<typeof loader>();
  const [config] = useState(() => createWagmiConfig(chain));
  const [queryClient] = useState(() => new QueryClient());
  const initialState = cookieToInitialState(config, cookie);
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <header className="topbar">
          <a href="/" className="brand">
            Rackshare
          </a>
          <span className="muted">GPU clusters, fractionalized; revenue streamed per second</span>
        </header>
        <main>
          <Outlet />
        </main>
      </QueryClientProvider>
    </WagmiProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const [title, message] = isRouteErrorResponse(error)
    ? [`${error.status} ${error.statusText}`, typeof error.data === 'string' ? error.data : 'The request failed.']
    : ['Something went wrong', 'An unexpected error occurred. Try again in a moment.'];
  return (
    <main className="error">
      <h1>{title}</h1>
      <p>{message}</p>
      <a href="/">Back to the overview</a>
    </main>
  );
}
