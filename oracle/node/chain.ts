/** What a node reads from ClusterRegistry, cached briefly: every request would otherwise cost an RPC round trip. */
import { type Address, getAddress, type Hex, type PublicClient } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { RetryableError } from '../errors';

export type OnChainCluster = {
  clusterId: bigint;
  operator: Address;
  hardwareRoot: Hex;
  gpuCount: number;
  attestationNonce: number;
  attestedUntil: number;
  status: number;
};

export class RegistryView {
  private clusters = new Map<bigint, { value: OnChainCluster; at: number }>();
  private version: { value: number; at: number } | undefined;
  private thresholdRead: { value: number; at: number } | undefined;
  private signerSet: { version: number; value: Set<Address> } | undefined;

  constructor(
    readonly publicClient: PublicClient,
    readonly registry: Address,
    private readonly ttlMs = 5_000,
  ) {}

  async cluster(clusterId: bigint, fresh = false): Promise<OnChainCluster> {
    const cached = this.clusters.get(clusterId);
    if (!fresh && cached && Date.now() - cached.at < this.ttlMs) return cached.value;
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
        attestedUntil: Number(info.attestedUntil),
        status: Number(info.status),
      };
      this.clusters.set(clusterId, { value, at: Date.now() });
      return value;
    } catch (error) {
      throw new RetryableError(`cannot read cluster ${clusterId} from the registry: ${(error as Error).message}`);
    }
  }

  /** Signatures a report needs on chain now (governance may have changed it since this node was configured). */
  async threshold(): Promise<number> {
    if (this.thresholdRead && Date.now() - this.thresholdRead.at < this.ttlMs) return this.thresholdRead.value;
    try {
      const value = await this.publicClient.readContract({
        address: this.registry,
        abi: clusterRegistryAbi,
        functionName: 'threshold',
      });
      this.thresholdRead = { value: Number(value), at: Date.now() };
      return this.thresholdRead.value;
    } catch (error) {
      throw new RetryableError(`cannot read the threshold from the registry: ${(error as Error).message}`);
    }
  }

  /** The committee version signatures must carry (every committee change increments it). */
  async committeeVersion(fresh = false): Promise<number> {
    if (!fresh && this.version && Date.now() - this.version.at < this.ttlMs) return this.version.value;
    try {
      const value = await this.publicClient.readContract({
        address: this.registry,
        abi: clusterRegistryAbi,
        functionName: 'committeeVersion',
      });
      this.version = { value: Number(value), at: Date.now() };
      return this.version.value;
    } catch (error) {
      throw new RetryableError(`cannot read the committee version from the registry: ${(error as Error).message}`);
    }
  }

  /**
   * The committee on chain for `version` (from committeeVersion()): the only signers submitReports accepts. Read once
   * per version, since every committee change increments it.
   */
  async signers(version: number): Promise<Set<Address>> {
    if (this.signerSet?.version === version) return this.signerSet.value;
    try {
      const value = await this.publicClient.readContract({
        address: this.registry,
        abi: clusterRegistryAbi,
        functionName: 'signers',
      });
      this.signerSet = { version, value: new Set(value.map((signer) => getAddress(signer))) };
      return this.signerSet.value;
    } catch (error) {
      throw new RetryableError(`cannot read the committee from the registry: ${(error as Error).message}`);
    }
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
