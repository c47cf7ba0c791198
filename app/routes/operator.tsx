/**
 * The operator area's layout (/operator): the wallet, Sign-In with Ethereum, and the connected operator's clusters as
 * navigation; the child route in the <Outlet/> is the register form (operator._index.tsx) or one cluster's page
 * (operator.$clusterId.tsx). The JSON resource routes beside it (operator_.session.tsx, operator_.attestation.ts,
 * operator_.telemetry.$clusterId.ts) serve the wallet flows and the telemetry polling.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData, useLocation, useNavigate, useRevalidator } from '@remix-run/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAddress, isAddress, isAddressEqual } from 'viem';
import { useConnection } from 'wagmi';
import { ConnectWallet } from '~/components/ConnectWallet';
import type { OperatorOutlet } from '~/components/operator/operator-outlet';
import { SignInPanel } from '~/components/operator/SignInPanel';
import { formatInteger } from '~/lib/format';
import { fromDataSources } from '~/lib/http.server';
import { signedInAddress } from '~/lib/siwe-session.server';
import { listOperatorClusters } from '~/models/clusters.server';

export const meta: MetaFunction = () => [{ title: 'Rackshare — operator' }];

/**
 * The list is the clusters of one operator, read from the mirror by its operator index: the connected wallet's (the
 * page puts it in `?operator=` once the wallet connects), else the signed-in address. No operator, no list.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const asked = new URL(request.url).searchParams.get('operator');
  const signedIn = await fromDataSources(() => signedInAddress(request, context));
  const operator = asked && isAddress(asked) ? getAddress(asked) : (signedIn ?? null);
  const clusters = operator ? await fromDataSources(() => listOperatorClusters(context, operator)) : [];
  return { operator, clusters, signedIn: signedIn ?? null };
}

export default function OperatorLayout() {
  const { operator, clusters, signedIn } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const account = useConnection().address;
  const { revalidate } = useRevalidator();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const listed = Boolean(account && operator && isAddressEqual(operator, account));
  // The loader lists one operator's clusters: ask for the connected wallet's when the page was loaded for another.
  useEffect(() => {
    if (account && !listed)
      navigate({ pathname, search: `?operator=${account}` }, { replace: true, preventScrollReset: true });
  }, [account, listed, navigate, pathname]);
  const mine = useMemo(
    () => (account && listed ? clusters.filter((cluster) => isAddressEqual(cluster.operator, account)) : []),
    [account, listed, clusters],
  );
  // UUID lists typed into the registration form in this tab, by cluster id: the attestation form starts from them.
  const [inventories, setInventories] = useState<Record<string, string>>({});
  const rememberInventory = useCallback(
    (clusterId: bigint, uuidText: string) =>
      setInventories((known) => ({ ...known, [clusterId.toString()]: uuidText })),
    [],
  );
  const signedInHere = Boolean(account && signedIn && isAddressEqual(signedIn, account));

  return (
    <>
      <h1>{t('operator.title')}</h1>
      <ConnectWallet />
      {!account ? (
        <p className="empty">{t('common.connectFirst')}</p>
      ) : (
        <div className="grid">
          <section className="card" aria-labelledby="mine-heading">
            <h2 id="mine-heading">{t('operator.yourClusters')}</h2>
            <SignInPanel account={account} signedIn={signedInHere} onChange={revalidate} />
            {mine.length === 0 ? (
              <p className="empty" data-testid="operator-empty">
                {t('operator.none')}
              </p>
            ) : (
              <nav aria-labelledby="mine-heading">
                <ul className="plain-list">
                  {mine.map((cluster) => (
                    <li key={cluster.id.toString()} data-testid={`operator-nav-${cluster.id}`}>
                      <NavLink to={{ pathname: `/operator/${cluster.id}`, search }} preventScrollReset>
                        {t('common.cluster', { id: cluster.id.toString() })}
                      </NavLink>{' '}
                      — {cluster.gpuModel} × {formatInteger(cluster.gpuCount, i18n.language)} · {cluster.location}{' '}
                      <span className={`badge status-${cluster.status}`}>{t(`status.${cluster.status}`)}</span>
                      {cluster.token && <> · {t('operator.tokenized', { symbol: cluster.token.symbol })}</>}
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <p>
              <NavLink to={{ pathname: '/operator', search }} end>
                {t('operator.registerCluster')}
              </NavLink>
            </p>
          </section>
          <Outlet
            context={
              {
                account,
                signedIn: signedInHere,
                clusters: mine,
                inventories,
                rememberInventory,
                refresh: revalidate,
              } satisfies OperatorOutlet
            }
          />
        </div>
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
