import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useFetcher, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, formatUnits, isAddress } from 'viem';
import { useConnection } from 'wagmi';
import { offeringAbi, offeringPhase as Phase, rackshareFactoryAbi, shareTokenAbi } from '#contracts';
import { earned } from '#protocol/figures/earned';
import { extrapolateClaimable, holderRatePerDay, RATE_SCALE, rateAt } from '#protocol/stream';
import { ConnectWallet } from '~/components/ConnectWallet';
import { FigureHow } from '~/components/Figure';
import { claimAllPlan, MAX_CLAIM_TOKENS } from '~/components/holdings/claim-all';
import { EarningsChart } from '~/components/holdings/EarningsChart';
import { type ElsewhereKind, elsewhereCall, holdingKinds } from '~/components/holdings/elsewhere';
import { RefundList } from '~/components/holdings/RefundList';
import { SendElsewhere } from '~/components/holdings/SendElsewhere';
import { TransferForm } from '~/components/holdings/TransferForm';
import { VerificationTable } from '~/components/holdings/VerificationTable';
import { useChainNow, usePositions } from '~/components/positions';
import { TxStatus } from '~/components/TxStatus';
import { PortfolioMarket } from '~/components/trading/PortfolioMarket';
import { toCsv } from '~/lib/csv';
import { formatShares, formatUsd, SHARE_DECIMALS } from '~/lib/format';
import { badRequest, fromDataSources } from '~/lib/http.server';
import { useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';
import { headBlock } from '~/models/chain-reads.server';
import { listShareTokens } from '~/models/clusters.server';
import { earningsSeries, verificationOf } from '~/models/holdings.server';
import { getTradingPortfolio } from '~/models/trading-portfolio.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Rackshare — portfolio' }];

