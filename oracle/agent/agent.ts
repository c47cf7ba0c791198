/**
 * The IDC agent: samples each cluster's GPUs every `sampleIntervalSeconds`, signs a batch every `snapshotsPerBatch`
 * samples with the operator key, spools it durably and delivers it to every oracle node from that node's cursor.
 *
 * Before signing, readings the nodes would refuse are removed (sanitize.ts); delivery never wedges on a refused batch
 * and backs off per node and cluster (delivery.ts); sampling never waits for delivery. Its configuration file is
 * agent-config.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Address, Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { isRetryable } from '#protocol/base-error';
import type { BatchPayload, Snapshot } from '#protocol/wire';
import { readRentalCsv } from '../telemetry/rental';
import type { AgentConfig } from './agent-config';
import { attestCluster } from './attest';
import { Backoff, Courier, type DeliveryCounters, pairKey } from './delivery';
import { InventoryBook } from './inventory';
import { readOperatorKey, refuseDevOperatorKey } from './operator-key';
import { DROP_REASONS, type DropCounts, sanitizePayload } from './sanitize';
import { signBatch } from './signing';
import { readSource } from './sources';
import { ClusterSpool } from './spool';

export { type AgentConfig, agentConfigSchema, loadAgentConfig } from './agent-config';

export type AgentOptions = {
  /** Per-cluster operator keys; otherwise a cluster's `operatorKeyEnv`, otherwise the agent's key. */
  clusterKeys?: ReadonlyMap<bigint, Hex>;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
};

type ClusterRuntime = {
  config: AgentConfig['clusters'][number];
  spool: ClusterSpool;
  pending: Snapshot[];
  /** Time of the newest snapshot spooled: a snapshot not after it would be refused. */
  lastSampleAt: number;
  operator: { key: Hex; address: Address };
  /**
   * Which key signed the batches spooled by this process: from each `from` sequence on, `address` (one entry per key
   * change). Spares a signature recovery per batch sent; batches spooled before the process started are recovered.
   */
  signers: { from: number; address: Address }[];
};

export type AgentStats = DeliveryCounters & {
  /** Readings (or fields, or leases) removed before signing, by reason. */
  dropped: DropCounts;
  /** Batches the spool's size bound dropped before every node had them. */
  spoolDropped: number;
};

/** First retry after about 5 s, doubling to at most 5 minutes: a refusal that clears (re-attestation, a new key) is
 * picked up soon, one that does not costs a node a request every few minutes. */
const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 300_000 };

const withoutUndefined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [key in keyof T]-?: Exclude<T[key], undefined>;
  };

const operatorOf = (key: Hex) => ({ key, address: privateKeyToAccount(key).address });

export class Agent {
  private readonly dropped: DropCounts = {};
  private spoolDropped = 0;
  private delivering: Promise<void> | undefined;

  private constructor(
    private readonly config: AgentConfig,
    private readonly clusters: ClusterRuntime[],
    private readonly inventory: InventoryBook,
    private readonly backoff: Backoff,
    private readonly courier: Courier,
    private readonly log: Logger,
    /** Aborted by close() (or when run()'s signal aborts): requests in flight end at once. */
    private readonly closing: AbortController,
  ) {}

  static async open(config: AgentConfig, operatorKey: Hex, log: Logger, options: AgentOptions = {}) {
    refuseDevOperatorKey(operatorKey, 'the operator key', config.chainId);
    const inventory = new InventoryBook(config.spoolDir);
    const clusters = await Promise.all(
      config.clusters.map(async (cluster) => {
        const spool = await ClusterSpool.open(
          config.spoolDir,
          cluster.clusterId,
          withoutUndefined(config.spool ?? {}),
          cluster.resumeAfterSequence,
        );
        inventory.load(cluster.clusterId, cluster.inventory);
        if (!inventory.get(cluster.clusterId)) {
          log.warn({ clusterId: cluster.clusterId }, 'no attested inventory known: readings are not filtered by GPU');
        }
        const last = await spool.batch(spool.lastSequence);
        const lastSnapshot = last ? (JSON.parse(last.payload) as BatchPayload).snapshots.at(-1) : undefined;
        return {
          config: cluster,
          spool,
          pending: [] as Snapshot[],
          lastSampleAt: lastSnapshot?.t ?? 0,
          signers: [] as ClusterRuntime['signers'],
          operator: operatorOf(
            options.clusterKeys?.get(cluster.clusterId) ??
              (cluster.operatorKeyEnv
                ? readOperatorKey(process.env, cluster.operatorKeyEnv, config.chainId)
                : operatorKey),
          ),
        };
      }),
    );
    const now = options.now ?? Date.now;
    const closing = new AbortController();
    const backoff = new Backoff(config.backoff ?? DEFAULT_BACKOFF, options.random);
    const courier = new Courier({ chainId: config.chainId, registry: config.registry }, backoff, log, {
      fetch: options.fetch ?? ((...args) => fetch(...args)),
      now,
      requestTimeoutMs: config.requestTimeoutMs ?? 15_000,
      signal: closing.signal,
      ...withoutUndefined(config.delivery ?? {}),
    });
    return new Agent(config, clusters, inventory, backoff, courier, log, closing);
  }

