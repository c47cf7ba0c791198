/**
 * Peer signatures, kept per report digest. A report with other figures (or for another committee version) is another
 * digest, so nothing signed over one report can ever displace a signature over another. A signature is kept only after
 * it recovered to its claimed signer, a committee member, with a canonical (low-s) encoding the registry accepts; once
 * kept it is never replaced, and it is removed only when the report is done with or when a strict re-check finds it
 * invalid (journals written before signatures were checked on arrival).
 *
 * Digests this node has not computed a report for yet are parked: only for clusters it holds, for epochs between its
 * last closed epoch and one epoch ahead of its clock, at most MAX_DIGESTS_PER_SIGNER digests per signer and report
 * (the report itself and its re-signature for a new committee), and at most `maxParked` signatures in total. An
 * outsider cannot park anything at all (every item is recovered first); a buggy member parks at most its own few.
 */
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex } from 'viem';
import type { EpochReport } from '#protocol/eip712';
import { recoverSigner } from '#protocol/eip712';
import { fromWireReport, sameFigures, toWireReport, type WireReport } from '#protocol/wire';
import type { ChainCommittee } from './chain';
import type { ReportEntry } from './core';
import type { NodeMetrics } from './metrics';

export type PeerItem = { report: WireReport; signer: Address; signature: Hex };
export type PeerRecord = { type: 'peer'; report: WireReport; signer: Address; signature: Hex };

/** One report and the signatures over its digest by signer. An entry's `signatures` is this very map. */
type DigestSignatures = { key: string; report: EpochReport; signatures: Map<Address, Hex>; adopted: boolean };

/** A report and its re-signature for the next committee version: what an honest member signs for one epoch. */
export const MAX_DIGESTS_PER_SIGNER = 2;
/**
 * Parked signatures in total. Honest need: clusters held × epochs a node lags its peers × (committee − 1), a few
 * hundred; past it an item is answered `busy` and not remembered (the pull recovers it once this node catches up).
 */
export const MAX_PARKED_SIGNATURES = 20_000;

/**
 * Parked signatures are for epochs at most this far before now (24 epochs, at least 6 hours): a node further behind
 * (its agent was down) fetches its peers' signatures with the pull once it computes its reports.
 */
export const PARK_WINDOW_EPOCHS = 24;
const PARK_WINDOW_MIN_SECONDS = 6 * 3_600;

/** secp256k1 n / 2: the registry (OpenZeppelin ECDSA) refuses a larger s as malleable. */
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/** True when `signature` is 65 bytes with s in the lower half and v 27 or 28, the only form the registry accepts. */
export function canonicalSignature(signature: Hex) {
  if (signature.length !== 132) return false;
  const v = signature.slice(130).toLowerCase();
  return (v === '1b' || v === '1c') && BigInt(`0x${signature.slice(66, 130)}`) <= HALF_ORDER;
}

/** Recovers `signature` over `digest` the way the registry would, or undefined when the registry would refuse it. */
export async function strictSigner(digest: Hex, signature: Hex): Promise<Address | undefined> {
  if (!canonicalSignature(signature)) return undefined;
  return recoverSigner(digest, signature).catch(() => undefined);
}

export const reportKey = (clusterId: bigint, epoch: bigint) => `${clusterId}:${epoch}`;

/** What the book needs from its node. */
export type BookHost = {
  address: Address;
  /** Configured committee (this node's address among them). */
  committee: Address[];
  threshold: number;
  epochSeconds: number;
  registry: { committee(fresh?: boolean): Promise<ChainCommittee> };
  hash(report: EpochReport): Hex;
  /** End of the newest epoch the node closed for a cluster it holds; undefined for a cluster it does not hold. */
  finalizedThrough(clusterId: bigint): number | undefined;
  entry(clusterId: bigint, epoch: bigint): ReportEntry | undefined;
  journal(records: PeerRecord[]): Promise<void>;
  metrics: Pick<NodeMetrics, 'signatureMismatches'>;
  log: Logger;
  now?: () => number;
};

export type BookState = { digests: { report: WireReport; signatures: [Address, Hex][] }[] };

