/**
 * Signature exchange: every report this node signs is pushed to every peer (POST /signatures, in bulk, signed with
 * this node's committee key) until the peer acknowledged it; a peer that is down gets the backlog when it returns.
 * A push can still be lost (a peer restarted and forgot its queue, a network that drops it, a peer that refused it
 * while it lagged): so each node also pulls, for its own reports still short of the threshold after `pullDelayMs`,
 * every peer's signatures (GET /signatures?reports=...), at most MAX_PULL_REPORTS reports per peer every
 * `pullIntervalMs`, and checks each like a pushed one. Successful calls also track which peers are alive, which
 * decides the relaying order.
 *
 * A peer's queue holds only what is still worth pushing: reports the chain is done with (submitted) or the core no
 * longer holds (retired, or replaced by a re-signature) leave it, and it never holds more than MAX_QUEUED_PER_PEER
 * (the oldest go first; the peer's pull recovers them), so a peer that stays dead costs bounded memory.
 */
import type { Logger } from 'pino';
import type { Address } from 'viem';
import { shortMessageOf } from '#protocol/base-error';
import { NodeClient, NodeUnavailableError } from '#protocol/node-client';
import { MAX_PULL_REPORTS, MAX_SIGNATURES_PER_REQUEST, toWireReport } from '#protocol/wire';
import type { OracleCore, ReportEntry } from './core';
import { signPeerRequest } from './peer-auth';

export type Peer = { address: Address; url: string };

/** Reports queued for one peer at most: a day of hourly epochs for 128 clusters. */
export const MAX_QUEUED_PER_PEER = 4_096;

export type PullOptions = {
  /** How long an own report may stay short of the threshold before its signatures are pulled (default 10 s). */
  pullDelayMs?: number;
  /** Pause between pull rounds (default 10 s). */
  pullIntervalMs?: number;
};

export class PeerNetwork {
  private readonly queues = new Map<Address, Map<string, ReportEntry>>();
  private readonly lastSeen = new Map<Address, number>();
  private wake: (() => void) | undefined;
  /** Own reports not yet ready, by key, with when this node signed them (or started): what the pull asks about. */
  private readonly unready = new Map<string, { entry: ReportEntry; since: number }>();
  private readonly clients = new Map<Address, NodeClient>();

  constructor(
    private readonly core: OracleCore,
    readonly peers: Peer[],
    private readonly log: Logger,
    private readonly intervalMs = 500,
    private readonly pull: PullOptions = {},
  ) {
    for (const peer of peers) {
      this.queues.set(peer.address, new Map());
      this.clients.set(peer.address, new NodeClient(peer.url));
    }
    core.onSigned((entries) => this.enqueue(entries));
    this.enqueue([...core.reports.values()].filter((entry) => !entry.submitted));
  }

  enqueue(entries: ReportEntry[]) {
    const now = Date.now();
    for (const entry of entries) {
      const key = `${entry.report.clusterId}:${entry.report.epoch}`;
      for (const queue of this.queues.values()) {
        // Re-inserted at the end: a re-signature is the newest entry, not the oldest.
        queue.delete(key);
        queue.set(key, entry);
      }
      if (entry.readyAt === null) this.unready.set(key, { entry, since: now });
    }
    for (const queue of this.queues.values()) this.trim(queue);
    this.wake?.();
  }

  /** Reports waiting to be pushed to `peer` (after dropping those no longer worth pushing). */
  backlog(peer: Address) {
    const queue = this.queues.get(peer);
    return queue ? this.trim(queue) : 0;
  }

  /**
   * Drops what the chain is done with or the core no longer holds, then the oldest beyond MAX_QUEUED_PER_PEER (the
   * peer's pull of this node's signatures recovers those). Returns the size left.
   */
  private trim(queue: Map<string, ReportEntry>) {
    for (const [key, entry] of queue) {
      if (entry.submitted || this.core.reports.get(key) !== entry) queue.delete(key);
    }
    for (const key of queue.keys()) {
      if (queue.size <= MAX_QUEUED_PER_PEER) break;
      queue.delete(key);
    }
    return queue.size;
  }

