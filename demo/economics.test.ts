import { readFileSync } from 'node:fs';
import { keccak256 } from 'viem';
import { describe, expect, it } from 'vitest';
import { demoKeyOfMetadataUri, metadataHash, metadataUri } from '../oracle/simulator/metadata';
import { DEMO_IDCS, GPU_MODELS, Simulator } from '../oracle/simulator/model';
import { startSimulatorServer } from '../oracle/simulator/server';
import { offeringPricePerShare } from './economics';

const HOURS_PER_YEAR = 365 * 24;
const SUPPLY = 10_000n * 10n ** 18n;
// Stablecoin amounts are in base units of 6 decimals; shares in units of 1e18.
const usd = (amount: bigint) => Number(amount) / 1e6;

describe('demo economics', () => {
  const simulator = new Simulator({ seed: 'economics-test', origin: Date.UTC(2026, 0, 1) });

  it('lists rental and hardware prices in the ranges of the public GPU market', () => {
    // Ranges of public on-demand listings and hardware quotes (see model.ts), in dollars.
    const rent = { H100: [1.7, 2.5], A100: [0.9, 1.8], L40S: [0.7, 1.0], RTX4090: [0.3, 0.7] } as const;
    const hardware = { H100: [25_000, 30_000], A100: [10_000, 15_000], L40S: [7_000, 9_000], RTX4090: [2_000, 2_500] };
    for (const model of Object.values(GPU_MODELS)) {
      expect(usd(model.pricePerHour)).toBeGreaterThanOrEqual(rent[model.key][0]);
      expect(usd(model.pricePerHour)).toBeLessThanOrEqual(rent[model.key][1]);
      expect(usd(model.hardwarePrice)).toBeGreaterThanOrEqual(hardware[model.key][0]!);
      expect(usd(model.hardwarePrice)).toBeLessThanOrEqual(hardware[model.key][1]!);
      expect(Number(model.operatorCostShareBps)).toBeGreaterThan(0);
      expect(Number(model.operatorCostShareBps)).toBeLessThan(10_000);
    }
    // H100 first, the others below it.
    for (const key of ['A100', 'L40S', 'RTX4090'] as const) {
      expect(GPU_MODELS[key].pricePerHour).toBeLessThan(GPU_MODELS.H100.pricePerHour);
    }
  });

  it('prices every offering at its hardware cost', () => {
    for (const cluster of simulator.clusters) {
      const price = offeringPricePerShare(cluster, SUPPLY);
      const raised = (price * SUPPLY) / 10n ** 18n;
      const cost = cluster.model.hardwarePrice * BigInt(cluster.gpus.length);
      // Rounded down by less than one base unit per whole share.
      expect(cost - raised).toBeGreaterThanOrEqual(0n);
      expect(cost - raised).toBeLessThanOrEqual(SUPPLY / 10n ** 18n);
    }
  });

  it('gives every demo cluster an expected APR between 10 % and 30 % from its inputs', () => {
    const periodDays = 365;
    for (const cluster of simulator.clusters) {
      const { model, idc } = cluster;
      const gpuHours = cluster.gpus.length * periodDays * 24;
      const revenue = gpuHours * model.demand * usd(model.pricePerHour) * (idc.priceBps / 10_000);
      const toHolders = revenue * (1 - Number(model.operatorCostShareBps) / 10_000);
      const invested = usd(offeringPricePerShare(cluster, SUPPLY)) * (Number(SUPPLY) / 1e18);
      const apr = (toHolders * 365) / periodDays / invested;
      expect(apr, `${cluster.key} (${model.key})`).toBeGreaterThanOrEqual(0.1);
      expect(apr, `${cluster.key} (${model.key})`).toBeLessThanOrEqual(0.3);
    }
  });

  it('states in docs/demo.md the inputs the model uses and the APR range they give', () => {
    const page = readFileSync('docs/demo.md', 'utf8');
    const section = page.slice(page.indexOf('## Economics'));
    const names = { H100: 'H100 SXM', A100: 'A100 80GB', L40S: 'L40S', RTX4090: 'RTX 4090' } as const;
    for (const model of Object.values(GPU_MODELS)) {
      const cells = [
        names[model.key],
        `$${usd(model.pricePerHour).toFixed(2)}`,
        `${Math.round(model.demand * 100)} %`,
        `${Number(model.operatorCostShareBps) / 100} %`,
        `$${usd(model.hardwarePrice).toLocaleString('en-US')}`,
      ];
      expect(section).toContain(`| ${cells.join(' | ')} |`);
    }
    const aprs = simulator.clusters.map((cluster) => {
      const { model, idc } = cluster;
      const perGpuYear = HOURS_PER_YEAR * model.demand * usd(model.pricePerHour) * (idc.priceBps / 10_000);
      return (perGpuYear * (1 - Number(model.operatorCostShareBps) / 10_000)) / usd(model.hardwarePrice);
    });
    const percent = (value: number) => Math.round(value * 100);
    expect(section).toContain(`${percent(Math.min(...aprs))}–${percent(Math.max(...aprs))} %`);
  });

  it('leases each model for its stated demand over a year', () => {
    const end = simulator.origin + HOURS_PER_YEAR * 3_600_000;
    for (const modelKey of Object.keys(GPU_MODELS) as (keyof typeof GPU_MODELS)[]) {
      let leasedMs = 0;
      let gpus = 0;
      for (const cluster of simulator.clusters.filter((entry) => entry.model.key === modelKey)) {
        for (const gpu of cluster.gpus) {
          gpus += 1;
          for (const lease of simulator.leasesOf(cluster, gpu, end)) {
            const from = Math.max(lease.start, simulator.origin);
            const to = Math.min(lease.end ?? end, end);
            if (to > from) leasedMs += to - from;
          }
        }
      }
      const leasedShare = leasedMs / (gpus * (end - simulator.origin));
      expect(leasedShare, modelKey).toBeCloseTo(GPU_MODELS[modelKey].demand, 1);
    }
  });

  it('covers every demo IDC and GPU model', () => {
    expect(new Set(simulator.clusters.map((cluster) => cluster.idc.key))).toEqual(
      new Set(DEMO_IDCS.map((idc) => idc.key)),
    );
    expect(new Set(simulator.clusters.map((cluster) => cluster.model.key))).toEqual(new Set(Object.keys(GPU_MODELS)));
  });
});

