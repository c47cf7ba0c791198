/** What a node reads from ClusterRegistry, cached briefly: every request would otherwise cost an RPC round trip. */
import { type Address, getAddress, type Hex, type PublicClient, zeroAddress, zeroHash } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { redactUrls } from '#contracts/redact';
import { UnavailableError } from '#protocol/base-error';

export type OnChainCluster = {
  clusterId: bigint;
  operator: Address;
  hardwareRoot: Hex;
  gpuCount: number;
  attestationNonce: number;
  /** Chain time (s) the current attestation states it was checked at; 0 until attested (and after updateHardware). */
  attestedAt: number;
  attestedUntil: number;
  status: number;
};

/** What submitReports accepts: signatures of these members, this many, for this committee version. */
export type ChainCommittee = { version: number; threshold: number; signers: Set<Address> };

/**
 * Clusters whose reads are kept. Anyone can make a node read any cluster id (challenges, answers), so the cache is
 * bounded and drops the entry read from the chain longest ago; the clusters a node serves are re-read every few
 * seconds, so a flood of made-up ids evicts only other made-up ids' reads (or costs a served cluster one re-read).
 */
const MAX_CACHED_CLUSTERS = 10_000;

/**
 * Cluster ids are 1..clusterCount and never reused, so an id above the count is unknown without a read of its own
 * (finding 9). A count too old for an id is read again at most this often: a flood of made-up ids costs one RPC per
 * interval, and a cluster registered a moment ago waits at most this long.
 */
const COUNT_REFRESH_MS = 1_000;

/** What the registry answers for an id nobody registered: a zero operator, no hardware, status None. */
const unregistered = (clusterId: bigint): OnChainCluster => ({
  clusterId,
  operator: zeroAddress,
  hardwareRoot: zeroHash,
  gpuCount: 0,
  attestationNonce: 0,
  attestedAt: 0,
  attestedUntil: 0,
  status: 0,
});

export class RegistryView {
  private clusters = new Map<bigint, { value: OnChainCluster; at: number }>();
  /** Reads under way, shared by concurrent cached reads of one cluster (a flood of requests costs one RPC). */
  private clusterReads = new Map<bigint, Promise<OnChainCluster>>();
  private committeeRead: { value: ChainCommittee; at: number } | undefined;
  /** The registry's clusterCount as last read (or tried: a failed read is not retried sooner either). */
  private count: { value: bigint | undefined; at: number } | undefined;
  private countRead: Promise<bigint | undefined> | undefined;
  private lastCountStart = Number.NEGATIVE_INFINITY;

  constructor(
    readonly publicClient: PublicClient,
    readonly registry: Address,
    private readonly ttlMs = 5_000,
  ) {}

  /** The cluster as the registry has it, at most the TTL old unless `fresh`; unregistered ids have a zero operator. */
  async cluster(clusterId: bigint, fresh = false): Promise<OnChainCluster> {
    if (!(await this.registered(clusterId))) return unregistered(clusterId);
    const cached = this.clusters.get(clusterId);
    if (!fresh && cached && Date.now() - cached.at < this.ttlMs) return cached.value;
    const pending = this.clusterReads.get(clusterId);
    if (!fresh && pending) return pending;
    const read = this.readCluster(clusterId);
    if (!fresh) {
      this.clusterReads.set(clusterId, read);
      read.then(
        () => this.clusterReads.delete(clusterId),
        () => this.clusterReads.delete(clusterId),
      );
    }
    return read;
  }