  /** Pulls the peers' signatures of own reports still short of the threshold, until aborted. */
  async runPull(signal: AbortSignal) {
    const interval = this.pull.pullIntervalMs ?? 10_000;
    while (!signal.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
      if (signal.aborted) break;
      await this.pullOnce(signal).catch((error) => this.log.warn({ err: (error as Error).message }, 'pull failed'));
    }
  }

  /** One pull round; returns the signatures attached. */
  async pullOnce(signal?: AbortSignal, now = Date.now()) {
    const due: string[] = [];
    for (const [key, { entry, since }] of this.unready) {
      const current = this.core.reports.get(key);
      // Done with: ready, on chain, or replaced by a re-signature (which enqueued itself).
      if (current !== entry || entry.readyAt !== null || entry.submitted) {
        this.unready.delete(key);
        continue;
      }
      if (now - since >= (this.pull.pullDelayMs ?? 10_000) && due.length < MAX_PULL_REPORTS) due.push(key);
    }
    if (due.length === 0) return 0;
    let attached = 0;
    for (const peer of this.peers) {
      try {
        const { items } = await this.clients.get(peer.address)!.pullSignatures(due, { signal });
        // Only what this node lacks; every item is still checked (the peer may be buggy, or not who it claims).
        const wanted = items.filter((item) => {
          const entry = this.unready.get(`${item.report.clusterId}:${item.report.epoch}`)?.entry;
          return entry !== undefined && !entry.signatures.has(item.signer);
        });
        if (wanted.length === 0) continue;
        const results = await this.core.addPeerSignatures(wanted);
        attached += results.filter((result) => result === 'attached').length;
      } catch (error) {
        if (!signal?.aborted) this.log.debug({ peer: peer.url, err: shortMessageOf(error) }, 'pull failed');
      }
    }
    if (attached > 0) this.log.info({ attached, reports: due.length }, 'pulled signatures a push did not bring');
    return attached;
  }

  /** Committee members believed alive now, this node included, ascending by address. */
  liveMembers(now = Date.now()): Address[] {
    const alive = this.peers
      .filter((peer) => now - (this.lastSeen.get(peer.address) ?? 0) < Math.max(5_000, this.intervalMs * 6))
      .map((peer) => peer.address);
    return [this.core.address, ...alive].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  }

  async run(signal: AbortSignal) {
    let lastHealth = 0;
    signal.addEventListener('abort', () => this.wake?.(), { once: true });
    while (!signal.aborted) {
      const checkHealth = Date.now() - lastHealth > 2_000;
      if (checkHealth) lastHealth = Date.now();
      await Promise.all(this.peers.map((peer) => this.serve(peer, checkHealth, signal)));
      const pending = [...this.queues.values()].some((queue) => queue.size > 0);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pending ? this.intervalMs : this.intervalMs * 2);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async serve(peer: Peer, checkHealth: boolean, signal: AbortSignal) {
    const queue = this.queues.get(peer.address)!;
    const client = this.clients.get(peer.address)!;
    this.trim(queue);
    try {
      if (queue.size > 0) {
        const batch = [...queue.entries()].slice(0, MAX_SIGNATURES_PER_REQUEST);
        const items = batch.map(([, entry]) => ({
          report: toWireReport(entry.report),
          signer: this.core.address,
          signature: entry.signatures.get(this.core.address)!,
        }));
        const { privateKey, context } = this.core.config;
        await client.pushSignatures(
          items,
          (request) => signPeerRequest(context, privateKey, this.core.address, { ...request, recipient: peer.address }),
          { signal },
        );
        for (const [key, entry] of batch) if (queue.get(key) === entry) queue.delete(key);
        this.lastSeen.set(peer.address, Date.now());
      } else if (checkHealth) {
        // Only an unreachable peer is forgotten; one that answers anything else keeps its last sighting.
        const alive = await client.health({ signal, timeoutMs: 2_000 }).then(
          () => true,
          (error: unknown) => {
            if (error instanceof NodeUnavailableError && error.status === undefined) throw error;
            return false;
          },
        );
        if (alive) this.lastSeen.set(peer.address, Date.now());
      }
    } catch (error) {
      if (!signal.aborted) this.log.debug({ peer: peer.url, err: shortMessageOf(error) }, 'peer unreachable');
      this.lastSeen.delete(peer.address);
    }
  }
}
