/**
 * Earned revenue over time: the mirror's daily replay (app/models/holdings.server.ts earningsSeries) with its last
 * point, now, replaced by the chain's own claimed + claimable + escrow revenue read with the positions.
 */
import { useTranslation } from 'react-i18next';
import { formatUnits } from 'viem';
import { LazyChart } from '~/components/LazyChart';
import type { EarningsSeries } from '~/models/holdings.server';

export function EarningsChart({
  series,
  chainEarned,
  usdDecimals,
}: {
  series: EarningsSeries;
  /** claimed + claimable + escrow revenue of every position, read from the chain at the positions' block. */
  chainEarned: bigint;
  usdDecimals: number;
}) {
  const { t, i18n } = useTranslation();
  const points = series.points.map((point, i) => ({
    at: BigInt(point.at),
    // A point the bounded replay could not tell exactly is null: a gap in the line, not a wrong figure.
    earned: i === series.points.length - 1 ? chainEarned : point.earned === null ? null : BigInt(point.earned),
  }));
  const last = points.at(-1);
  // One point a day: the date alone (UTC, as the chain's clock) reads better on the axis than a date and time.
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <section className="card" aria-labelledby="earnings-heading">
      <h2 id="earnings-heading">{t('holdings.earnings.title')}</h2>
      <div data-testid="earnings" data-last={last?.earned?.toString() ?? ''} data-points={points.length}>
        <LazyChart
          testId="earnings-chart"
          spec={{
            type: 'line',
            label: t('holdings.earnings.label', { unit: 'tUSD' }),
            labels: points.map((point) => day.format(new Date(Number(point.at) * 1_000))),
            datasets: [
              {
                label: t('holdings.earnings.series'),
                data: points.map((point) =>
                  point.earned === null ? null : Number(formatUnits(point.earned, usdDecimals)),
                ),
              },
            ],
            yTitle: 'tUSD',
          }}
        />
      </div>
      <p className="muted">{t('holdings.earnings.how')}</p>
      {series.truncated && <p className="muted">{t('holdings.earnings.truncated')}</p>}
    </section>
  );
}