describe('demo metadata documents', () => {
  const simulator = new Simulator({ seed: 'metadata-test', origin: Date.UTC(2026, 0, 1) });

  it('serves each document with the keccak256 the registry is given', async () => {
    const server = await startSimulatorServer(simulator, Date.now, 0);
    try {
      for (const cluster of simulator.clusters) {
        const uri = metadataUri(server.url, cluster);
        expect(demoKeyOfMetadataUri(uri)).toBe(cluster.key);
        const response = await fetch(uri);
        expect(response.status).toBe(200);
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect(keccak256(bytes)).toBe(metadataHash(cluster));
        const document = JSON.parse(new TextDecoder().decode(bytes));
        expect(document.gpu.uuids).toEqual(cluster.gpus.map((gpu) => gpu.uuid));
        expect(document.location).toBe(cluster.idc.location);
      }
      expect((await fetch(`${server.url}/rackshare-demo/nope-9.json`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('tells the demo URIs, old and new, from any other', () => {
    expect(demoKeyOfMetadataUri('ipfs://rackshare-demo/sel-0')).toBe('sel-0');
    expect(demoKeyOfMetadataUri('http://127.0.0.1:4710/rackshare-demo/fra-2.json')).toBe('fra-2');
    expect(demoKeyOfMetadataUri('https://example.com/cluster.json')).toBeUndefined();
    expect(demoKeyOfMetadataUri('http://127.0.0.1:4710/rackshare-demo/../x.json')).toBeUndefined();
  });
});
