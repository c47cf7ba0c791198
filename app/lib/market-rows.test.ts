import { describe, expect, it } from 'vitest';
import type { MarketRow } from '#db/analytics/market';
import { packMarketRows, unpackMarketRows } from '~/lib/market-rows';
import { marketTablePage, marketTableRows } from '~/models/market.server';

const tokenized: MarketRow = {
  clusterId: 12n,
  operator: '0x00000000000000000000000000000000000000aa',
  gpuModel: 'NVIDIA H100 SXM5 80GB "SXM"',
  location: 'KR-SEL-01',
  gpuCount: 8,
  status: 'attested',
  attestedAt: new Date('2026-01-01T00:00:00Z'),
  attestedUntil: new Date('2026-02-01T00:00:00Z'),
  lastReportAt: new Date('2026-01-02T03:04:05Z'),
  lastEpoch: 1_767_322_800n,
  token: {
    address: '0x00000000000000000000000000000000000000bb',
    offering: '0x00000000000000000000000000000000000000cc',
    name: 'Cluster 12 — </script> shares',
    symbol: 'RS12',
  },
  supply: 1_000n * 10n ** 18n,
  pricePerShare: 12_345_678n,
  sharesSold: 250n * 10n ** 18n,
  soldBps: 2500,
  utilizationBps: 8123,
  revenueReported: 10n ** 30n,
  revenueDeposited: 5n * 10n ** 29n,
  trailingAprBps: 1234,
  phase: 'Open',
};
const bare: MarketRow = {
  ...tokenized,
  clusterId: 13n,
  gpuModel: '中文 GPU',
  status: 'registered',
  lastReportAt: null,
  token: null,
  pricePerShare: null,
  utilizationBps: null,
  trailingAprBps: null,
  phase: null,
  soldBps: 0,
};

describe('packed market rows', () => {
  it("unpack to the table's rows exactly: every field, nulls, quotes and markup in names, other scripts", () => {
    const rows = marketTableRows([tokenized, bare]);
    const packed = packMarketRows(rows);
    expect(packed.count).toBe(2);
    const unpacked = unpackMarketRows(packed);
    expect(unpacked).toEqual(rows);
    expect(unpacked.map((row) => Object.keys(row))).toEqual(rows.map((row) => Object.keys(row)));
    expect(unpacked[0]!.token).toBe('RS12 — Cluster 12 — </script> shares');
    expect(unpacked[1]!.pricePerShare).toBeNull();
    expect(unpackMarketRows(packMarketRows([]))).toEqual([]);
  });

  it('are packed once per page of a snapshot: the same object while the page lives', () => {
    const page = [tokenized, bare];
    const first = marketTablePage(page);
    expect(marketTablePage(page)).toBe(first);
    expect(marketTablePage([tokenized, bare])).not.toBe(first);
    expect(unpackMarketRows(first)).toEqual(marketTableRows(page));
  });
});