  /**
   * Whether `clusterId` can name a registered cluster, by the cached clusterCount: false costs no per-id read. A
   * count that cannot be read lets the per-id read decide (as before this check), so a failing or older RPC loses
   * nothing but the saving.
   */
  private async registered(clusterId: bigint): Promise<boolean> {
    if (clusterId <= 0n) return false;
    const known = this.count?.value;
    if (known !== undefined && clusterId <= known) return true;
    // A cluster registered a moment ago must not be refused: wait for the next read the interval allows (a made-up id
    // waits too, and costs no RPC of its own), and take only a read begun after this request asked.
    // performance.now(): a read begun in the same millisecond as the request may predate it.
    const asked = performance.now();
    while (!this.count || this.count.at <= asked) {
      if (!this.countRead) {
        const wait = this.lastCountStart + COUNT_REFRESH_MS - performance.now();
        if (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        this.lastCountStart = performance.now();
        this.countRead = this.readCount(this.lastCountStart).finally(() => {
          this.countRead = undefined;
        });
      }
      await this.countRead;
    }
    const value = this.count?.value;
    return value === undefined || clusterId <= value;
  }

  /** `started`: when the read began; it reflects every registration mined before then. */
  private async readCount(started: number): Promise<bigint | undefined> {
    let value: bigint | undefined;
    try {
      const read: unknown = await this.publicClient.readContract({
        address: this.registry,
        abi: clusterRegistryAbi,
        functionName: 'clusterCount',
      });
      value = typeof read === 'bigint' ? read : undefined;
    } catch {
      value = undefined;
    }
    // The count only grows: a late answer never lowers what an earlier one showed.
    const previous = this.count?.value;
    this.count = {
      value: previous !== undefined && value !== undefined && previous > value ? previous : value,
      at: started,
    };
    return this.count.value;
  }

  private async readCluster(clusterId: bigint): Promise<OnChainCluster> {
    try {
      const info = await this.publicClient.readContract({
        address: this.registry,
        abi: clusterRegistryAbi,
        functionName: 'clusterOf',
        args: [clusterId],
      });
      const value: OnChainCluster = {
        clusterId,
        operator: info.operator,
        hardwareRoot: info.hardwareRoot,
        gpuCount: Number(info.gpuCount),
        attestationNonce: Number(info.attestationNonce),
        attestedAt: Number(info.attestedAt),
        attestedUntil: Number(info.attestedUntil),
        status: Number(info.status),
      };
      this.clusters.delete(clusterId);
      this.clusters.set(clusterId, { value, at: Date.now() });
      if (this.clusters.size > MAX_CACHED_CLUSTERS) this.clusters.delete(this.clusters.keys().next().value!);
      return value;
    } catch (error) {
      throw new UnavailableError(`cannot read cluster ${clusterId} from the registry`, {
        cause: error,
        details: registryFailure(error),
      });
    }
  }

  /**
   * The committee submitReports accepts now: its version, threshold and signers, read at one block so the three
   * always belong together (separate reads behind a load-balanced RPC could pair a new version with old signers).
   * Cached for the view's TTL; `fresh` or `forgetCommittee()` forces a read.
   */
  async committee(fresh = false): Promise<ChainCommittee> {
    if (!fresh && this.committeeRead && Date.now() - this.committeeRead.at < this.ttlMs)
      return this.committeeRead.value;
    try {
      const blockNumber = await this.publicClient.getBlockNumber({ cacheTime: 0 });
      const read = <const name extends 'committeeVersion' | 'threshold' | 'signers'>(functionName: name) =>
        this.publicClient.readContract({ address: this.registry, abi: clusterRegistryAbi, functionName, blockNumber });
      const [version, threshold, signers] = await Promise.all([
        read('committeeVersion'),
        read('threshold'),
        read('signers'),
      ]);
      const value: ChainCommittee = {
        version: Number(version),
        threshold: Number(threshold),
        signers: new Set(signers.map((signer) => getAddress(signer))),
      };
      this.committeeRead = { value, at: Date.now() };
      return value;
    } catch (error) {
      throw new UnavailableError('cannot read the committee from the registry', {
        cause: error,
        details: registryFailure(error),
      });
    }
  }

  /** Drops the cached committee (the chain refused a signer this node thought seated). */
  forgetCommittee() {
    this.committeeRead = undefined;
  }

  /** The committee version signatures must carry (every committee change increments it). */
  async committeeVersion(fresh = false): Promise<number> {
    return (await this.committee(fresh)).version;
  }

  async lastEpochs(clusterIds: bigint[]): Promise<Map<bigint, bigint>> {
    const epochs = await Promise.all(
      clusterIds.map((clusterId) =>
        this.publicClient.readContract({
          address: this.registry,
          abi: clusterRegistryAbi,
          functionName: 'lastEpochOf',
          args: [clusterId],
        }),
      ),
    );
    return new Map(clusterIds.map((clusterId, index) => [clusterId, epochs[index]!]));
  }

  async chainTime(): Promise<number> {
    const block = await this.publicClient.getBlock({ blockTag: 'latest' });
    return Number(block.timestamp);
  }
}

/**
 * What the RPC answered, for the log lines that print an error's `message` (its `details`): viem quotes the RPC URL,
 * which may carry the provider's API key, so URLs are redacted. The short message never holds any of it.
 */
function registryFailure(error: unknown) {
  return redactUrls(error instanceof Error ? error.message : String(error));
}
