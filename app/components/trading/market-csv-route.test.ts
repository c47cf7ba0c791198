/**
 * The market history's CSV route, app/routes/analytics_.market.$clusterId_.csv.ts (unit: the model is a stand-in;
 * trading-analytics.server.test.ts checks the history against the mirror): the download is the model's CSV of that
 * cluster's history, and a bad id is a 400.
 */
import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { describe, expect, it, vi } from 'vitest';

const points = [{ time: 1_800_000_000, price: 11_500_000n, amount: 10n ** 18n, impliedYieldBps: 1_043 }];
const getPriceHistory = vi.fn(async () => points);
vi.mock('~/models/trading-analytics.server', async (original) => ({
  ...(await original<typeof import('~/models/trading-analytics.server')>()),
  getPriceHistory,
}));

const { priceHistoryCsv } = await import('~/models/trading-analytics.server');
const { loader } = await import('~/routes/analytics_.market.$clusterId_.csv');

const args = (clusterId: string) =>
  ({
    params: { clusterId },
    request: new Request(`http://localhost/analytics/market/${clusterId}/csv`),
    context: {} as AppLoadContext,
  }) as unknown as LoaderFunctionArgs;

describe('the market history CSV', () => {
  it("downloads the model's CSV of the cluster's history", async () => {
    const response = await loader(args('7'));
    expect(getPriceHistory).toHaveBeenCalledWith(expect.anything(), 7n);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="rackshare-market-7.csv"');
    expect(await response.text()).toBe(priceHistoryCsv(points));
  });

  it('answers a cluster id that is not a number with 400', async () => {
    const status = await loader(args('seven')).then(
      () => 200,
      (thrown: unknown) =>
        thrown instanceof Response ? thrown.status : (thrown as { init?: { status?: number } }).init?.status,
    );
    expect(status).toBe(400);
  });
});
