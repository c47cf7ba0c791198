import { describe, expect, it } from 'vitest';
import type { EpochReport } from './eip712';
import {
  errorBodySchema,
  fromWireReport,
  type MinedReport,
  minedReportSchema,
  toWireReport,
  wireReportSchema,
} from './wire';

const report: EpochReport = {
  clusterId: 2n ** 255n + 1n,
  epoch: 493_117n,
  gpuHoursMilli: 2n ** 64n - 1n,
  utilizationBps: 8_123,
  gpusOnline: 96,
  revenue: 123_456_789_012_345_678_901_234_567_890n,
  telemetryRoot: `0x${'7e'.repeat(32)}`,
  committeeVersion: 3,
};

describe('toWireReport', () => {
  it('writes every figure as the schema reads it back, bigints as exact decimal strings', () => {
    const wire = toWireReport(report);
    expect(wire).toEqual({
      clusterId: '57896044618658097711785492504343953926634992332820282019728792003956564819969',
      epoch: '493117',
      gpuHoursMilli: '18446744073709551615',
      utilizationBps: 8_123,
      gpusOnline: 96,
      revenue: '123456789012345678901234567890',
      telemetryRoot: report.telemetryRoot,
      committeeVersion: 3,
    });
    expect(fromWireReport(wireReportSchema.parse(JSON.parse(JSON.stringify(wire))))).toEqual(report);
  });

  it('serializes a mined report with where it landed and nothing else of the row', () => {
    const { committeeVersion: _, ...figures } = report;
    const row: MinedReport & { chainId: number; logIndex: number; blockHash: string } = {
      ...figures,
      submitter: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      transactionHash: `0x${'ab'.repeat(32)}`,
      blockNumber: 18_000_000_001n,
      blockTime: new Date(Date.UTC(2026, 11, 6, 13, 0, 5)),
      chainId: 31_337,
      logIndex: 4,
      blockHash: `0x${'cd'.repeat(32)}`,
    };
    const wire = toWireReport(row);
    expect(wire).toEqual({
      clusterId: report.clusterId.toString(),
      epoch: '493117',
      gpuHoursMilli: '18446744073709551615',
      utilizationBps: 8_123,
      gpusOnline: 96,
      revenue: '123456789012345678901234567890',
      telemetryRoot: report.telemetryRoot,
      submitter: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      transactionHash: row.transactionHash,
      blockNumber: '18000000001',
      blockTime: '2026-12-06T13:00:05.000Z',
    });
    expect(minedReportSchema.parse(wire)).toEqual(wire);
  });
});

describe('wire schemas', () => {
  it('refuse a report figure that is not an exact unsigned integer', () => {
    const wire = toWireReport(report);
    expect(wireReportSchema.safeParse({ ...wire, revenue: '1e30' }).success).toBe(false);
    expect(wireReportSchema.safeParse({ ...wire, revenue: '-1' }).success).toBe(false);
    expect(wireReportSchema.safeParse({ ...wire, utilizationBps: 65_536 }).success).toBe(false);
  });

  it('read a node refusal with its details and refuse a body that is not one', () => {
    const body = { error: { code: 'sequence_gap', message: 'expected 5', expectedSequence: 5 } };
    expect(errorBodySchema.parse(body)).toEqual(body);
    expect(errorBodySchema.safeParse({ error: { message: 'no code' } }).success).toBe(false);
    expect(errorBodySchema.safeParse({ error: { code: 'x'.repeat(101), message: '' } }).success).toBe(false);
    expect(errorBodySchema.safeParse({ accepted: true }).success).toBe(false);
  });
});
