import { useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { type BaseError, formatUnits, parseUnits } from 'viem';
import { useConnection, useReadContract, useWaitForTransactionReceipt, useWriteContract } from 'wagmi';
import { testStablecoinAbi } from '#contracts';
import { ConnectWallet } from '~/components/ConnectWallet';
import { useStablecoinDecimals } from '~/lib/units';
import type { loader as rootLoader } from '~/root';

/** Connects an injected (EIP-6963 / EIP-1193) wallet and sends one real transaction: a faucet mint of test dollars. */
export function WalletPanel() {
  const usdDecimals = useStablecoinDecimals();
  const faucetAmount = parseUnits('1000', usdDecimals);
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const stablecoin = root?.contracts.stablecoin;
  const connection = useConnection();
  const balance = useReadContract({
    abi: testStablecoinAbi,
    address: stablecoin,
    functionName: 'balanceOf',
    args: connection.address ? [connection.address] : undefined,
    query: { enabled: Boolean(connection.address && stablecoin), refetchInterval: 1_000 },
  });
  const write = useWriteContract();
  const receipt = useWaitForTransactionReceipt({ hash: write.data });

  return (
    <section className="card" aria-labelledby="wallet-heading">
      <h2 id="wallet-heading">{t('overview.wallet')}</h2>
      {!connection.isConnected ? (
        <ConnectWallet />
      ) : (
        <>
          <dl>
            <dt>{t('common.account')}</dt>
            <dd data-testid="wallet-address">{connection.address}</dd>
            <dt>{t('overview.testDollars')}</dt>
            <dd data-testid="wallet-balance" data-value={balance.data?.toString()}>
              {/* A plain decimal (no grouping): the exact balance, readable in every locale. */}
              {balance.data === undefined ? '…' : formatUnits(balance.data, usdDecimals)}
            </dd>
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
                  args: [connection.address, faucetAmount],
                })
              }
            >
              {t('overview.mint')}
            </button>
          </p>
          <ConnectWallet />
          {write.isPending && <p role="status">{t('tx.signing')}</p>}
          {write.error && (
            <p className="error-text">{(write.error as BaseError).shortMessage ?? write.error.message}</p>
          )}
          {write.data && (
            <dl data-testid="receipt">
              <dt>{t('tx.title')}</dt>
              <dd>{write.data}</dd>
              <dt>{t('tx.status')}</dt>
              <dd data-testid="receipt-status">
                {receipt.data ? receipt.data.status : receipt.isError ? 'failed' : 'pending'}
              </dd>
              {receipt.data && (
                <>
                  <dt>{t('tx.block')}</dt>
                  <dd data-testid="receipt-block">{receipt.data.blockNumber.toString()}</dd>
                  <dt>{t('tx.gasUsed')}</dt>
                  <dd>{receipt.data.gasUsed.toString()}</dd>
                </>
              )}
            </dl>
          )}
        </>
      )}
    </section>
  );
}