  private cluster(clusterId: bigint) {
    const cluster = this.clusters.find((entry) => entry.config.clusterId === clusterId);
    if (!cluster) throw new Error(`this agent does not serve cluster ${clusterId}`);
    return cluster;
  }

  /** Samples every cluster once; signs and spools a batch where enough snapshots gathered. */
  async sampleOnce(now = Date.now()) {
    // Side by side: a slow source delays no other cluster's sample.
    await Promise.all(this.clusters.map((cluster) => this.sampleCluster(cluster, now)));
  }

  private async sampleCluster(cluster: ClusterRuntime, now: number) {
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
    if (cluster.pending.length >= this.config.snapshotsPerBatch) {
      try {
        await this.seal(cluster);
      } catch (error) {
        this.log.error({ clusterId: cluster.config.clusterId, err: error }, 'sealing a batch failed');
      }
    }
  }

  private async seal(cluster: ClusterRuntime) {
    const leases = cluster.config.billingFile ? (await readRentalCsv(cluster.config.billingFile)).leases : [];
    const payload: BatchPayload = {
      snapshots: cluster.pending,
      leases: leases.map((lease) => ({ ...lease, pricePerHour: lease.pricePerHour.toString() })),
    };
    cluster.pending = [];
    await this.spoolPayload(cluster.config.clusterId, payload);
  }

  /**
   * Removes what the nodes would refuse, then signs and durably spools the payload for one cluster (the demo's
   * history backfill uses this directly). Returns the sequence, or undefined when nothing was left to send.
   */
  async spoolPayload(clusterId: bigint, raw: BatchPayload) {
    const cluster = this.cluster(clusterId);
    const { payload, dropped, droppedLeases } = sanitizePayload(
      raw,
      this.inventory.get(clusterId),
      cluster.lastSampleAt,
      this.config.leaseHistorySeconds === undefined ? undefined : this.config.leaseHistorySeconds * 1000,
    );
    if (Object.keys(dropped).length > 0) {
      for (const reason of DROP_REASONS) {
        if (dropped[reason]) this.dropped[reason] = (this.dropped[reason] ?? 0) + dropped[reason];
      }
      // One line per batch, counts only (and the first few leases by name): a bad GPU in a 100-GPU cluster must not
      // write 100 lines a minute.
      const leases = droppedLeases.length > 0 ? { droppedLeases } : {};
      // A billing export keeps its history: leases that ended long ago are dropped from every batch as a matter of
      // course (debug); anything else is a fault in the data the operator should see (warn).
      const routine = Object.keys(dropped).every((reason) => reason === 'lease_ended_before_window');
      this.log[routine ? 'debug' : 'warn'](
        { clusterId, dropped, ...leases },
        'removed readings the nodes would refuse',
      );
    }
    if (payload.snapshots.length === 0 && payload.leases.length === 0 && raw.snapshots.length > 0) return undefined;
    const sequence = cluster.spool.lastSequence + 1;
    const batch = await signBatch(
      { chainId: this.config.chainId, registry: this.config.registry },
      cluster.operator.key,
      clusterId,
      sequence,
      payload,
    );
    if (cluster.signers.at(-1)?.address !== cluster.operator.address) {
      cluster.signers.push({ from: sequence, address: cluster.operator.address });
    }
    const droppedSegments = await cluster.spool.append(batch);
    for (const segment of droppedSegments) {
      this.spoolDropped += segment.last - segment.first + 1;
      this.log.warn({ clusterId, ...segment }, 'spool full: dropped its oldest batches, older than nodes accept');
    }
    cluster.lastSampleAt = payload.snapshots.at(-1)?.t ?? cluster.lastSampleAt;
    return sequence;
  }

