/**
 * The figure audit's side of every comparison: figures read off a page (text and raw `data-value` together) and the
 * same figures recomputed from the chain — contract reads at a pinned block, or event logs up to the block the
 * mirror has indexed where the page shows an aggregate. Nothing here imports the app: an expectation built from the
 * code under test could not fail.
 */
import { expect, type Locator } from '@playwright/test';
import { type Address, parseUnits } from 'viem';
import {
  clusterRegistryAbi,
  clusterRegistryClusterStatusNames,
  offeringAbi,
  rackshareFactoryAbi,
  shareTokenAbi,
  testStablecoinAbi,
} from '#contracts';
import { deployment, publicClient } from './chain';

export const USD_DECIMALS = 6;
export const SHARE_DECIMALS = 18;
const DAY_SECONDS = 86_400n;
/** The trailing window the APR, the revenue and the utilization figures are defined over. */
export const WINDOW_DAYS = 30n;

/**
 * The 30 UTC days ending with the chain time's day, today included (written here from the product's rule, not
 * imported): a deposit counts by its block's time, a report by its epoch's end (the last millisecond of the epoch);
 * the APR annualises over the time the window has run, from its first midnight to the chain time.
 */
export function trailingWindow(chainTime: bigint) {
  const from = (chainTime / DAY_SECONDS) * DAY_SECONDS - (WINDOW_DAYS - 1n) * DAY_SECONDS;
  return {
    seconds: chainTime - from,
    hasDeposit: (blockTime: bigint) => blockTime >= from && blockTime <= chainTime,
    hasReport: (epoch: bigint) => epoch * 1000n - 1n >= from * 1000n,
  };
}

export type Shown = { text: string; value: string | null };

/** The text and the raw value of a figure, read in one step so a figure that ticks cannot change in between. */
export async function readFigure(locator: Locator): Promise<Shown> {
  // A missing figure fails here (softly, so one run names every missing id), not at the test's timeout.
  await expect.soft(locator).toBeAttached();
  if ((await locator.count()) === 0) return { text: '', value: null };
  return locator.evaluate((element) => ({
    text: (element.textContent ?? '').trim(),
    value: element.getAttribute('data-value'),
  }));
}

/** Several figures inside `container` (by data-testid), read in one step: a ticking figure and its neighbours agree. */
export async function readFigures(container: Locator, ids: string[]): Promise<Record<string, Shown>> {
  for (const id of ids) await expect.soft(container.getByTestId(id)).toBeAttached();
  return container.evaluate(
    (element, ids) =>
      Object.fromEntries(
        ids.map((id) => {
          const cell = element.querySelector(`[data-testid="${id}"]`);
          return [id, { text: (cell?.textContent ?? '').trim(), value: cell?.getAttribute('data-value') ?? null }];
        }),
      ),
    ids,
  );
}

/** "1,234.56 tUSD" (or a bare "1,234.56") as base units with `decimals` decimals. */
export function parseAmount(text: string, decimals: number) {
  const match = /-?[\d,]+(\.\d+)?/.exec(text);
  if (!match) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return parseUnits(match[0].replaceAll(',', ''), decimals);
}

/** parseAmount, or null where the text holds no amount (a missing figure is reported, not thrown). */
export function amountOrNull(text: string, decimals: number) {
  try {
    return parseAmount(text, decimals);
  } catch {
    return null;
  }
}

/** parsePercentBps, or null where the text holds no percentage. */
export function percentOrNull(text: string) {
  try {
    return parsePercentBps(text);
  } catch {
    return null;
  }
}

/** "12.3%" as basis points. */
export function parsePercentBps(text: string) {
  const match = /(-?[\d,]+(?:\.\d+)?)\s*%/.exec(text);
  if (!match) throw new Error(`no percentage in ${JSON.stringify(text)}`);
  return Number(parseUnits(match[1]!.replaceAll(',', ''), 2));
}

/** `value` cut to `shown` fraction digits of a `decimals`-decimal unit, as the pages truncate (never round up). */
export function truncate(value: bigint, decimals: number, shown: number) {
  const step = 10n ** BigInt(decimals - shown);
  return value - (value % step);
}