export class SignatureBook {
  private readonly byDigest = new Map<Hex, DigestSignatures>();
  private readonly byKey = new Map<string, Set<Hex>>();
  private parked = 0;

  constructor(
    private readonly host: BookHost,
    private readonly maxParked = MAX_PARKED_SIGNATURES,
  ) {}

  /** Signatures parked for reports this node has not computed (bounded by `maxParked`). */
  get parkedSignatures() {
    return this.parked;
  }

  get digests() {
    return this.byDigest.size;
  }

  /** The signature map of `digest` (created empty if new); an entry built on it sees every signature kept for it. */
  signaturesFor(report: EpochReport, digest: Hex) {
    return this.slot(report, digest).signatures;
  }

  private slot(report: EpochReport, digest: Hex) {
    let slot = this.byDigest.get(digest);
    if (!slot) {
      const key = reportKey(report.clusterId, report.epoch);
      slot = { key, report, signatures: new Map(), adopted: false };
      this.byDigest.set(digest, slot);
      const digests = this.byKey.get(key) ?? new Set();
      digests.add(digest);
      this.byKey.set(key, digests);
    }
    return slot;
  }

  /**
   * This node signed `entry` (a new report, or a re-signature): its digest stops counting as parked, and what was
   * parked under the same cluster and epoch for other figures is dropped (counted as a disagreement), or for older
   * versions dropped as void. A re-signature of the same figures for a newer version stays until this node re-signs.
   */
  adopt(entry: ReportEntry) {
    const slot = this.slot(entry.report, entry.digest);
    if (!slot.adopted) {
      slot.adopted = true;
      this.parked -= this.peerSignatures(slot);
    }
    for (const digest of [...(this.byKey.get(slot.key) ?? [])]) {
      if (digest === entry.digest) continue;
      const other = this.byDigest.get(digest)!;
      const ahead =
        other.report.committeeVersion > entry.report.committeeVersion && sameFigures(entry.report, other.report);
      if (ahead) continue;
      if (!sameFigures(entry.report, other.report)) {
        this.host.metrics.signatureMismatches.inc(other.signatures.size);
        this.host.log.warn(
          { signers: [...other.signatures.keys()], clusterId: entry.report.clusterId, epoch: entry.report.epoch },
          'peers signed a different report',
        );
      }
      this.remove(digest);
    }
  }

  private oldestParkable(now = this.host.now?.() ?? Date.now()) {
    const window = Math.max(PARK_WINDOW_EPOCHS * this.host.epochSeconds, PARK_WINDOW_MIN_SECONDS);
    return BigInt(Math.floor(now / 1000) - window);
  }

  /** Drops parked digests whose epoch fell out of the window (closed by this node, or too old). Only when full. */
  private pruneParked() {
    const oldest = this.oldestParkable();
    for (const [digest, slot] of [...this.byDigest]) {
      if (slot.adopted) continue;
      const closed = this.host.finalizedThrough(slot.report.clusterId);
      const entry = this.host.entry(slot.report.clusterId, slot.report.epoch);
      if (slot.report.epoch < oldest || (!entry && (closed === undefined || slot.report.epoch <= BigInt(closed))))
        this.remove(digest);
    }
  }

  private peerSignatures(slot: DigestSignatures) {
    return slot.signatures.size - (slot.signatures.has(this.host.address) ? 1 : 0);
  }

  private remove(digest: Hex) {
    const slot = this.byDigest.get(digest);
    if (!slot) return;
    if (!slot.adopted) this.parked -= this.peerSignatures(slot);
    this.byDigest.delete(digest);
    const digests = this.byKey.get(slot.key);
    digests?.delete(digest);
    if (digests?.size === 0) this.byKey.delete(slot.key);
  }

  /** Forgets everything kept for a cluster and epoch (closed without a report, or done with). */
  forget(clusterId: bigint, epoch: bigint, keep?: Hex) {
    for (const digest of [...(this.byKey.get(reportKey(clusterId, epoch)) ?? [])])
      if (digest !== keep) this.remove(digest);
  }