  /**
   * Sends every node what it has not acknowledged yet, at most one attempt per batch and node, then trims what every
   * node has. A pass already under way is joined, not doubled.
   */
  deliver(): Promise<void> {
    this.delivering ??= this.deliverPass().finally(() => {
      this.delivering = undefined;
    });
    return this.delivering;
  }

  private async deliverPass() {
    const targets = this.clusters.map((cluster) => ({
      clusterId: cluster.config.clusterId,
      spool: cluster.spool,
      operator: () => cluster.operator,
      signerOf: (sequence: number) => cluster.signers.findLast((entry) => entry.from <= sequence)?.address,
    }));
    await Promise.all(this.config.nodes.map((node) => this.courier.deliverTo(node, targets)));
    for (const cluster of this.clusters) await cluster.spool.trim(this.config.nodes);
  }

  /**
   * The cluster's operator key from now on (after `transferOperator` / `acceptOperator`). Batches not yet accepted
   * are re-signed with it when sent (same sequence, same content), and the cluster stops backing off.
   */
  setOperatorKey(clusterId: bigint, key: Hex) {
    this.cluster(clusterId).operator = operatorOf(key);
    this.retryNow(clusterId);
  }

  /** Records the inventory attested for a cluster: readings of other GPUs are dropped from now on. */
  setInventory(clusterId: bigint, uuids: readonly string[]) {
    this.cluster(clusterId);
    this.inventory.record(clusterId, uuids);
    this.retryNow(clusterId);
  }

  /** Attests a cluster's inventory with its operator key on this agent's nodes and records it (see attest.ts). */
  async attest(
    clusterId: bigint,
    options: Omit<Parameters<typeof attestCluster>[0], 'context' | 'operatorKey' | 'clusterId' | 'nodeUrls'> & {
      nodeUrls?: string[];
    },
  ) {
    const result = await attestCluster({
      ...options,
      nodeUrls: options.nodeUrls ?? this.config.nodes,
      context: { chainId: this.config.chainId, registry: this.config.registry },
      operatorKey: this.cluster(clusterId).operator.key,
      clusterId,
    });
    this.setInventory(clusterId, options.uuids);
    return result;
  }

  /** Ends every backoff of a cluster (or of all): something changed that may make the nodes take its batches. */
  retryNow(clusterId?: bigint) {
    this.backoff.clear((key) => clusterId === undefined || key.startsWith(`${clusterId} `));
  }

  /** Whether delivery of a cluster to a node is backing off now. */
  isBackingOff(nodeUrl: string, clusterId: bigint) {
    return this.backoff.failures(pairKey(nodeUrl, clusterId)) > 0;
  }

  /** The sequence of the newest batch spooled for a cluster. */
  lastSpooled(clusterId: bigint) {
    return this.cluster(clusterId).spool.lastSequence;
  }

  stats(): AgentStats {
    const { refusedForGood, deferred, resigned, voided } = this.courier.counters;
    return {
      refusedForGood: { ...refusedForGood },
      deferred: { ...deferred },
      resigned,
      voided,
      dropped: { ...this.dropped },
      spoolDropped: this.spoolDropped,
    };
  }

  async run(signal: AbortSignal) {
    const intervalMs = this.config.sampleIntervalSeconds * 1000;
    while (!signal.aborted) {
      const started = Date.now();
      try {
        await this.sampleOnce(started);
      } catch (error) {
        if (!isRetryable(error)) this.log.error({ err: error }, 'agent round failed');
      }
      // Delivery runs beside sampling: a slow node never delays the next sample of any cluster.
      if (!this.delivering) {
        this.deliver().catch((error) => this.log.error({ err: error }, 'delivery pass failed'));
      }
      await sleep(Math.max(0, intervalMs - (Date.now() - started)), undefined, { signal }).catch(() => undefined);
    }
    this.closing.abort();
    await this.delivering?.catch(() => undefined);
  }

  async close() {
    this.closing.abort();
    await this.delivering?.catch(() => undefined);
    for (const cluster of this.clusters) await cluster.spool.close();
  }
}
