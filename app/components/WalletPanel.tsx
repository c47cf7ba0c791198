import { useRouteLoaderData } from '@remix-run/react';
import { type BaseError, formatUnits, parseUnits } from 'viem';
import {
  useConnect,
  useConnection,
  useConnectors,
  useDisconnect,
  useReadContract,
  useWaitForTransactionReceipt,
  useWriteContract,
} from 'wagmi';
import { testStablecoinAbi } from '#contracts';
import type { loader as rootLoader } from '~/root';

const FAUCET_AMOUNT = parseUnits('1000', 6);

function shortError(error: unknown) {
  return (error as BaseError | null)?.shortMessage ?? (error as Error | null)?.message ?? 'Unknown error';
}

/** Connects an injected (EIP-6963 / EIP-1193) wallet and sends one real transaction: a faucet mint of test dollars. */
export function WalletPanel() {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const stablecoin = root?.contracts.stablecoin;
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const balance = useReadContract({
    abi: testStablecoinAbi,
    address: stablecoin,
    functionName: 'balanceOf',
    args: connection.address ? [connection.address] : undefined,
    query: { enabled: Boolean(connection.address && stablecoin), refetchInterval: 1_000 },
  });
  const write = useWriteContract();
  const receipt = useWaitForTransactionReceipt({ hash: write.data });

  if (!connection.isConnected) {
    return (
      <section className="card" aria-labelledby="wallet-heading">
        <h2 id="wallet-heading">Wallet</h2>
        {connectors.length === 0 && <p>No browser wallet found. Install one to send transactions.</p>}
        {connectors.map((connector) => (
          <button
            key={connector.uid}
            type="button"
            onClick={() => connect.mutate({ connector })}
            disabled={connect.isPending}
          >
            Connect {connector.name}
          </button>
        ))}
        {connect.error && <p className="error-text">{shortError(connect.error)}</p>}
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="wallet-heading">
      <h2 id="wallet-heading">Wallet</h2>
      <dl>
        <dt>Account</dt>
        <dd data-testid="wallet-address">{connection.address}</dd>
        <dt>Test dollars</dt>
        <dd data-testid="wallet-balance">{balance.data === undefined ? '…' : formatUnits(balance.data, 6)}</dd>
      </dl>
      <p>
        <button
          type="button"
          disabled={!stablecoin || write.isPending || (Boolean(write.data) && receipt.isLoading)}
          onClick={() =>
            stablecoin &&
            connection.address &&
            write.mutate({
              abi: testStablecoinAbi,
              address: stablecoin,
              functionName: 'mint',
              args: [connection.address, FAUCET_AMOUNT],
            })
          }
        >
          Mint 1,000 test dollars
        </button>{' '}
        <button type="button" className="secondary" onClick={() => disconnect.mutate({})}>
          Disconnect
        </button>
      </p>
      {write.isPending && <p>Confirm the transaction in your wallet…</p>}
      {write.error && <p className="error-text">{shortError(write.error)}</p>}
      {write.data && (
        <dl data-testid="receipt">
          <dt>Transaction</dt>
          <dd>{write.data}</dd>
          <dt>Status</dt>
          <dd data-testid="receipt-status">
            {receipt.data ? receipt.data.status : receipt.isError ? 'failed' : 'pending'}
          </dd>
          {receipt.data && (
            <>
              <dt>Block</dt>
              <dd data-testid="receipt-block">{receipt.data.blockNumber.toString()}</dd>
              <dt>Gas used</dt>
              <dd>{receipt.data.gasUsed.toString()}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
