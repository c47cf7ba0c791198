/**
 * Revenue deposit of one tokenized cluster. Revenue already deposited keeps its schedule, so a deposit may neither end
 * the running stream earlier nor slow it down (and a named payer has a horizon): the durations an amount may take
 * depend on the stream running now, and the token computes them exactly (`depositLimits`). The form shows them to the
 * minute, offers "until the running stream ends" as one click (sent as an absolute end, `depositRevenueUntil`, so it
 * still lands however long the wallet takes), and refuses nothing itself that the chain would accept. Given `owed`
 * (the Revenue tab's outstanding amount), it starts from that amount and offers "Deposit what I owe" in one click: the
 * amount streamed over a week, moved into the token's limits for it (until the running end when that is later).
 */
import { useRouteLoaderData } from '@remix-run/react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, formatUnits, parseUnits } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { z } from 'zod';
import { shareTokenAbi, testStablecoinAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { formatDateTime, formatUsd } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';
import type { ClusterListItem } from '~/models/clusters.server';
import type { loader as rootLoader } from '~/root';

/** An amount with at most the stablecoin's decimals (read from the chain, see useStablecoinDecimals). */
const amountTextOf = (decimals: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(decimals > 0 ? `^\\d+(\\.\\d{1,${decimals}})?$` : '^\\d+$'));

const depositSchemaOf = (decimals: number) =>
  z.object({
    amount: amountTextOf(decimals),
    // Hours with up to six decimals: "until the running end" is an exact number of seconds.
    // The upper bound is the token's (MAX_DURATION and the merge rule), refused with its reason by the simulation.
    hours: z.coerce
      .number()
      .positive()
      .refine((hours) => Number.isSafeInteger(Math.round(hours * 3_600)) && Math.round(hours * 3_600) >= 1),
  });

/** `minutes` as "2 h 05 min" (or the locale's units). */
function useHoursMinutes() {
  const { t } = useTranslation();
  return (minutes: number) =>
    t('operator.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

/** The tranche's duration of a weekly settlement: a week, or the nearest the token accepts for the amount. */
const WEEK_SECONDS = 604_800n;

/**
 * The owed deposit: `seconds`, a week moved into the token's limits for the amount (depositLimits, read at chain time
 * t), and, while a stream runs (minSeconds > 1: the running end is t + minSeconds), the END to send instead
 * (depositRevenueUntil). Both limits shrink by a second with every second before the deposit is mined, but the ends
 * they allow do not move: from the running end to the running end plus the amount at the running rate
 * (ShareToken._mergeBounds). So t + seconds still lands however long the wallet takes, with no margin cut off it.
 * Without a running stream the limits do not move, and the duration is sent.
 */
export function owedDeposit(
  minSeconds: bigint,
  maxSeconds: bigint,
  streamEnd: bigint | undefined,
): { seconds: bigint; end: bigint | null } {
  const capped = WEEK_SECONDS < maxSeconds ? WEEK_SECONDS : maxSeconds;
  const seconds = capped > minSeconds ? capped : minSeconds;
  const running = minSeconds > 1n && streamEnd !== undefined;
  return { seconds, end: running ? streamEnd - minSeconds + seconds : null };
}

export function DepositForm({
  cluster,
  account,
  onDone,
  owed,
}: {
  cluster: ClusterListItem;
  account: Address;
  onDone: () => void;
  /** Stablecoin base units owed (reported − deposited); undefined on the overview, where no figure is at hand. */
  owed?: bigint;
}) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const config = useConfig();
  const flow = useTransactionFlow();
  const hoursMinutes = useHoursMinutes();
  const stablecoin = useRouteLoaderData<typeof rootLoader>('root')?.contracts.stablecoin;
  const [invalid, setInvalid] = useState(false);
  const [amount, setAmount] = useState(owed !== undefined && owed > 0n ? formatUnits(owed, usdDecimals) : '100');
  const [hours, setHours] = useState('168');
  /** Set by "until the running end" and cleared by any edit of the duration: the end the deposit streams until. */
  const [untilEnd, setUntilEnd] = useState<bigint | null>(null);
  const token = cluster.token!;
  const prefix = `deposit-${cluster.id}`;
  const typedAmount = amountTextOf(usdDecimals).safeParse(amount);
  const limits = useReadContract({
    address: token.address,
    abi: shareTokenAbi,
    functionName: 'depositLimits',
    args: [account, typedAmount.success ? parseUnits(typedAmount.data, usdDecimals) : 0n],
    // The limits move with the chain's clock and with every deposit: asked again now and then, and after ours.
    query: { enabled: typedAmount.success, refetchInterval: 15_000 },
  });
  const stream = useReadContract({
    address: token.address,
    abi: shareTokenAbi,
    functionName: 'stream',
    query: { refetchInterval: 15_000 },
  });
  const owedLimits = useReadContract({
    address: token.address,
    abi: shareTokenAbi,
    functionName: 'depositLimits',
    args: [account, owed ?? 0n],
    query: { enabled: owed !== undefined && owed > 0n, refetchInterval: 15_000 },
  });
  const [minSeconds, maxSeconds] = limits.data ?? [undefined, undefined];
  const running = minSeconds !== undefined && minSeconds > 1n && stream.data !== undefined;
  // To the minute, inward: every duration in the range shown is accepted.
  const minMinutes = minSeconds === undefined ? undefined : Math.ceil(Number(minSeconds) / 60);
  const maxMinutes = maxSeconds === undefined ? undefined : Math.floor(Number(maxSeconds) / 60);

  /** Approve (when the allowance is short) and deposit `value` over `seconds`, or until `end` when given. */
  async function deposit(value: bigint, seconds: bigint, end: bigint | null) {
    if (!stablecoin) return;
    // A duration out of range still goes to the chain's simulation, which refuses it with StreamWouldEndEarlier /
    // StreamWouldSlowDown / PayerHorizonExceeded before anything is signed; the status line shows the reason.
    const receipt = await flow.run(async ({ send }) => {
      const allowance = await readContract(config, {
        address: stablecoin,
        abi: testStablecoinAbi,
        functionName: 'allowance',
        args: [account, token.address],
      });
      if (allowance < value) {
        await send(
          {
            account,
            address: stablecoin,
            abi: testStablecoinAbi,
            functionName: 'approve',
            args: [token.address, value],
          },
          'approve',
        );
      }
      if (end !== null) {
        return send(
          {
            account,
            address: token.address,
            abi: shareTokenAbi,
            functionName: 'depositRevenueUntil',
            args: [value, end],
          },
          'depositRevenue',
        );
      }
      return send(
        {
          account,
          address: token.address,
          abi: shareTokenAbi,
          functionName: 'depositRevenue',
          args: [value, seconds],
        },
        'depositRevenue',
      );
    });
    if (receipt) {
      await Promise.all([limits.refetch(), stream.refetch(), owedLimits.refetch()]);
      onDone();
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = depositSchemaOf(usdDecimals).safeParse({ amount, hours });
    const value = parsed.success ? parseUnits(parsed.data.amount, usdDecimals) : 0n;
    setInvalid(!parsed.success || value === 0n);
    if (!parsed.success || value === 0n) return;
    await deposit(value, BigInt(Math.round(parsed.data.hours * 3_600)), untilEnd);
  }

  const [owedMin, owedMax] = owedLimits.data ?? [undefined, undefined];
  const owedTranche =
    owedMin !== undefined && owedMax !== undefined && owedMax > 0n
      ? owedDeposit(owedMin, owedMax, stream.data?.end)
      : undefined;
  const owedSeconds = owedTranche?.seconds;
  // While a stream runs the end is sent, which needs the stream's read too.
  const owedReady = owedTranche !== undefined && (owedTranche.end !== null || owedMin! <= 1n);

  async function payOwed() {
    if (owed === undefined || owed === 0n || owedTranche === undefined || !owedReady) return;
    setAmount(formatUnits(owed, usdDecimals));
    await deposit(owed, owedTranche.seconds, owedTranche.end);
  }

  function untilRunningEnd() {
    if (minSeconds === undefined || stream.data === undefined) return;
    setHours((Number(minSeconds) / 3_600).toFixed(6));
    setUntilEnd(stream.data.end);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label={t('operator.deposit')} noValidate>
      <h3>{t('operator.deposit')}</h3>
      {owed !== undefined && owed > 0n && (
        <div className="stack" data-testid={`deposit-owed-${cluster.id}`}>
          <p data-testid={`deposit-owed-what-${cluster.id}`}>
            {owedSeconds === undefined
              ? t('console.revenue.owedUnavailable')
              : t('console.revenue.owedWhat', {
                  amount: formatUsd(owed, usdDecimals, i18n.language, usdDecimals),
                  duration: hoursMinutes(Math.round(Number(owedSeconds) / 60)),
                })}
          </p>
          <button
            type="button"
            onClick={() => void payOwed()}
            disabled={flow.busy || !owedReady}
            data-testid={`deposit-owed-button-${cluster.id}`}
          >
            {t('console.revenue.payOwed', { amount: formatUsd(owed, usdDecimals, i18n.language, usdDecimals) })}
          </button>
        </div>
      )}
      <label htmlFor={`${prefix}-amount`}>{t('operator.depositAmount')}</label>
      <input
        id={`${prefix}-amount`}
        name="amount"
        inputMode="decimal"
        value={amount}
        onChange={(event) => setAmount(event.currentTarget.value)}
        aria-invalid={invalid}
      />
      <label htmlFor={`${prefix}-hours`}>{t('operator.depositDuration')}</label>
      <input
        id={`${prefix}-hours`}
        name="hours"
        inputMode="decimal"
        value={hours}
        onChange={(event) => {
          setHours(event.currentTarget.value);
          setUntilEnd(null);
        }}
        aria-invalid={invalid}
        aria-describedby={`${prefix}-limits`}
      />
      {minMinutes !== undefined && maxMinutes !== undefined && maxSeconds !== 0n && (
        <p className="muted" id={`${prefix}-limits`} data-testid={`deposit-limits-${cluster.id}`}>
          {!running
            ? t('operator.depositLimitsFree', { max: hoursMinutes(maxMinutes) })
            : maxMinutes < minMinutes
              ? t('operator.depositLimitsOnlyEnd', { end: formatDateTime(stream.data!.end, i18n.language) })
              : t('operator.depositLimitsRunning', {
                  min: hoursMinutes(minMinutes),
                  max: hoursMinutes(maxMinutes),
                  end: formatDateTime(stream.data!.end, i18n.language),
                })}
        </p>
      )}
      {maxSeconds === 0n && <p className="error-text">{t('operator.depositNotAllowed')}</p>}
      {running && (
        <button
          type="button"
          className="secondary"
          onClick={untilRunningEnd}
          data-testid={`deposit-until-end-${cluster.id}`}
        >
          {t('operator.depositUntilEnd')}
        </button>
      )}
      {invalid && <p className="error-text">{t('validation.positive')}</p>}
      <button type="submit" disabled={flow.busy}>
        {t('operator.submitDeposit')}
      </button>
      <TxStatus state={flow.state} testId={`deposit-status-${cluster.id}`} />
    </form>
  );
}