/**
 * The text of an amount equals the chain's value cut to as many fraction digits as the text shows (the pages
 * truncate, never round up), so a figure is checked at its display precision whatever precision a page chooses.
 */
export function expectAmountText(text: string, expected: bigint, decimals: number, what: string) {
  const fraction = /[\d,]+(?:\.(\d+))?/.exec(text)?.[1] ?? '';
  // Soft: one run lists every wrong figure, not only the first.
  expect
    .soft(amountOrNull(text, decimals), `${what}: ${JSON.stringify(text)} vs ${expected}`)
    .toBe(truncate(expected, decimals, Math.min(fraction.length, decimals)));
}

/** Basis points shown with one decimal of a percent: the text may be off by half its last digit. */
export const PERCENT_DISPLAY_BPS = 5;

/** What `supply` shares cost at the offering price, rounded up as Offering.quote charges. */
export function supplyCost(supply: bigint, pricePerShare: bigint) {
  return ceilDiv(supply * pricePerShare, 10n ** BigInt(SHARE_DECIMALS));
}

/** Trailing APR in basis points: deposits over the window, annualized, over the whole supply at the offering price. */
export function trailingAprBps(deposited: bigint, supply: bigint, pricePerShare: bigint, windowSeconds: bigint) {
  const supplyValue = supplyCost(supply, pricePerShare);
  if (supplyValue === 0n) return null;
  return Number((deposited * 365n * DAY_SECONDS * 10_000n) / (windowSeconds * supplyValue));
}

export const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** One share token's state as the chain holds it at `blockNumber`. */
export async function tokenAt(token: Address, offering: Address, blockNumber: bigint) {
  const read = <T>(address: Address, abi: unknown, functionName: string, args: unknown[] = []) =>
    publicClient.readContract({ address, abi, functionName, args, blockNumber } as never) as Promise<T>;
  const [totalSupply, stream, rateScale, totalDeposited, terms, sold, raised] = await Promise.all([
    read<bigint>(token, shareTokenAbi, 'totalSupply'),
    read<{ ratePerSecond: bigint; end: bigint }>(token, shareTokenAbi, 'stream'),
    read<bigint>(token, shareTokenAbi, 'RATE_SCALE'),
    read<bigint>(token, shareTokenAbi, 'totalDeposited'),
    read<{ pricePerShare: bigint }>(offering, offeringAbi, 'terms'),
    read<bigint>(offering, offeringAbi, 'sold'),
    read<bigint>(offering, offeringAbi, 'raised'),
  ]);
  // Value locked is what the sold shares cost at the offering price, as the Offering itself prices them (its quote
  // rounds up): asked of the contract at the same block, never recomputed with a scale and a rounding of our own.
  const valueLocked = await read<bigint>(offering, offeringAbi, 'quote', [sold]);
  return {
    totalSupply,
    stream,
    rateScale,
    totalDeposited,
    pricePerShare: terms.pricePerShare,
    sold,
    raised,
    valueLocked,
  };
}

/** An account's position in one token at `blockNumber`. */
export async function positionAt(token: Address, offering: Address, account: Address, blockNumber: bigint) {
  const [balance, claimable, escrowRevenue] = await Promise.all([
    publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'balanceOf',
      args: [account],
      blockNumber,
    }),
    publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'claimable',
      args: [account],
      blockNumber,
    }),
    publicClient.readContract({
      address: offering,
      abi: offeringAbi,
      functionName: 'escrowRevenueOf',
      args: [account],
      blockNumber,
    }),
  ]);
  return { balance, claimable, escrowRevenue };
}

/**
 * What a page that extrapolates claimable revenue per second may show for `account`: at least the chain's claimable at
 * `pinned` (the page read the chain at or after it), at most that plus the holder's share of the stream (balance /
 * supply of the rate, scaled by the token's own RATE_SCALE) for every second up to `latest` plus the `elapsedSeconds`
 * the page's clock may have run since its read.
 */
export async function claimableWindow(
  token: Address,
  offering: Address,
  account: Address,
  pinned: { number: bigint; timestamp: bigint },
  latest: { timestamp: bigint },
  elapsedSeconds: bigint,
) {
  const [position, sale] = await Promise.all([
    positionAt(token, offering, account, pinned.number),
    tokenAt(token, offering, pinned.number),
  ]);
  const seconds = latest.timestamp + elapsedSeconds - pinned.timestamp;
  const accrued = ceilDiv(position.balance * sale.stream.ratePerSecond * seconds, sale.totalSupply * sale.rateScale);
  return { min: position.claimable, max: position.claimable + accrued + 1n, seconds, position, sale };
}

