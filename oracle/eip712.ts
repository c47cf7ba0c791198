/**
 * Every EIP-712 message of the oracle. Registry messages (Attestation, EpochReport) must hash exactly like
 * ClusterRegistry's `hashAttestation`/`hashReport` (checked against the contract in eip712.test.ts). Telemetry
 * messages (domain "Rackshare Telemetry") are signed by the operator's agent and only ever checked by oracle nodes.
 *
 * Reports are hashed here with a precomputed domain separator and type hash instead of viem's generic typed-data
 * encoder: the demo signs tens of thousands of them and the generic encoder is 5x slower.
 */
import {
  type Address,
  concat,
  encodeAbiParameters,
  type Hex,
  hashDomain,
  hashTypedData,
  keccak256,
  recoverAddress,
  toBytes,
} from 'viem';
import { sign } from 'viem/accounts';

export type Attestation = {
  clusterId: bigint;
  hardwareRoot: Hex;
  gpuCount: number;
  /** Chain time (Unix s) at which the committee checked the inventory; the heartbeat counts from it. */
  issuedAt: bigint;
  validUntil: bigint;
  nonce: number;
  /** The registry's committeeVersion() it is signed for; any committee change voids it. */
  committeeVersion: number;
};

export type EpochReport = {
  clusterId: bigint;
  epoch: bigint;
  gpuHoursMilli: bigint;
  utilizationBps: number;
  gpusOnline: number;
  revenue: bigint;
  telemetryRoot: Hex;
  /** The registry's committeeVersion() it is signed for; the registry skips it under another committee. */
  committeeVersion: number;
};

export const registryTypes = {
  Attestation: [
    { name: 'clusterId', type: 'uint256' },
    { name: 'hardwareRoot', type: 'bytes32' },
    { name: 'gpuCount', type: 'uint32' },
    { name: 'issuedAt', type: 'uint64' },
    { name: 'validUntil', type: 'uint64' },
    { name: 'nonce', type: 'uint32' },
    { name: 'committeeVersion', type: 'uint32' },
  ],
  EpochReport: [
    { name: 'clusterId', type: 'uint256' },
    { name: 'epoch', type: 'uint64' },
    { name: 'gpuHoursMilli', type: 'uint64' },
    { name: 'utilizationBps', type: 'uint16' },
    { name: 'gpusOnline', type: 'uint32' },
    { name: 'revenue', type: 'uint256' },
    { name: 'telemetryRoot', type: 'bytes32' },
    { name: 'committeeVersion', type: 'uint32' },
  ],
} as const;

/** Operator-signed messages. A batch signs the keccak256 of its exact JSON payload bytes. */
export const telemetryTypes = {
  TelemetryBatch: [
    { name: 'clusterId', type: 'uint256' },
    { name: 'sequence', type: 'uint64' },
    { name: 'payloadHash', type: 'bytes32' },
  ],
  InventoryProof: [
    { name: 'clusterId', type: 'uint256' },
    { name: 'hardwareRoot', type: 'bytes32' },
    { name: 'gpuCount', type: 'uint32' },
    { name: 'challenge', type: 'bytes32' },
    { name: 'validUntil', type: 'uint64' },
  ],
} as const;

export type ChainContext = { chainId: number; registry: Address };

export const registryDomain = ({ chainId, registry }: ChainContext) =>
  ({ name: 'Rackshare ClusterRegistry', version: '1', chainId, verifyingContract: registry }) as const;

export const telemetryDomain = ({ chainId, registry }: ChainContext) =>
  ({ name: 'Rackshare Telemetry', version: '1', chainId, verifyingContract: registry }) as const;

const EPOCH_REPORT_TYPEHASH = keccak256(
  toBytes(
    'EpochReport(uint256 clusterId,uint64 epoch,uint64 gpuHoursMilli,uint16 utilizationBps,uint32 gpusOnline,uint256 revenue,bytes32 telemetryRoot,uint32 committeeVersion)',
  ),
);
const REPORT_FIELDS = [
  { type: 'bytes32' },
  { type: 'uint256' },
  { type: 'uint64' },
  { type: 'uint64' },
  { type: 'uint16' },
  { type: 'uint32' },
  { type: 'uint256' },
  { type: 'bytes32' },
  { type: 'uint32' },
] as const;

/** Hashes registry messages for one chain and registry. */
export function createRegistryHasher(context: ChainContext) {
  const domainSeparator = hashDomain({
    domain: { ...registryDomain(context), chainId: BigInt(context.chainId) },
    types: { EIP712Domain: [...EIP712_DOMAIN_FIELDS] },
  });
  return {
    domainSeparator,
    report(report: EpochReport): Hex {
      const structHash = keccak256(
        encodeAbiParameters(REPORT_FIELDS, [
          EPOCH_REPORT_TYPEHASH,
          report.clusterId,
          report.epoch,
          report.gpuHoursMilli,
          report.utilizationBps,
          report.gpusOnline,
          report.revenue,
          report.telemetryRoot,
          report.committeeVersion,
        ]),
      );
      return keccak256(concat(['0x1901', domainSeparator, structHash]));
    },
    attestation(attestation: Attestation): Hex {
      return hashTypedData({
        domain: registryDomain(context),
        types: registryTypes,
        primaryType: 'Attestation',
        message: attestation,
      });
    },
  };
}

const EIP712_DOMAIN_FIELDS = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
] as const;

export function telemetryBatchDigest(context: ChainContext, clusterId: bigint, sequence: bigint, payloadHash: Hex) {
  return hashTypedData({
    domain: telemetryDomain(context),
    types: telemetryTypes,
    primaryType: 'TelemetryBatch',
    message: { clusterId, sequence, payloadHash },
  });
}

export function inventoryProofDigest(
  context: ChainContext,
  message: { clusterId: bigint; hardwareRoot: Hex; gpuCount: number; challenge: Hex; validUntil: bigint },
) {
  return hashTypedData({
    domain: telemetryDomain(context),
    types: telemetryTypes,
    primaryType: 'InventoryProof',
    message,
  });
}

export const signDigest = (digest: Hex, privateKey: Hex) => sign({ hash: digest, privateKey, to: 'hex' });

export const recoverSigner = (digest: Hex, signature: Hex) => recoverAddress({ hash: digest, signature });
