/**
 * How the agent sends spooled batches to the nodes without ever wedging (review H-6).
 *
 * One delivery pass tries each batch at most once per node, and moves a node's cursor backwards at most once (when
 * the node says it expects an earlier batch). What a node answers decides the rest:
 * - accepted, or `batch_already_accepted`: the cursor moves on (to the node's `lastSequence`).
 * - refused with `sequenceConsumed: true`: the node refused the content for good and will never take that sequence;
 *   the batch counts as delivered, with a warning.
 * - `sequence_gap`: the cursor follows the node's `expectedSequence`, forwards, or backwards once per pass.
 * - a `lastSequence` or `expectedSequence` beyond the agent's high-water mark (the highest sequence it spooled, see
 *   spool.ts), or not a safe integer: the node claims batches this agent never signed, a fault or another agent's
 *   doing. It is not believed (the spool's numbering and every other node's cursor stay as they are), it is logged
 *   once per node and pass, and that pair backs off. Following it would send every honest node empty batches up to
 *   the claimed number, or, past 2^53, stop the cluster's batches altogether.
 * - anything else (`not_operator`, `invalid_signature`, `hardware_changed`, `cluster_not_attested`,
 *   `timestamp_in_future`, a 5xx, a refusal that does not consume the sequence): that node and cluster pair backs off
 *   (capped exponential, with jitter); a network error backs the whole node off. Every other pair carries on.
 *
 * A pass sends each pair at most `maxBatchesPerPass` batches, of which at most `maxEmptyBatchesPerPass` empty ones
 * (for sequences the spool no longer holds); a node further behind catches up over the next passes, so a pass always
 * ends soon and sampling's next delivery is never held up for long.
 */
import type { Logger } from 'pino';
import type { Address, Hex } from 'viem';
import { Rejection, shortMessageOf } from '#protocol/base-error';
import type { ChainContext } from '#protocol/eip712';
import { NodeClient, NodeUnavailableError, UnexpectedAnswerError } from '#protocol/node-client';
import type { BatchBody, ErrorBody as WireErrorBody } from '#protocol/wire';
import { signBatch, signedBy } from './signing';
import type { ClusterSpool } from './spool';

export type BackoffConfig = { baseMs: number; maxMs: number };

/** Capped exponential backoff with jitter, per key; the map holds one entry per (node, cluster) pair at most. */
export class Backoff {
  private readonly state = new Map<string, { failures: number; until: number }>();

  constructor(
    private readonly config: BackoffConfig,
    private readonly random: () => number = Math.random,
  ) {}

  ready(key: string, now: number) {
    const entry = this.state.get(key);
    return !entry || entry.until <= now;
  }

  /** Records a failure; returns the delay chosen. Half of it is jitter, so agents that failed together spread out. */
  fail(key: string, now: number) {
    const failures = (this.state.get(key)?.failures ?? 0) + 1;
    const ceiling = Math.min(this.config.maxMs, this.config.baseMs * 2 ** Math.min(failures - 1, 30));
    const delay = Math.round(ceiling / 2 + (ceiling / 2) * this.random());
    this.state.set(key, { failures, until: now + delay });
    return delay;
  }

  succeed(key: string) {
    this.state.delete(key);
  }

  /** Forgets the backoff of every key `matches` selects (a new key or inventory: worth trying at once). */
  clear(matches: (key: string) => boolean) {
    for (const key of this.state.keys()) if (matches(key)) this.state.delete(key);
  }

  failures(key: string) {
    return this.state.get(key)?.failures ?? 0;
  }
}

export type DeliveryCounters = {
  /** Batches nodes refused for good (they consumed the sequence), by refusal code. */
  refusedForGood: Record<string, number>;
  /** Refusals that keep the batch pending (the pair backs off), by code; `network` for unreachable nodes. */
  deferred: Record<string, number>;
  /** Batches re-signed with the current operator key before sending. */
  resigned: number;
  /** Empty batches sent for sequences the spool no longer holds. */
  voided: number;
};

/** A node's refusal (the shared error body; the batch details below are checked where they are read). */
type BatchRefusal = WireErrorBody['error'] & {
  sequenceConsumed?: unknown;
  expectedSequence?: unknown;
  lastSequence?: unknown;
};