/** `value` lies in the window (soft: every figure of a page is reported). */
export function expectWithin(value: bigint, window: { min: bigint; max: bigint; seconds: bigint }, what: string) {
  expect.soft(value, `${what} below the chain's ${window.min}`).toBeGreaterThanOrEqual(window.min);
  expect
    .soft(value, `${what} above the chain's ${window.max} (${window.seconds} s of stream)`)
    .toBeLessThanOrEqual(window.max);
}

/**
 * Revenue the account has already been paid from this holding: every stablecoin transfer to it from the token (claims)
 * or from the offering (escrow revenue), from the stablecoin's own Transfer logs. Refunds cannot occur on a finalized
 * sale, and purchases go the other way.
 */
export async function revenuePaidTo(account: Address, payers: Address[], toBlock: bigint) {
  const logs = await publicClient.getContractEvents({
    address: deployment().contracts.stablecoin,
    abi: testStablecoinAbi,
    eventName: 'Transfer',
    args: { to: account },
    fromBlock: deployment().deployBlock,
    toBlock,
  });
  const from = new Set(payers.map((payer) => payer.toLowerCase()));
  return logs.filter((log) => from.has(log.args.from!.toLowerCase())).reduce((sum, log) => sum + log.args.value!, 0n);
}

/** Accounts with a non-zero balance of `token` (its offering excluded), replayed from the token's Transfer logs. */
export async function holdersOf(token: Address, offering: Address, toBlock: bigint) {
  const logs = await publicClient.getContractEvents({
    address: token,
    abi: shareTokenAbi,
    eventName: 'Transfer',
    fromBlock: deployment().deployBlock,
    toBlock,
  });
  const balances = new Map<string, bigint>();
  for (const log of logs) {
    const { from, to, value } = log.args as { from: Address; to: Address; value: bigint };
    balances.set(from.toLowerCase(), (balances.get(from.toLowerCase()) ?? 0n) - value);
    balances.set(to.toLowerCase(), (balances.get(to.toLowerCase()) ?? 0n) + value);
  }
  const excluded = new Set(['0x0000000000000000000000000000000000000000', offering.toLowerCase()]);
  return [...balances].filter(([account, balance]) => balance > 0n && !excluded.has(account)).length;
}

/** The registry's reports of one cluster (or all) up to `toBlock`, from its ReportSubmitted logs. */
export async function reportLogs(toBlock: bigint, clusterId?: bigint) {
  const logs = await publicClient.getContractEvents({
    address: deployment().contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    eventName: 'ReportSubmitted',
    args: clusterId === undefined ? undefined : { clusterId },
    fromBlock: deployment().deployBlock,
    toBlock,
  });
  return logs.map((log) => ({ ...(log.args as Required<typeof log.args>), log }));
}

/** The hour a report counts in: its epoch id names the end of the hour it measured (the mirror's documented rule). */
export function reportHour(epoch: bigint) {
  const hourMs = 3_600_000;
  return new Date(Math.floor((Number(epoch) * 1_000 - 1) / hourMs) * hourMs).toISOString();
}

/** The UTC day (YYYY-MM-DD) of a unix time in seconds. */
export function utcDay(seconds: bigint) {
  return new Date(Number(seconds) * 1_000).toISOString().slice(0, 10);
}

/**
 * A passport's payout card recomputed from the chain up to `toBlock`: the cluster's reported revenue (ReportSubmitted,
 * each in the day of the hour it measured) and its token's deposits (RevenueDeposited, in the day of their block),
 * over the UTC days `from` through `to`.
 */
export async function payoutFromChain(clusterId: bigint, token: Address, toBlock: bigint, from: string, to: string) {
  const inWindow = (day: string) => day >= from && day <= to;
  const reported = (await reportLogs(toBlock, clusterId))
    .filter((report) => inWindow(reportHour(report.epoch).slice(0, 10)))
    .reduce((sum, report) => sum + report.revenue, 0n);
  const deposited = (await depositLogs(token, toBlock))
    .filter((deposit) => inWindow(utcDay(deposit.blockTime)))
    .reduce((sum, deposit) => sum + deposit.amount, 0n);
  return { reported, deposited };
}

