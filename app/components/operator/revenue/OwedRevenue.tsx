/**
 * Reported vs deposited since tokenization, the outstanding amount, a bounded weekly table (newest first) and the
 * token's stream, as the Revenue tab's loader read them (amounts in base units).
 */
import { useTranslation } from 'react-i18next';
import { streamRatePerDay } from '#protocol/stream';
import { formatDateTime, formatUsd } from '~/lib/format';
import { useStablecoinDecimals } from '~/lib/units';

export type OwedData = {
  now: bigint;
  reported: bigint;
  deposited: bigint;
  outstanding: bigint;
  ahead: bigint;
  mirroredBlock: bigint | null;
  mirrorCurrent: boolean;
  chainDeposited: bigint;
  weeks: { from: number; to: number; reported: bigint; deposited: bigint; balance: bigint }[];
  stream: { ratePerSecond: bigint; end: bigint };
  paused: boolean;
};

const day = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString().slice(0, 10);

export function OwedRevenue({ owed }: { owed: OwedData }) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const usd = (value: bigint) => formatUsd(value, usdDecimals, i18n.language, usdDecimals);
  const rate = streamRatePerDay(owed.stream, owed.now);
  return (
    <section className="stack" aria-labelledby="owed-heading">
      <h3 id="owed-heading">{t('console.revenue.title')}</h3>
      <p className="muted">{t('console.revenue.explain')}</p>
      <dl>
        <dt>{t('console.revenue.reported')}</dt>
        <dd data-testid="owed-reported" data-value={owed.reported.toString()}>
          {usd(owed.reported)}
        </dd>
        <dt>{t('console.revenue.deposited')}</dt>
        <dd data-testid="owed-deposited" data-value={owed.deposited.toString()}>
          {usd(owed.deposited)}
        </dd>
        <dt>{owed.ahead > 0n ? t('console.revenue.ahead') : t('console.revenue.outstanding')}</dt>
        <dd data-testid="owed-outstanding" data-value={owed.outstanding.toString()}>
          <strong>{usd(owed.ahead > 0n ? owed.ahead : owed.outstanding)}</strong>
        </dd>
      </dl>
      {owed.mirroredBlock !== null && (
        <p className="muted">{t('console.revenue.asOf', { block: owed.mirroredBlock.toString() })}</p>
      )}
      {!owed.mirrorCurrent && (
        <p className="gap" role="status" data-testid="owed-mirror-behind">
          {t('console.revenue.mirrorBehind', { chain: usd(owed.chainDeposited) })}
        </p>
      )}
      <table data-testid="owed-weeks">
        <caption>{t('console.revenue.weeks')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.revenue.week')}</th>
            <th scope="col">{t('console.revenue.reported')}</th>
            <th scope="col">{t('console.revenue.deposited')}</th>
            <th scope="col">{t('console.revenue.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {owed.weeks.map((week) => (
            <tr key={week.from} data-from={week.from}>
              <th scope="row">{t('console.revenue.weekRange', { from: day(week.from), to: day(week.to - 86_400) })}</th>
              <td data-value={week.reported.toString()}>{usd(week.reported)}</td>
              <td data-value={week.deposited.toString()}>{usd(week.deposited)}</td>
              <td data-value={week.balance.toString()}>
                {week.balance < 0n ? `${t('console.revenue.ahead')} ${usd(-week.balance)}` : usd(week.balance)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('console.revenue.stream')}</h4>
      <p
        data-testid="owed-stream"
        data-rate={owed.stream.ratePerSecond.toString()}
        data-end={owed.stream.end.toString()}
      >
        {rate > 0n
          ? t('console.revenue.streamRate', {
              rate: usd(rate),
              end: formatDateTime(owed.stream.end, i18n.language),
            })
          : t('console.revenue.streamIdle')}
      </p>
      {owed.paused && <p className="error-text">{t('console.revenue.paused')}</p>}
    </section>
  );
}
