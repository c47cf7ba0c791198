/**
 * A countdown in chain time: the loader's head-block time, advanced by the browser's clock from the moment it arrived
 * (a test chain may run ahead of the wall clock, so the browser's own time would be wrong by that much).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '~/lib/format';

/** Chain time now, in unix seconds, ticking once a second from `chainNow` as read by the loader. */
export function useChainClock(chainNow: bigint): bigint {
  const [now, setNow] = useState(chainNow);
  useEffect(() => {
    const loadedAt = Date.now();
    setNow(chainNow);
    const timer = setInterval(() => setNow(chainNow + BigInt(Math.floor((Date.now() - loadedAt) / 1000))), 1000);
    return () => clearInterval(timer);
  }, [chainNow]);
  return now;
}

export function SaleCountdown({ now, start, end }: { now: bigint; start: bigint; end: bigint }) {
  const { t, i18n } = useTranslation();
  const countdown = (seconds: bigint) => {
    const left = Number(seconds);
    return t('console.sale.countdown', {
      days: Math.floor(left / 86_400),
      hours: Math.floor((left % 86_400) / 3_600),
      minutes: Math.floor((left % 3_600) / 60),
      seconds: left % 60,
    });
  };
  const text =
    now < start
      ? t('console.sale.startsIn', { countdown: countdown(start - now), at: formatDateTime(start, i18n.language) })
      : now < end
        ? t('console.sale.endsIn', { countdown: countdown(end - now), at: formatDateTime(end, i18n.language) })
        : t('console.sale.ended', { at: formatDateTime(end, i18n.language) });
  // Not a live region: a screen reader would read it every second.
  return (
    <p data-testid="sale-countdown" data-start={start.toString()} data-end={end.toString()}>
      {text}
    </p>
  );
}
