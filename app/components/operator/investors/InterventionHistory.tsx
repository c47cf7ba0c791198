/**
 * A cluster's interventions (forced transfers, wallet recoveries, purchases moved out of the offering's escrow) as the
 * chain recorded them, each with the reason and document its operator gave (app/models/interventions.server.ts). Shown on the public cluster page and in the
 * operator's Investors tab. Text only: the reason is never rendered as HTML, the document link only when it is http(s).
 * One page at a time (HISTORY_LIMIT, newest first): `older` is the next page's cursor, carried in the page's own URL
 * (`?before=`), so every intervention's reason stays reachable however many follow it (attacker report L-2).
 */
import { Link, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatShares, formatUsd, SHARE_DECIMALS, shortAddress } from '~/lib/format';
import { safeHttpUrl } from '~/lib/params';
import { useStablecoinDecimals } from '~/lib/units';
import type { InterventionEntry } from '~/models/interventions-history.server';

export function InterventionHistory({
  entries,
  older = null,
  paged = false,
}: {
  entries: InterventionEntry[];
  /** The next (older) page's cursor, null on the last page. */
  older?: string | null;
  /** This is an older page (reached through `?before=`): offer the way back to the newest. */
  paged?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const usdDecimals = useStablecoinDecimals();
  const locale = i18n.language;
  const { pathname, search } = useLocation();
  const pageLink = (before: string | null) => {
    const query = new URLSearchParams(search);
    if (before === null) query.delete('before');
    else query.set('before', before);
    const text = query.toString();
    return text ? `${pathname}?${text}` : pathname;
  };
  const pages = (older !== null || paged) && (
    <nav className="row" aria-label={t('investors.history.pages')} data-testid="interventions-pages">
      {paged && (
        <Link to={pageLink(null)} preventScrollReset data-testid="interventions-newest">
          {t('investors.history.newest')}
        </Link>
      )}
      {older !== null && (
        <Link to={pageLink(older)} preventScrollReset data-testid="interventions-older">
          {t('investors.history.older')}
        </Link>
      )}
    </nav>
  );
  if (entries.length === 0)
    return (
      <>
        <p className="muted" data-testid="interventions-empty">
          {t('investors.history.none')}
        </p>
        {pages}
      </>
    );
  return (
    <>
      <ol className="plain-list stack" data-testid="interventions">
        {entries.map((entry) => {
          const document = entry.record?.document;
          const href = document ? safeHttpUrl(document.uri) : undefined;
          return (
            <li
              key={`${entry.txHash}-${entry.from}`}
              data-testid={`intervention-${entry.txHash}`}
              data-kind={entry.kind}
            >
              <strong>{t(`investors.kinds.${entry.kind}`)}</strong> ·{' '}
              {formatDateTime(Math.floor(Date.parse(entry.blockTime) / 1_000), locale)} UTC ·{' '}
              <Link to={`/tx/${entry.txHash}`}>{t('investors.history.transaction')}</Link>
              <br />
              {t('investors.history.accounts', { from: shortAddress(entry.from), to: shortAddress(entry.to) })} ·{' '}
              {entry.kind === 'purchase_recovered'
                ? t('investors.history.escrowShares')
                : t('investors.history.shares')}{' '}
              {/* Every share-wei: maximumFractionDigits is the share's decimals. */}
              <span data-testid="intervention-shares">
                {formatShares(BigInt(entry.shares), locale, SHARE_DECIMALS)}
              </span>
              {entry.paid !== null ? (
                <>
                  {' '}
                  · {t('investors.history.paid')}{' '}
                  <span data-testid="intervention-paid">
                    {formatUsd(BigInt(entry.paid), usdDecimals, locale, usdDecimals)}
                  </span>{' '}
                  · {t('investors.history.escrowNote')}
                </>
              ) : entry.revenue === null ? (
                <> · {t('investors.history.forcedNote')}</>
              ) : (
                <>
                  {' '}
                  · {t('investors.history.revenue')}{' '}
                  {/* Every base unit: a recovery moves the unclaimed revenue exactly, however small. */}
                  <span data-testid="intervention-revenue">
                    {formatUsd(BigInt(entry.revenue), usdDecimals, locale, usdDecimals)}
                  </span>
                </>
              )}
              <br />
              {entry.record ? (
                <>
                  <span data-testid="intervention-reason" style={{ whiteSpace: 'pre-wrap' }}>
                    {t('investors.history.reason', { reason: entry.record.reason })}
                  </span>
                  <br />
                  <small className="muted">
                    {t('investors.history.document')}{' '}
                    {href ? (
                      <a href={href} rel="noreferrer noopener" target="_blank" data-testid="intervention-document">
                        {document!.title ?? document!.uri}
                      </a>
                    ) : (
                      <span data-testid="intervention-document">
                        {document!.title ? `${document!.title} (${document!.uri})` : document!.uri}
                      </span>
                    )}{' '}
                    · SHA-256 <code>{document!.sha256.slice(2)}</code>
                    {entry.draft && <> · {t('investors.history.matched')}</>}
                  </small>
                </>
              ) : (
                <span className="muted" data-testid="intervention-no-reason">
                  {t('investors.history.noReason')}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {pages}
    </>
  );
}
