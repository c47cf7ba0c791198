import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, formatUnits, isAddress, parseUnits } from 'viem';
import { useConnection, useReadContract } from 'wagmi';
import { offeringAbi, offeringPhase as Phase, shareTokenAbi } from '#contracts';
import { errorNameOfSelector } from '#protocol/errors';
import { earned } from '#protocol/figures/earned';
import { extrapolateClaimable, holderRatePerDay, RATE_SCALE, rateAt } from '#protocol/stream';
import { ConnectWallet } from '~/components/ConnectWallet';
import { FigureHow } from '~/components/Figure';
import { useChainNow, usePositions } from '~/components/positions';
import { TxStatus } from '~/components/TxStatus';
import { toCsv } from '~/lib/csv';
import { formatShares, formatUsd, SHARE_DECIMALS } from '~/lib/format';
import { fromDataSources } from '~/lib/http.server';
import { useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';
import { listShareTokens } from '~/models/clusters.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Rackshare — portfolio' }];

/** The share tokens from the mirror (one query; the browser then reads the visitor's positions itself). */
export async function loader({ context }: LoaderFunctionArgs) {
  return { tokens: await fromDataSources(() => listShareTokens(context)) };
}

type TokenRef = Awaited<ReturnType<typeof loader>>['tokens'][number];
function TransferForm({
  account,
  positions,
  onSend,
  busy,
}: {
  account: Address;
  positions: { token: TokenRef; balance: bigint }[];
  onSend: (token: TokenRef, to: Address, amount: bigint) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [tokenAddress, setTokenAddress] = useState(positions[0]?.token.address ?? '');
  const [recipient, setRecipient] = useState('');
  const [amountText, setAmountText] = useState('');
  const token = positions.find((position) => position.token.address === tokenAddress)?.token;
  const to = isAddress(recipient) ? recipient : undefined;
  let amount: bigint | undefined;
  try {
    amount = /^\d+(\.\d{1,18})?$/.test(amountText.trim()) ? parseUnits(amountText.trim(), SHARE_DECIMALS) : undefined;
  } catch {
    amount = undefined;
  }
  const check = useReadContract({
    address: token?.address,
    abi: shareTokenAbi,
    functionName: 'canTransfer',
    args: to && amount ? [account, to, amount] : undefined,
    query: { enabled: Boolean(token && to && amount) },
  });
  const blocked = check.data && !check.data[0] ? errorNameOfSelector(check.data[1]) : undefined;
  return (
    <section className="card" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('portfolio.transfer')}</h2>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (token && to && amount && !blocked) onSend(token, to, amount);
        }}
      >
        <label htmlFor="transfer-token">{t('portfolio.token')}</label>
        <select id="transfer-token" value={tokenAddress} onChange={(event) => setTokenAddress(event.target.value)}>
          {positions.map((position) => (
            <option key={position.token.address} value={position.token.address}>
              {position.token.symbol}
            </option>
          ))}
        </select>
        <label htmlFor="transfer-to">{t('portfolio.recipient')}</label>
        <input
          id="transfer-to"
          autoComplete="off"
          spellCheck={false}
          value={recipient}
          onChange={(event) => setRecipient(event.target.value.trim())}
          aria-invalid={recipient !== '' && !to}
        />
        {recipient !== '' && !to && <p className="error-text">{t('portfolio.invalidAddress')}</p>}
        <label htmlFor="transfer-amount">{t('portfolio.amount')}</label>
        <input
          id="transfer-amount"
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(event) => setAmountText(event.target.value)}
          aria-invalid={amountText !== '' && !amount}
        />
        {amountText !== '' && !amount && <p className="error-text">{t('portfolio.invalidAmount')}</p>}
        {blocked && (
          <p className="error-text" role="alert" data-testid="transfer-blocked">
            {t('portfolio.cannotTransfer', { reason: blocked })}
          </p>
        )}
        <button type="submit" disabled={busy || !token || !to || !amount || Boolean(blocked) || check.isLoading}>
          {t('portfolio.send')}
        </button>
      </form>
    </section>
  );
}

