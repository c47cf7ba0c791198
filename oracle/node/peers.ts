/**
 * Signature exchange: every report this node signs is pushed to every peer (POST /signatures, in bulk) until the peer
 * acknowledged it; a peer that is down gets the backlog when it returns. Successful calls also track which peers are
 * alive, which decides the relaying order.
 */
import type { Logger } from 'pino';
import type { Address } from 'viem';
import type { OracleCore, ReportEntry } from './core';
import { MAX_SIGNATURES_PER_REQUEST, toWireReport } from './protocol';

export type Peer = { address: Address; url: string };

export class PeerNetwork {
  private readonly queues = new Map<Address, Map<string, ReportEntry>>();
  private readonly lastSeen = new Map<Address, number>();
  private wake: (() => void) | undefined;

  constructor(
    private readonly core: OracleCore,
    readonly peers: Peer[],
    private readonly log: Logger,
    private readonly intervalMs = 500,
  ) {
    for (const peer of peers) this.queues.set(peer.address, new Map());
    core.onSigned((entries) => this.enqueue(entries));
    this.enqueue([...core.reports.values()].filter((entry) => !entry.submitted));
  }

  enqueue(entries: ReportEntry[]) {
    for (const queue of this.queues.values()) {
      for (const entry of entries) queue.set(`${entry.report.clusterId}:${entry.report.epoch}`, entry);
    }
    this.wake?.();
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
    try {
      if (queue.size > 0) {
        const batch = [...queue.entries()].slice(0, MAX_SIGNATURES_PER_REQUEST);
        const items = batch.map(([, entry]) => ({
          report: toWireReport(entry.report),
          signer: this.core.address,
          signature: entry.signatures.get(this.core.address)!,
        }));
        const response = await fetch(`${peer.url}/signatures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ items }),
          signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
        });
        if (!response.ok) throw new Error(`peer answered ${response.status}`);
        for (const [key, entry] of batch) if (queue.get(key) === entry) queue.delete(key);
        this.lastSeen.set(peer.address, Date.now());
      } else if (checkHealth) {
        const response = await fetch(`${peer.url}/health`, {
          signal: AbortSignal.any([signal, AbortSignal.timeout(2_000)]),
        });
        if (response.ok) this.lastSeen.set(peer.address, Date.now());
      }
    } catch (error) {
      if (!signal.aborted) this.log.debug({ peer: peer.url, err: (error as Error).message }, 'peer unreachable');
      this.lastSeen.delete(peer.address);
    }
  }
}
