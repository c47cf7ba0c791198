/**
 * Locale-aware formatting. On-chain amounts stay bigint: formatUnits turns them into an exact decimal string and
 * Intl formats that string (Intl.NumberFormat accepts decimal strings without going through a float).
 */
import { formatUnits } from 'viem';
import { offeringConstants } from '#contracts';

/** Share tokens' decimals: log10 of the generated SHARE_UNIT (one whole share), never a hand-kept 18. */
export const SHARE_DECIMALS = offeringConstants.SHARE_UNIT.toString().length - 1;

type StringNumeric = Intl.StringNumericLiteral;

// Building an Intl formatter costs far more than using one (a table of 50 rows built ~250 per render): keep them.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

export function formatAmount(
  value: bigint,
  decimals: number,
  locale: string,
  options: { maximumFractionDigits?: number; minimumFractionDigits?: number } = {},
) {
  return numberFormat(locale, {
    maximumFractionDigits: options.maximumFractionDigits ?? 2,
    minimumFractionDigits: options.minimumFractionDigits ?? 0,
    // Truncate rather than round up: never show more than the chain holds.
    roundingMode: 'trunc',
  } as Intl.NumberFormatOptions).format(formatUnits(value, decimals) as StringNumeric);
}

/**
 * Stablecoin base units as test dollars, e.g. "1,234.56 tUSD". `decimals` is the deployment's stablecoin's
 * decimals(), read from the chain (app/models/stablecoin.server.ts, handed to pages by the root loader: useUnits).
 */
export function formatUsd(value: bigint, decimals: number, locale: string, maximumFractionDigits = 2) {
  const shown = Math.min(maximumFractionDigits, decimals);
  return `${formatAmount(value, decimals, locale, { maximumFractionDigits: shown, minimumFractionDigits: Math.min(2, shown) })} tUSD`;
}

export function formatShares(value: bigint, locale: string, maximumFractionDigits = 4) {
  return formatAmount(value, SHARE_DECIMALS, locale, { maximumFractionDigits });
}

export function formatInteger(value: bigint | number, locale: string) {
  return numberFormat(locale).format(value);
}

/** Basis-point style ratio of two bigints as a percentage, computed in integers. */
export function formatPercent(numerator: bigint, denominator: bigint, locale: string) {
  if (denominator === 0n) return numberFormat(locale, { style: 'percent' }).format(0);
  const basisPoints = (numerator * 10_000n) / denominator;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    `${formatUnits(basisPoints, 4)}` as StringNumeric,
  );
}

// A market page formats ~150 ratios per render, mostly the same few hundred values: the string is kept, not rebuilt
// (finding the formatter costs a JSON key per call). Bounded: cleared when full.
const bpsStrings = new Map<string, string>();
const BPS_STRINGS = 20_000;

/** Basis points (10,000 = 100 %) as a percentage with up to one decimal. */
export function formatBps(basisPoints: number, locale: string) {
  const key = `${locale}|${basisPoints}`;
  let text = bpsStrings.get(key);
  if (text === undefined) {
    text = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(basisPoints / 10_000);
    if (bpsStrings.size >= BPS_STRINGS) bpsStrings.clear();
    bpsStrings.set(key, text);
  }
  return text;
}

/** Dates in UTC so the server's and the browser's renderings agree (no hydration mismatch). */
export function formatDateTime(unixSeconds: bigint | number, locale: string) {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(Number(unixSeconds) * 1000));
}

export function formatRelative(unixSeconds: bigint | number, nowSeconds: bigint | number, locale: string) {
  const deltaSeconds = Number(unixSeconds) - Number(nowSeconds);
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  const absolute = Math.abs(deltaSeconds);
  if (absolute < 3_600) return format.format(Math.trunc(deltaSeconds / 60), 'minute');
  if (absolute < 86_400) return format.format(Math.trunc(deltaSeconds / 3_600), 'hour');
  return format.format(Math.trunc(deltaSeconds / 86_400), 'day');
}

export function shortAddress(address: string) {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/**
 * The label parameters of a trailing window (protocol/figures/window.ts): its size and its first and last whole UTC
 * day; `to` is exclusive in the data (midnight after the chain time's day), so the last day shown is the one before it.
 */
export function windowLabel(window: { days: number; from: string; to: string }) {
  return {
    days: window.days,
    from: window.from.slice(0, 10),
    to: new Date(Date.parse(window.to) - 86_400_000).toISOString().slice(0, 10),
  };
}