export default function Portfolio() {
  const usdDecimals = useStablecoinDecimals();
  const { tokens } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const connection = useConnection();
  const account = connection.address;
  const positionsQuery = usePositions(account, tokens, root?.deployBlock);
  const data = positionsQuery.data;
  const now = useChainNow(data?.readAt, data?.fetchedAt);
  const flow = useTransactionFlow();

  const rows = useMemo(
    () =>
      (data?.positions ?? []).map((position) => {
        const claimable =
          now === undefined ? position.snapshot.claimable : extrapolateClaimable(position.snapshot, now);
        const { snapshot } = position;
        const ratePerDay = holderRatePerDay(
          rateAt(snapshot, now ?? snapshot.readAt),
          snapshot.balance,
          snapshot.totalSupply,
        );
        return {
          ...position,
          claimable,
          ratePerDay,
          earned: earned({ claimed: position.claimed, claimable, escrowRevenue: position.escrowRevenue }),
        };
      }),
    [data, now],
  );

  async function afterWrite() {
    await positionsQuery.refetch();
  }

  async function claim(tokenRefs: TokenRef[]) {
    if (!account) return;
    await flow.run(async ({ send }) => {
      let last: Awaited<ReturnType<typeof send>> | undefined;
      for (const token of tokenRefs) {
        last = await send(
          { account, address: token.address, abi: shareTokenAbi, functionName: 'claim' },
          `${t('portfolio.claim')} ${token.symbol}`,
        );
      }
      return last!;
    });
    await afterWrite();
  }

  async function offeringAction(token: TokenRef, functionName: 'withdrawShares' | 'refund' | 'claimEscrowRevenue') {
    if (!account) return;
    // Escrow revenue can be claimed while the shares cannot move (paused token, frozen wallet): claims never stop.
    const args = functionName === 'claimEscrowRevenue' ? [account] : [];
    await flow.run(({ send }) => send({ account, address: token.offering, abi: offeringAbi, functionName, args }));
    await afterWrite();
  }

  async function transfer(token: TokenRef, to: Address, amount: bigint) {
    if (!account) return;
    await flow.run(({ send }) =>
      send({ account, address: token.address, abi: shareTokenAbi, functionName: 'transfer', args: [to, amount] }),
    );
    await afterWrite();
  }

  function exportCsv() {
    const csv = toCsv(
      [
        'cluster_id',
        'token_symbol',
        'token_name',
        'token_address',
        'balance',
        'in_escrow',
        'claimable_tusd',
        'earned_tusd',
      ],
      rows.map((row) => [
        row.token.clusterId,
        row.token.symbol,
        row.token.name,
        row.token.address,
        formatUnits(row.balance, SHARE_DECIMALS),
        formatUnits(row.escrowedShares, SHARE_DECIMALS),
        formatUnits(row.claimable, usdDecimals),
        formatUnits(row.earned, usdDecimals),
      ]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `rackshare-holdings-${account?.slice(0, 8) ?? 'account'}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  }

  const claimableTokens = rows
    .filter((row) => row.snapshot.claimable > 0n || row.claimable > 0n)
    .map((row) => row.token);

  return (
    <>
      <h1>{t('portfolio.title')}</h1>
      <ConnectWallet />
      {!account ? (
        <p className="empty">{t('common.connectFirst')}</p>
      ) : positionsQuery.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty" data-testid="portfolio-empty">
          {t('portfolio.empty')} <Link to="/clusters">{t('nav.market')}</Link>
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="holdings-heading">
            <h2 id="holdings-heading">{t('portfolio.holdings')}</h2>
            <div className="toolbar">
              <button
                type="button"
                onClick={() => void claim(claimableTokens)}
                disabled={flow.busy || claimableTokens.length === 0}
              >
                {t('portfolio.claimAll')}
              </button>
              <button type="button" className="secondary" onClick={exportCsv}>
                {t('portfolio.exportCsv')}
              </button>
            </div>
            <div className="table-scroll">
              <table data-testid="holdings">
                <thead>
                  <tr>
                    <th scope="col">{t('portfolio.token')}</th>
                    <th scope="col">{t('portfolio.balance')}</th>
                    <th scope="col">{t('portfolio.escrowed')}</th>
                    <th scope="col">{t('portfolio.claimable')}</th>
                    <th scope="col">{t('portfolio.earned')}</th>
                    <th scope="col">{t('passport.rate')}</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.token.address} data-testid={`holding-${row.token.clusterId}`}>
                      <th scope="row">
                        <Link to={`/clusters/${row.token.clusterId}`}>{row.token.symbol}</Link>
                      </th>
                      <td className="num" data-testid="holding-balance" data-value={row.balance.toString()}>
                        {formatShares(row.balance, locale)}
                      </td>
                      <td className="num" data-testid="holding-escrowed" data-value={row.escrowedShares.toString()}>
                        {formatShares(row.escrowedShares, locale)}
                      </td>
                      <td className="num" data-testid="holding-claimable" data-value={row.claimable.toString()}>
                        {formatUsd(row.claimable, usdDecimals, locale, 6)}
                        <FigureHow
                          testId="holding-claimable"
                          explain={{
                            formula: t('figure.claimable', { readAt: row.snapshot.readAt.toString() }),
                            inputs: [
                              { label: 'claimable', value: row.snapshot.claimable.toString() },
                              { label: 'balance', value: row.snapshot.balance.toString() },
                              { label: 'totalSupply', value: row.snapshot.totalSupply.toString() },
                              { label: 'ratePerSecond', value: row.snapshot.ratePerSecond.toString() },
                              { label: 'RATE_SCALE', value: RATE_SCALE.toString() },
                              { label: 'end', value: row.snapshot.end.toString() },
                            ],
                          }}
                        />
                      </td>
                      <td className="num" data-testid="holding-earned" data-value={row.earned.toString()}>
                        {formatUsd(row.earned, usdDecimals, locale, 6)}
                        <FigureHow
                          testId="holding-earned"
                          explain={{
                            formula: t('figure.earned'),
                            inputs: [
                              { label: 'claimed', value: row.claimed.toString() },
                              { label: 'claimable', value: row.claimable.toString() },
                              { label: 'escrowRevenue', value: row.escrowRevenue.toString() },
                            ],
                          }}
                        />
                      </td>
                      <td className="num" data-testid="holding-rate" data-value={row.ratePerDay.toString()}>
                        {t('passport.perDay', { amount: formatUsd(row.ratePerDay, usdDecimals, locale) })}
                        <FigureHow
                          testId="holding-rate"
                          explain={{
                            formula: `balance × ${t('figure.rate')} ÷ totalSupply`,
                            source: { href: `/clusters/${row.token.clusterId}`, label: row.token.symbol },
                          }}
                        />
                      </td>
                      <td className="actions">
                        <button
                          type="button"
                          onClick={() => void claim([row.token])}
                          disabled={flow.busy || row.claimable === 0n}
                        >
                          {t('portfolio.claim')}
                          <span className="visually-hidden"> {row.token.symbol}</span>
                        </button>
                        {row.phase === Phase.Finalized && row.escrowedShares > 0n && (
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => void offeringAction(row.token, 'withdrawShares')}
                            disabled={flow.busy}
                          >
                            {t('portfolio.withdraw')}
                          </button>
                        )}
                        {row.phase === Phase.Finalized && row.escrowRevenue > 0n && (
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => void offeringAction(row.token, 'claimEscrowRevenue')}
                            disabled={flow.busy}
                          >
                            {t('portfolio.claimEscrowRevenue')}
                          </button>
                        )}
                        {(row.phase === Phase.Failed || row.phase === Phase.Cancelled) && row.paid > 0n && (
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => void offeringAction(row.token, 'refund')}
                            disabled={flow.busy}
                          >
                            {t('portfolio.refund')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <TxStatus state={flow.state} testId="portfolio-status" />
          </section>
          {rows.some((row) => row.balance > 0n) && (
            <TransferForm
              account={account}
              positions={rows.filter((row) => row.balance > 0n)}
              onSend={(token, to, amount) => void transfer(token, to, amount)}
              busy={flow.busy}
            />
          )}
        </>
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
