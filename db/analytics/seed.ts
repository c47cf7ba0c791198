/**
 * Synthetic history for benchmarks and tests: `clusters` clusters reporting every hour for `days` days, written
 * straight into `clusters` and the rollups through the same delta code the indexer uses (no chain involved).
 */
import type { Database } from '../index';
import { applyRollupDeltas, insertChunked } from '../indexer/store';
import { clusters as clustersTable } from '../schema';

const MODELS = ['NVIDIA H100 SXM5 80GB', 'NVIDIA H200 141GB', 'NVIDIA A100 80GB', 'NVIDIA L40S'];
const LOCATIONS = ['KR-SEL-01', 'KR-PUS-02', 'US-NYC-02', 'DE-FRA-01', 'SG-SIN-01'];

export async function seedHourlyReports(
  db: Database,
  options: { chainId: number; clusters: number; days: number; end: Date },
) {
  const { chainId } = options;
  const meta = new Map<bigint, { gpuModel: string; location: string }>();
  const rows = [];
  for (let index = 1; index <= options.clusters; index++) {
    const clusterId = BigInt(index);
    const gpuModel = MODELS[index % MODELS.length]!;
    const location = LOCATIONS[index % LOCATIONS.length]!;
    meta.set(clusterId, { gpuModel, location });
    rows.push({
      chainId,
      clusterId,
      operator: '0x0000000000000000000000000000000000000001' as const,
      gpuModel,
      location,
      gpuCount: 8,
      hardwareRoot: `0x${index.toString(16).padStart(64, '0')}` as const,
      metadataUri: '',
      metadataHash: `0x${'00'.repeat(32)}` as const,
      status: 'attested' as const,
      registeredAt: new Date(options.end.getTime() - options.days * 86_400_000),
      registeredBlock: 1n,
      lastEpoch: BigInt(options.days * 24),
    });
  }
  await insertChunked(db, clustersTable, rows);
  const hourMs = 3_600_000;
  const start = Math.floor(options.end.getTime() / hourMs) * hourMs - options.days * 24 * hourMs;
  // One day of every cluster's reports per transaction keeps statements large and memory small.
  for (let day = 0; day < options.days; day++) {
    const reports: Parameters<typeof applyRollupDeltas>[4] = [];
    for (let hour = 0; hour < 24; hour++) {
      const blockTime = new Date(start + (day * 24 + hour) * hourMs);
      for (let index = 1; index <= options.clusters; index++) {
        const utilizationBps = 5_000 + ((index * 37 + day * 11 + hour * 7) % 5_000);
        reports.push({
          clusterId: BigInt(index),
          blockTime,
          utilizationBps,
          gpuHoursMilli: BigInt(8 * utilizationBps) / 10n,
          gpusOnline: 8,
          revenue: BigInt(utilizationBps) * 2_000n,
        });
      }
    }
    await db.transaction((tx) => applyRollupDeltas(tx, chainId, meta, reports, [], 1n));
  }
}