/**
 * The share tokens from the mirror (one query; the browser then reads the visitor's positions itself). With
 * `?account=`, also that account's standing on each token (one multicall) and its earnings history (the mirror): the
 * page fetches them once a wallet is connected.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const account = new URL(request.url).searchParams.get('account');
  if (account !== null && !isAddress(account)) badRequest('account must be a 20-byte hex address');
  return fromDataSources(async () => {
    // One head read, shared with the token list's: the list, the standing and the earnings belong to one block.
    const [tokens, head] = await Promise.all([listShareTokens(context), headBlock(context.chain)]);
    if (account === null) return { tokens, investor: null };
    const [verification, earnings, market] = await Promise.all([
      verificationOf(context, account, tokens, head),
      earningsSeries(context, account, head.timestamp),
      getTradingPortfolio(context, account),
    ]);
    return { tokens, investor: { account, verification, earnings, market } };
  });
}

type TokenRef = Awaited<ReturnType<typeof loader>>['tokens'][number];

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
  const investor = useFetcher<typeof loader>();
  const loadInvestor = investor.load;
  useEffect(() => {
    if (account) loadInvestor(`/portfolio?account=${account}`);
  }, [account, loadInvestor]);
  const investorView = investor.data?.investor?.account === account ? investor.data?.investor : undefined;

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
    if (account) loadInvestor(`/portfolio?account=${account}`);
  }

  async function claim(token: TokenRef) {
    if (!account) return;
    await flow.run(({ send }) =>
      send(
        { account, address: token.address, abi: shareTokenAbi, functionName: 'claim' },
        `${t('portfolio.claim')} ${token.symbol}`,
      ),
    );
    await afterWrite();
  }

  /** Every token with revenue to claim, in one transaction through the factory (RackshareFactory.claimAll). */
  async function claimAll(tokens: Address[]) {
    const factory = root?.contracts.factory;
    if (!account || !factory || tokens.length === 0) return;
    await flow.run(({ send }) =>
      send(
        { account, address: factory, abi: rackshareFactoryAbi, functionName: 'claimAll', args: [tokens] },
        t('holdings.claimAllTx'),
      ),
    );
    await afterWrite();
  }

  async function offeringAction(token: TokenRef, functionName: 'withdrawShares' | 'refund' | 'claimEscrowRevenue') {
    if (!account) return;
    // Escrow revenue can be claimed while the shares cannot move (paused token, frozen wallet): claims never stop.
    const args = functionName === 'claimEscrowRevenue' ? [account] : [];
    await flow.run(({ send }) => send({ account, address: token.offering, abi: offeringAbi, functionName, args }));
    await afterWrite();
  }

  /** One of the acts above, paid to another address of the investor's (elsewhere.ts). */
  async function sendElsewhere(token: TokenRef, kind: ElsewhereKind, recipient: Address) {
    if (!account) return;
    const label = t('holdings.elsewhere.tx', {
      action: t(`holdings.elsewhere.send.${kind}`),
      symbol: token.symbol,
      recipient,
    });
    await flow.run(({ send }) => send({ account, ...elsewhereCall(kind, token, recipient) }, label));
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

  const plan = claimAllPlan(rows);
  // Today's point of the earnings chart: the chain's own figures at the positions' block, not extrapolated.
  const chainEarned = rows.reduce(
    (sum, row) =>
      sum + earned({ claimed: row.claimed, claimable: row.snapshot.claimable, escrowRevenue: row.escrowRevenue }),
    0n,
  );

  const marketAddress = root?.contracts.market;
  const marketSection = account && investorView && marketAddress && (
    <PortfolioMarket
      account={account}
      market={marketAddress}
      offers={investorView.market.offers}
      trades={investorView.market.trades}
      usdDecimals={usdDecimals}
      onDone={() => loadInvestor(`/portfolio?account=${account}`)}
    />
  );

  return (
    <>
      <h1>{t('portfolio.title')}</h1>
      <ConnectWallet />
      {/* Outside the holdings: a refund or a sale that empties them must not take its own receipt off the page. */}
      <TxStatus state={flow.state} testId="portfolio-status" />
      {!account ? (
        <p className="empty">{t('common.connectFirst')}</p>
      ) : positionsQuery.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <>
          <p className="empty" data-testid="portfolio-empty">
            {t('portfolio.empty')} <Link to="/clusters">{t('nav.market')}</Link>
          </p>
          {investorView && <VerificationTable view={investorView.verification} />}
          {marketSection}
        </>
      ) : (
        <>
          <section className="card" aria-labelledby="holdings-heading">
            <h2 id="holdings-heading">{t('portfolio.holdings')}</h2>
            <div className="toolbar">
              <button
                type="button"
                data-testid="claim-all"
                data-total={plan.total.toString()}
                data-block={data?.blockNumber.toString()}
                data-tokens={plan.tokens.join(',')}
                aria-describedby="claim-all-how"
                onClick={() => void claimAll(plan.tokens)}
                disabled={flow.busy || plan.tokens.length === 0}
              >
                {t('holdings.claimAll', {
                  count: plan.tokens.length,
                  amount: formatUsd(plan.total, usdDecimals, locale, 6),
                })}
              </button>
              <button type="button" className="secondary" onClick={exportCsv}>
                {t('portfolio.exportCsv')}
              </button>
            </div>
            <p className="muted" id="claim-all-how">
              {t('holdings.claimAllHow')} {plan.capped && t('holdings.claimAllCapped', { max: MAX_CLAIM_TOKENS })}
            </p>
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
                          onClick={() => void claim(row.token)}
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
                        <SendElsewhere
                          kinds={holdingKinds(row)}
                          position={row}
                          account={account}
                          usdDecimals={usdDecimals}
                          busy={flow.busy}
                          onSend={(kind, recipient) => void sendElsewhere(row.token, kind, recipient)}
                          testId={`elsewhere-${row.token.clusterId}`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <RefundList
            rows={rows}
            account={account}
            usdDecimals={usdDecimals}
            busy={flow.busy}
            onRefund={(row) => void offeringAction(row.token, 'refund')}
            onRefundTo={(row, recipient) => void sendElsewhere(row.token, 'refundTo', recipient)}
          />
          {investorView ? (
            <>
              <VerificationTable view={investorView.verification} />
              <EarningsChart series={investorView.earnings} chainEarned={chainEarned} usdDecimals={usdDecimals} />
              {marketSection}
            </>
          ) : (
            <p role="status">{t('holdings.earnings.loading')}</p>
          )}
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