export type DeliveryTarget = {
  clusterId: bigint;
  spool: ClusterSpool;
  operator: () => { key: Hex; address: Address };
  /** The signer of a spooled batch where the agent knows it without recovering the signature. */
  signerOf?: (sequence: number) => Address | undefined;
};

/** A node more than this far behind catches up over several passes (one segment of the spool per pass by default). */
export const DEFAULT_MAX_BATCHES_PER_PASS = 360;
export const DEFAULT_MAX_EMPTY_BATCHES_PER_PASS = 360;

/** A sequence a node named, if it is one: a safe non-negative integer. */
const sequenceIn = (value: unknown) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

export const pairKey = (nodeUrl: string, clusterId: bigint) => `${clusterId} ${nodeUrl}`;
export const nodeKey = (nodeUrl: string) => `node ${nodeUrl}`;

export class Courier {
  readonly counters: DeliveryCounters = { refusedForGood: {}, deferred: {}, resigned: 0, voided: 0 };
  private readonly clients = new Map<string, NodeClient>();

  constructor(
    private readonly context: ChainContext,
    private readonly backoff: Backoff,
    private readonly log: Logger,
    private readonly options: {
      fetch: typeof fetch;
      now: () => number;
      requestTimeoutMs: number;
      signal: AbortSignal;
      maxBatchesPerPass?: number;
      maxEmptyBatchesPerPass?: number;
    },
  ) {}

  private clientOf(nodeUrl: string) {
    let client = this.clients.get(nodeUrl);
    if (!client) {
      client = new NodeClient(nodeUrl, { fetch: this.options.fetch, timeoutMs: this.options.requestTimeoutMs });
      this.clients.set(nodeUrl, client);
    }
    return client;
  }

  private count(table: Record<string, number>, code: string) {
    table[code] = (table[code] ?? 0) + 1;
  }

  /** One pass to one node: every cluster that is not backing off, side by side. */
  async deliverTo(nodeUrl: string, targets: readonly DeliveryTarget[]) {
    if (this.options.signal.aborted || !this.backoff.ready(nodeKey(nodeUrl), this.options.now())) return;
    // A node that lies about every cluster writes one warning per pass, not one per cluster.
    let warned = false;
    const warnOnce = () => {
      const first = !warned;
      warned = true;
      return first;
    };
    await Promise.all(targets.map((target) => this.deliverCluster(nodeUrl, target, warnOnce)));
  }

  /** The batch to send for `sequence`: read from disk, an empty one if the spool no longer has it, re-signed if due. */
  private async batchFor(target: DeliveryTarget, sequence: number): Promise<BatchBody> {
    const operator = target.operator();
    const spooled = await target.spool.batch(sequence);
    if (!spooled) {
      // Dropped by the spool's size bound: its samples were older than any node takes. An empty batch signed by the
      // operator takes the sequence, so the node can go on to the batches that follow.
      this.counters.voided++;
      return signBatch(this.context, operator.key, target.clusterId, sequence, { snapshots: [], leases: [] });
    }
    if (target.signerOf?.(sequence) === operator.address) return spooled;
    const { batch, resigned } = await signedBy(this.context, operator, spooled);
    if (resigned) this.counters.resigned++;
    return batch;
  }

