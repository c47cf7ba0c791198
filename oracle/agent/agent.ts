/**
 * The IDC agent: samples each cluster's GPUs every `sampleIntervalSeconds`, signs a batch every `snapshotsPerBatch`
 * samples with the operator key, spools it durably and delivers it to every oracle node from that node's cursor.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem';
import { z } from 'zod';
import { RetryableError } from '../errors';
import type { BatchPayload, Snapshot } from '../node/protocol';
import { readRentalCsv } from '../telemetry/rental';
import { signBatch } from './signing';
import { readSource, sourceSchema } from './sources';
import { ClusterSpool } from './spool';

export const agentConfigSchema = z.object({
  chainId: z.number().int().positive(),
  registry: z
    .string()
    .refine(isAddress)
    .transform((value) => getAddress(value) as Address),
  /** Name of the environment variable holding the operator's private key (never the key itself in a file). */
  operatorKeyEnv: z.string().default('OPERATOR_PRIVATE_KEY'),
  nodes: z.array(z.url()).min(1),
  spoolDir: z.string().min(1),
  sampleIntervalSeconds: z.number().positive().default(10),
  snapshotsPerBatch: z.number().int().positive().default(6),
  clusters: z
    .array(
      z.object({
        clusterId: z
          .union([z.string().regex(/^\d+$/), z.number().int().positive()])
          .transform((value) => BigInt(value)),
        source: sourceSchema,
        /** The operator's billing export in the documented rental CSV format (telemetry/rental.ts). */
        billingFile: z.string().optional(),
      }),
    )
    .min(1),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

export function loadAgentConfig(path: string, env = process.env) {
  const config = agentConfigSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const key = env[config.operatorKeyEnv];
  if (!key || !isHex(key) || key.length !== 66) {
    throw new Error(`${config.operatorKeyEnv} must hold the operator's 0x-prefixed 32-byte private key`);
  }
  return { config, operatorKey: key as Hex };
}

type ClusterRuntime = { config: AgentConfig['clusters'][number]; spool: ClusterSpool; pending: Snapshot[] };

export class Agent {
  private constructor(
    private readonly config: AgentConfig,
    private readonly operatorKey: Hex,
    private readonly clusters: ClusterRuntime[],
    private readonly log: Logger,
  ) {}

  static async open(config: AgentConfig, operatorKey: Hex, log: Logger) {
    const clusters = await Promise.all(
      config.clusters.map(async (cluster) => ({
        config: cluster,
        spool: await ClusterSpool.open(config.spoolDir, cluster.clusterId),
        pending: [] as Snapshot[],
      })),
    );
    return new Agent(config, operatorKey, clusters, log);
  }

  /** Samples every cluster once; signs and spools a batch where enough snapshots gathered. */
  async sampleOnce(now = Date.now()) {
    for (const cluster of this.clusters) {
      try {
        const { gpus, problems } = await readSource(cluster.config.source);
        if (problems.length > 0) this.log.warn({ clusterId: cluster.config.clusterId, problems }, 'telemetry problems');
        cluster.pending.push({
          t: now,
          gpus: gpus.map(({ uuid, utilizationPct, memoryUsedMiB, memoryTotalMiB, temperatureC, powerW }) => ({
            uuid,
            utilizationPct,
            memoryUsedMiB,
            memoryTotalMiB,
            temperatureC,
            powerW,
          })),
        });
      } catch (error) {
        // A source that is down yields no snapshot: the GPUs count as offline for that sample, as they should.
        this.log.warn({ clusterId: cluster.config.clusterId, err: (error as Error).message }, 'sampling failed');
      }
      if (cluster.pending.length >= this.config.snapshotsPerBatch) await this.seal(cluster);
    }
  }

  private async seal(cluster: ClusterRuntime) {
    const leases = cluster.config.billingFile ? (await readRentalCsv(cluster.config.billingFile)).leases : [];
    const payload: BatchPayload = {
      snapshots: cluster.pending,
      leases: leases.map((lease) => ({ ...lease, pricePerHour: lease.pricePerHour.toString() })),
    };
    await this.spoolPayload(cluster.config.clusterId, payload);
    cluster.pending = [];
  }

  /** Signs and durably spools a payload for one cluster (the demo's history backfill uses this directly). */
  async spoolPayload(clusterId: bigint, payload: BatchPayload) {
    const cluster = this.clusters.find((entry) => entry.config.clusterId === clusterId)!;
    const batch = await signBatch(
      { chainId: this.config.chainId, registry: this.config.registry },
      this.operatorKey,
      clusterId,
      cluster.spool.lastSequence + 1,
      payload,
    );
    await cluster.spool.append(batch);
    return batch.sequence;
  }

  /** Sends every node what it has not acknowledged yet, in sequence order; stops at a node's first network failure. */
  async deliver() {
    await Promise.all(this.config.nodes.map((node) => this.deliverTo(node)));
  }

  private async deliverTo(nodeUrl: string) {
    for (const cluster of this.clusters) {
      let cursor = cluster.spool.cursor(nodeUrl);
      while (cursor < cluster.spool.lastSequence) {
        const batch = cluster.spool.batch(cursor + 1)!;
        let response: Response;
        try {
          response = await fetch(`${nodeUrl}/clusters/${cluster.config.clusterId}/batches`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(batch),
            signal: AbortSignal.timeout(15_000),
          });
        } catch (error) {
          this.log.debug({ nodeUrl, err: (error as Error).message }, 'node unreachable; batches stay spooled');
          return;
        }
        const body = (await response.json().catch(() => ({}))) as {
          error?: { code: string; message: string; expectedSequence?: number };
        };
        if (response.ok || body.error?.code === 'batch_already_accepted') {
          cursor = batch.sequence;
        } else if (body.error?.code === 'sequence_gap' && body.error.expectedSequence !== undefined) {
          cursor = body.error.expectedSequence - 1;
        } else if (response.status >= 500 || body.error?.code === 'cluster_not_attested') {
          this.log.warn({ nodeUrl, status: response.status, error: body.error }, 'node cannot take batches yet');
          break;
        } else {
          // The node refused the content: resending it would be refused forever. It stays in the spool for audit.
          this.log.error({ nodeUrl, sequence: batch.sequence, error: body.error }, 'node rejected a batch');
          cursor = batch.sequence;
        }
        cluster.spool.setCursor(nodeUrl, cursor);
      }
    }
  }

  async run(signal: AbortSignal) {
    const intervalMs = this.config.sampleIntervalSeconds * 1000;
    while (!signal.aborted) {
      const started = Date.now();
      try {
        await this.sampleOnce(started);
        await this.deliver();
      } catch (error) {
        if (!(error instanceof RetryableError)) this.log.error({ err: error }, 'agent round failed');
      }
      await sleep(Math.max(0, intervalMs - (Date.now() - started)), undefined, { signal }).catch(() => undefined);
    }
  }

  async close() {
    for (const cluster of this.clusters) await cluster.spool.close();
  }
}