  /**
   * Forgets what is parked (reports this node never computed) for a cluster's epochs in `(after, through]`: a run of
   * empty epochs closed with one `skipped` record. Bounded by the parked total, not by the length of the run.
   */
  forgetParked(clusterId: bigint, after: bigint, through: bigint) {
    for (const [digest, slot] of [...this.byDigest]) {
      if (slot.adopted || slot.report.clusterId !== clusterId) continue;
      if (slot.report.epoch > after && slot.report.epoch <= through) this.remove(digest);
    }
  }

  /** Keeps a signature already verified (or read back from this node's journal). */
  keep(report: EpochReport, signer: Address, signature: Hex, digest = this.host.hash(report)) {
    const current = this.host.entry(report.clusterId, report.epoch);
    // Read back from an old journal, a signature over anything but this node's report (or its next version) is void.
    if (
      current &&
      current.digest !== digest &&
      !(report.committeeVersion > current.report.committeeVersion && sameFigures(current.report, report))
    )
      return 'mismatch' as const;
    const slot = this.slot(report, digest);
    if (slot.signatures.has(signer)) return 'duplicate' as const;
    slot.signatures.set(signer, signature);
    if (!slot.adopted && signer !== this.host.address) this.parked += 1;
    const entry = this.host.entry(report.clusterId, report.epoch);
    if (entry && entry.digest === digest) {
      this.markReady(entry);
      return 'attached' as const;
    }
    return 'pending' as const;
  }

  markReady(entry: ReportEntry) {
    if (entry.readyAt === null && entry.signatures.size >= this.host.threshold) entry.readyAt = Date.now();
  }

  /** Where an item for `digest` by `signer` would go, without recovering anything; a string is a refusal. */
  private placement(report: EpochReport, digest: Hex, signer: Address) {
    const entry = this.host.entry(report.clusterId, report.epoch);
    if (entry && entry.digest === digest) return entry.signatures.has(signer) ? 'duplicate' : ('attach' as const);
    const slot = this.byDigest.get(digest);
    if (slot?.signatures.has(signer)) return 'duplicate';
    if (entry) {
      // A peer's signature of the same figures for the committee this node has re-signed away from: void on chain.
      if (report.committeeVersion < entry.report.committeeVersion && sameFigures(entry.report, report)) return 'stale';
      // A peer that saw a committee change first re-signed the same figures for the new version: parked until this
      // node re-signs too. Any other figures disagree with this node's report, and are never kept.
      if (report.committeeVersion <= entry.report.committeeVersion || !sameFigures(entry.report, report))
        return 'mismatch';
    }
    let ofSigner = 0;
    for (const other of this.byKey.get(reportKey(report.clusterId, report.epoch)) ?? [])
      if (other !== entry?.digest && this.byDigest.get(other)!.signatures.has(signer)) ofSigner += 1;
    if (ofSigner >= MAX_DIGESTS_PER_SIGNER) return 'too_many_versions';
    if (this.parked >= this.maxParked) this.pruneParked();
    if (this.parked >= this.maxParked) return 'busy';
    return 'park' as const;
  }

