import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData, useRevalidator, useRouteLoaderData } from '@remix-run/react';
import { useEffect } from 'react';
import { formatUnits } from 'viem';
import { useBlockNumber } from 'wagmi';
import { WalletPanel } from '~/components/WalletPanel';
import { getOverview } from '~/models/overview.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Rackshare — overview' }];

export async function loader({ context }: LoaderFunctionArgs) {
  return getOverview(context);
}

function useRefreshEvery(ms: number) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => state === 'idle' && revalidate(), ms);
    return () => clearInterval(timer);
  }, [ms, revalidate, state]);
}

export default function Overview() {
  const data = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { data: liveBlock } = useBlockNumber({ watch: true });
  useRefreshEvery(2_000);
  const contracts = Object.entries(root?.contracts ?? {}).filter(([, address]) => address);

  return (
    <div className="grid">
      <section className="card" aria-labelledby="chain-heading">
        <h2 id="chain-heading">Chain</h2>
        <dl>
          <dt>Chain id</dt>
          <dd data-testid="chain-id">{root?.chain.id}</dd>
          <dt>Latest block</dt>
          <dd data-testid="latest-block">{liveBlock?.toString() ?? data.head.number}</dd>
          <dt>Indexed up to</dt>
          <dd data-testid="indexed-block">{data.indexedBlock ?? 'not yet'}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="contracts-heading">
        <h2 id="contracts-heading">Deployed contracts</h2>
        <dl>
          {contracts.map(([name, address]) => (
            <div key={name} style={{ display: 'contents' }}>
              <dt>{name}</dt>
              <dd>{address}</dd>
            </div>
          ))}
        </dl>
      </section>
      <WalletPanel />
      <section className="card" aria-labelledby="transfers-heading">
        <h2 id="transfers-heading">Stablecoin transfers indexed</h2>
        <p>
          <span data-testid="transfer-count">{data.transferCount}</span> in the database
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Block</th>
              <th scope="col">To</th>
              <th scope="col">Amount (tUSD)</th>
            </tr>
          </thead>
          <tbody data-testid="transfers">
            {data.recentTransfers.map((transfer) => (
              <tr key={`${transfer.transactionHash}-${transfer.to}`}>
                <td>{transfer.blockNumber}</td>
                <td>{`${transfer.to.slice(0, 8)}…${transfer.to.slice(-6)}`}</td>
                <td>{formatUnits(BigInt(transfer.value), 6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