/** RevenueDeposited logs of one token up to `toBlock`, with their block times. */
export async function depositLogs(token: Address, toBlock: bigint) {
  const logs = await publicClient.getContractEvents({
    address: token,
    abi: shareTokenAbi,
    eventName: 'RevenueDeposited',
    fromBlock: deployment().deployBlock,
    toBlock,
  });
  return Promise.all(
    logs.map(async (log) => ({
      amount: log.args.amount!,
      blockTime: (await publicClient.getBlock({ blockNumber: log.blockNumber })).timestamp,
    })),
  );
}

/**
 * The overview's network figures recomputed from the chain at `blockNumber`: every tokenized cluster (factory logs),
 * its GPUs, supply, price and sales (contract reads), its deposits and the reports of the window (event logs).
 */
export async function networkAt(blockNumber: bigint) {
  const head = await publicClient.getBlock({ blockNumber });
  const window = trailingWindow(head.timestamp);
  const tokenized = await publicClient.getContractEvents({
    address: deployment().contracts.factory,
    abi: rackshareFactoryAbi,
    eventName: 'ClusterTokenized',
    fromBlock: deployment().deployBlock,
    toBlock: blockNumber,
  });
  let gpus = 0;
  let valueLocked = 0n;
  let supplyValue = 0n;
  let deposited = 0n;
  for (const event of tokenized) {
    const { clusterId, token, offering } = event.args as { clusterId: bigint; token: Address; offering: Address };
    const [info, figures, deposits] = await Promise.all([
      publicClient.readContract({
        address: deployment().contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'clusterOf',
        args: [clusterId],
        blockNumber,
      }),
      tokenAt(token, offering, blockNumber),
      depositLogs(token, blockNumber),
    ]);
    gpus += info.gpuCount;
    valueLocked += figures.valueLocked;
    supplyValue += supplyCost(figures.totalSupply, figures.pricePerShare);
    deposited += deposits
      .filter((deposit) => window.hasDeposit(deposit.blockTime))
      .reduce((sum, d) => sum + d.amount, 0n);
  }
  const reports = (await reportLogs(blockNumber)).filter((report) => window.hasReport(report.epoch));
  const utilizationSum = reports.reduce((sum, report) => sum + report.utilizationBps, 0);
  return {
    gpus,
    valueLocked,
    revenue: reports.reduce((sum, report) => sum + report.revenue, 0n),
    utilizationBps: reports.length > 0 ? Math.round(utilizationSum / reports.length) : null,
    aprBps:
      supplyValue > 0n ? Number((deposited * 365n * DAY_SECONDS * 10_000n) / (window.seconds * supplyValue)) : null,
  };
}

/** A figure's raw value, where the page exposes one, must be the expected integer exactly. */
export function expectRawValue(shown: Shown, expected: bigint | number, what: string) {
  if (shown.value !== null) expect.soft(BigInt(shown.value), `${what} data-value`).toBe(BigInt(expected));
}

export function expectPercent(shown: Shown, expectedBps: number | null, what: string) {
  if (expectedBps === null) {
    // No figure over an empty window: the page shows none (no number, no raw value).
    expect.soft(percentOrNull(shown.text), `${what}: ${shown.text} shown over an empty window`).toBeNull();
    expect.soft(shown.value, `${what} data-value over an empty window`).toBeNull();
    return;
  }
  expect
    .soft(
      Math.abs((percentOrNull(shown.text) ?? Number.NaN) - expectedBps),
      `${what}: ${shown.text} vs ${expectedBps} bps`,
    )
    .toBeLessThanOrEqual(PERCENT_DISPLAY_BPS);
  expectRawValue(shown, expectedBps, what);
}

/** The registry's status name of a cluster at a block (the generated enum names are the contract's own). */
export async function chainStatus(id: bigint, blockNumber?: bigint) {
  const status = await publicClient.readContract({
    address: deployment().contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: 'statusOf',
    args: [id],
    blockNumber,
  });
  return clusterRegistryClusterStatusNames[status]!;
}