  /**
   * Records peers' signatures; one result per item. Anyone who got past the request authentication (a committee
   * member, possibly buggy) can post here, so the cheap refusals come first and each costs no signature recovery: a
   * signer outside the committee, a cluster this node does not hold, an epoch that is not an epoch end, one more than
   * an epoch ahead, one this node closed without a report, a digest the signer already has a signature for, a full
   * parking area, a non-canonical encoding. Within one request, a signer whose signature failed once is not recovered
   * again.
   */
  async add(items: PeerItem[]) {
    const accepted: PeerRecord[] = [];
    const results: string[] = [];
    const { registry, epochSeconds } = this.host;
    let committee = await registry.committee();
    let committeeFresh = false;
    const now = this.host.now?.() ?? Date.now();
    const latestEpoch = BigInt(Math.floor(now / 1000) + epochSeconds);
    const failedSigners = new Set<Address>();
    for (const [index, item] of items.entries()) {
      // Recovering a signature costs about 2 ms of CPU: let the node serve other requests between slices.
      if (index > 0 && index % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      const signer = getAddress(item.signer);
      if (!this.host.committee.includes(signer) || signer === this.host.address) {
        results.push('not_committee_signer');
        continue;
      }
      const report = fromWireReport(item.report);
      const finalizedThrough = this.host.finalizedThrough(report.clusterId);
      if (finalizedThrough === undefined) {
        results.push('unknown_cluster');
        continue;
      }
      if (report.epoch % BigInt(epochSeconds) !== 0n) {
        results.push('epoch_not_aligned');
        continue;
      }
      if (report.epoch > latestEpoch) {
        results.push('epoch_in_future');
        continue;
      }
      const entry = this.host.entry(report.clusterId, report.epoch);
      if (!entry && report.epoch <= BigInt(finalizedThrough)) {
        results.push('epoch_closed');
        continue;
      }
      if (!entry && report.epoch < this.oldestParkable(now)) {
        results.push('epoch_too_old');
        continue;
      }
      // A version beyond the chain's cannot have been signed honestly yet (it would park signatures for nothing); one
      // ahead is let through, for a peer whose RPC saw the committee change a block before this node's did. The
      // cached committee is read afresh (once per request) before a version ahead of it is refused.
      if (report.committeeVersion > committee.version + 1 && !committeeFresh) {
        committee = await registry.committee(true);
        committeeFresh = true;
      }
      if (report.committeeVersion > committee.version + 1) {
        results.push('unknown_committee_version');
        continue;
      }
      // A member governance removed (still in this node's configuration) signs for nothing the chain would accept.
      if (!committee.signers.has(signer) && report.committeeVersion <= committee.version) {
        results.push('not_committee_signer');
        continue;
      }
      const digest = this.host.hash(report);
      const placement = this.placement(report, digest, signer);
      if (placement !== 'attach' && placement !== 'park') {
        if (placement === 'mismatch') {
          this.host.metrics.signatureMismatches.inc();
          this.host.log.warn(
            { signer, clusterId: report.clusterId, epoch: report.epoch },
            'a peer signed a different report',
          );
        }
        results.push(placement);
        continue;
      }
      if (failedSigners.has(signer)) {
        results.push('invalid_signature');
        continue;
      }
      // Nothing unverified is kept, and nothing the registry would refuse (a malleated copy of a genuine signature).
      if ((await strictSigner(digest, item.signature)) !== signer) {
        failedSigners.add(signer);
        results.push('invalid_signature');
        continue;
      }
      const result = this.keep(report, signer, item.signature, digest);
      results.push(result);
      if (result === 'attached' || result === 'pending')
        accepted.push({ type: 'peer', report: item.report, signer, signature: item.signature });
    }
    await this.host.journal(accepted);
    return results;
  }

  /**
   * The relayer's simulation failed on signatures: drops `signer`'s signature from `entry` only if the registry would
   * refuse it too (strict recovery). A verified signature stays whatever an outsider made the relayer believe.
   */
  async drop(entry: ReportEntry, signer: Address) {
    if (signer === this.host.address) return false;
    const signature = entry.signatures.get(signer);
    if (signature === undefined || (await strictSigner(entry.digest, signature)) === signer) return false;
    entry.signatures.delete(signer);
    if (entry.signatures.size < this.host.threshold) entry.readyAt = null;
    return true;
  }

  /** Every signature kept over the reports of `keys` (`clusterId:epoch`), for a peer's pull. */
  itemsFor(keys: string[]): PeerItem[] {
    const items: PeerItem[] = [];
    for (const key of keys) {
      for (const digest of this.byKey.get(key) ?? []) {
        const slot = this.byDigest.get(digest)!;
        if (!slot.adopted) continue;
        for (const [signer, signature] of slot.signatures)
          items.push({ report: toWireReport(slot.report), signer, signature });
      }
    }
    return items;
  }

  toJSON(): BookState {
    return {
      digests: [...this.byDigest.values()].map((slot) => ({
        report: toWireReport(slot.report),
        signatures: [...slot.signatures],
      })),
    };
  }

  /** Restores a snapshot; entries built afterwards (or before: the maps are shared by digest) see its signatures. */
  fromJSON(state: BookState) {
    for (const { report: wire, signatures } of state.digests) {
      const report = fromWireReport(wire);
      for (const [signer, signature] of signatures) this.keep(report, getAddress(signer), signature);
    }
  }
}