  private async deliverCluster(nodeUrl: string, target: DeliveryTarget, warnOnce: () => boolean) {
    const key = pairKey(nodeUrl, target.clusterId);
    if (!this.backoff.ready(key, this.options.now())) return;
    const { spool, clusterId } = target;
    const start = spool.cursor(nodeUrl);
    let cursor = start;
    const attempted = new Set<number>();
    let rewound = false;
    let deferred = false;
    const defer = (code: string, details: Record<string, unknown>) => {
      deferred = true;
      this.count(this.counters.deferred, code);
      const delayMs = this.backoff.fail(key, this.options.now());
      this.log.warn({ nodeUrl, clusterId, code, delayMs, ...details }, 'node did not take the batch; backing off');
    };
    /** The node named a sequence this agent never signed (or no sequence at all): see the comment at the top. */
    const distrust = (code: string, claimed: unknown) => {
      deferred = true;
      this.count(this.counters.deferred, 'claims_unsigned_sequence');
      const delayMs = this.backoff.fail(key, this.options.now());
      if (!warnOnce()) return;
      this.log.warn(
        { nodeUrl, clusterId, code, claimed: String(claimed).slice(0, 40), highWater: spool.lastSequence, delayMs },
        'node claims a sequence this agent never signed; not believed, backing off',
      );
    };
    const maxBatches = this.options.maxBatchesPerPass ?? DEFAULT_MAX_BATCHES_PER_PASS;
    const maxEmpty = this.options.maxEmptyBatchesPerPass ?? DEFAULT_MAX_EMPTY_BATCHES_PER_PASS;
    let sent = 0;
    let empty = 0;
    try {
      while (cursor < spool.lastSequence && !this.options.signal.aborted && sent < maxBatches) {
        const sequence = cursor + 1;
        if (attempted.has(sequence)) break;
        if (!spool.has(sequence)) {
          if (empty >= maxEmpty) break;
          empty++;
        }
        attempted.add(sequence);
        sent++;
        const batch = await this.batchFor(target, sequence);
        let refusal: Rejection | NodeUnavailableError | UnexpectedAnswerError | undefined;
        try {
          await this.clientOf(nodeUrl).postBatch(clusterId, batch, { signal: this.options.signal });
        } catch (caught) {
          if (caught instanceof NodeUnavailableError && caught.status === undefined) {
            // The node is down or unreachable: every cluster would fail alike, so the node as a whole waits.
            deferred = true;
            this.count(this.counters.deferred, 'network');
            // Clusters sent side by side all fail at once: one failure of the node per pass, not one per cluster.
            const now = this.options.now();
            const delayMs = this.backoff.ready(nodeKey(nodeUrl), now) ? this.backoff.fail(nodeKey(nodeUrl), now) : 0;
            const err = shortMessageOf(caught.cause);
            this.log.debug({ nodeUrl, err, delayMs }, 'node unreachable; batches stay spooled');
            return;
          }
          const answered =
            caught instanceof Rejection ||
            caught instanceof NodeUnavailableError ||
            caught instanceof UnexpectedAnswerError;
          if (!answered) throw caught;
          refusal = caught;
        }
        const error = refusal instanceof Rejection ? (refusal.toBody().error as BatchRefusal) : undefined;
        if (!refusal) {
          cursor = sequence;
        } else if (error?.code === 'batch_already_accepted') {
          const last = error.lastSequence === undefined ? sequence : sequenceIn(error.lastSequence);
          if (last === undefined || last > spool.lastSequence) {
            distrust(error.code, error.lastSequence);
            break;
          }
          cursor = Math.max(sequence, last);
        } else if (error?.sequenceConsumed === true) {
          this.count(this.counters.refusedForGood, error.code);
          this.log.warn(
            { nodeUrl, clusterId, sequence, code: error.code, message: error.message },
            'node refused a batch for good; its sequence is consumed',
          );
          cursor = sequence;
        } else if (error?.code === 'sequence_gap') {
          const expected = sequenceIn(error.expectedSequence);
          if (expected === undefined || expected < 1 || expected - 1 > spool.lastSequence) {
            distrust(error.code, error.expectedSequence);
            break;
          }
          const nodeHas = expected - 1;
          if (nodeHas < cursor) {
            if (rewound) {
              defer('sequence_gap', { expectedSequence: error.expectedSequence });
              break;
            }
            rewound = true;
            this.log.warn({ nodeUrl, clusterId, expectedSequence: nodeHas + 1, cursor }, 'node is behind; resending');
          }
          cursor = nodeHas;
        } else {
          const status = refusal instanceof UnexpectedAnswerError ? undefined : refusal.status;
          defer(refusal.code, {
            sequence,
            status,
            error: refusal instanceof NodeUnavailableError ? refusal.body : error,
          });
          break;
        }
      }
      if (!deferred) {
        this.backoff.succeed(key);
        this.backoff.succeed(nodeKey(nodeUrl));
      }
    } finally {
      spool.setCursor(nodeUrl, cursor);
    }
  }
}
