import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { type Hash, TransactionReceiptNotFoundError } from 'viem';
import { z } from 'zod';
import { formatInteger } from '~/lib/format';
import { fromDataSources, notFound, parseOr400, visitorT } from '~/lib/http.server';
import { txHashParam } from '~/lib/params';

export const meta: MetaFunction = () => [{ title: 'Rackshare — transaction' }];

/** A transaction's receipt from the chain: the dashboard's own "block explorer" link target. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { hash } = await parseOr400(z.object({ hash: txHashParam }), params, request);
  const receipt = await fromDataSources(() =>
    context.chain.publicClient.getTransactionReceipt({ hash: hash as Hash }).catch((error) => {
      if (error instanceof TransactionReceiptNotFoundError) return null;
      throw error;
    }),
  );
  if (!receipt) notFound((await visitorT(request))('errors.transactionMissing', { hash }));
  return {
    hash,
    status: receipt.status,
    blockNumber: receipt.blockNumber,
    from: receipt.from,
    to: receipt.to,
    gasUsed: receipt.gasUsed,
    logCount: receipt.logs.length,
  };
}

export default function Transaction() {
  const tx = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t('tx.title')}</h1>
      <section className="card">
        <dl>
          <dt>{t('tx.title')}</dt>
          <dd>{tx.hash}</dd>
          <dt>{t('tx.status')}</dt>
          <dd data-testid="tx-page-status">{t(tx.status === 'success' ? 'tx.success' : 'tx.reverted')}</dd>
          <dt>{t('tx.block')}</dt>
          <dd>{tx.blockNumber.toString()}</dd>
          <dt>{t('tx.from')}</dt>
          <dd>{tx.from}</dd>
          <dt>{t('tx.to')}</dt>
          <dd>{tx.to ?? '—'}</dd>
          <dt>{t('tx.gasUsed')}</dt>
          <dd>{formatInteger(tx.gasUsed, i18n.language)}</dd>
          <dt>{t('tx.logs')}</dt>
          <dd>{tx.logCount}</dd>
        </dl>
      </section>
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
