/**
 * Every EIP-712 message of the protocol. The registry's types (Attestation, EpochReport) are parsed from the type
 * strings the generator reads out of ClusterRegistry.sol (`clusterRegistryTypeStrings`), so a field added or retyped in
 * the contract changes them here too; eip712.test.ts checks the hashes against the deployed contract. Telemetry messages
 * (domain "Rackshare Telemetry") are signed by the operator's agent and only ever checked by oracle nodes.
 *
 * Reports are hashed with a precomputed domain separator and type hash instead of viem's generic typed-data encoder:
 * the demo signs tens of thousands of them and the generic encoder is 5x slower.
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
import { clusterRegistryTypeStrings } from '#contracts';

type Field<Text extends string> = Text extends `${infer Type} ${infer Name}` ? { name: Name; type: Type } : never;
type Fields<Text extends string> = Text extends `${infer Head},${infer Rest}`
  ? [Field<Head>, ...Fields<Rest>]
  : [Field<Text>];
/** The `{ name, type }` list of an EIP-712 type string `Name(type a,type b)`, computed by the compiler too. */
export type StructFields<Text extends string> = Text extends `${string}(${infer Body})` ? Fields<Body> : never;
export type StructName<Text extends string> = Text extends `${infer Name}(${string})` ? Name : never;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const FIELD_TYPE = /^(?:u?int\d{0,3}|bytes\d{0,2}|address|bool|string)$/;

/**
 * Parses an EIP-712 type string of one struct with elementary fields (what ClusterRegistry declares) into its name and
 * viem's field list. Nested structs and arrays are not used by the protocol and are refused rather than half-parsed.
 */
export function parseTypeString<const Text extends string>(
  text: Text,
): { name: StructName<Text>; fields: StructFields<Text> } {
  const match = /^([A-Za-z_$][A-Za-z0-9_$]*)\((.*)\)$/.exec(text);
  if (!match) throw new Error(`not an EIP-712 type string: ${text}`);
  const fields = match[2]!.split(',').map((part) => {
    const [type, name, ...rest] = part.split(' ');
    if (type === undefined || name === undefined || rest.length > 0 || !FIELD_TYPE.test(type) || !IDENTIFIER.test(name))
      throw new Error(`unsupported field "${part}" in EIP-712 type string ${text}`);
    return { name, type };
  });
  return { name: match[1] as StructName<Text>, fields: fields as StructFields<Text> };
}

const attestationType = parseTypeString(clusterRegistryTypeStrings.ATTESTATION_TYPEHASH);
const epochReportType = parseTypeString(clusterRegistryTypeStrings.EPOCH_REPORT_TYPEHASH);

export const registryTypes = {
  [attestationType.name]: attestationType.fields,
  [epochReportType.name]: epochReportType.fields,
} as { Attestation: typeof attestationType.fields; EpochReport: typeof epochReportType.fields };

/** keccak256 of each registry type string: the contract's public ATTESTATION_TYPEHASH and EPOCH_REPORT_TYPEHASH. */
export const registryTypeHashes = {
  Attestation: keccak256(toBytes(clusterRegistryTypeStrings.ATTESTATION_TYPEHASH)),
  EpochReport: keccak256(toBytes(clusterRegistryTypeStrings.EPOCH_REPORT_TYPEHASH)),
} as const;

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

/** The name and version ClusterRegistry passes to OpenZeppelin's EIP712 (its eip712Domain() answers them; tested). */
export const REGISTRY_DOMAIN_NAME = 'Rackshare ClusterRegistry';
export const REGISTRY_DOMAIN_VERSION = '1';

export const registryDomain = ({ chainId, registry }: ChainContext) =>
  ({
    name: REGISTRY_DOMAIN_NAME,
    version: REGISTRY_DOMAIN_VERSION,
    chainId,
    verifyingContract: registry,
  }) as const;

export const telemetryDomain = ({ chainId, registry }: ChainContext) =>
  ({ name: 'Rackshare Telemetry', version: '1', chainId, verifyingContract: registry }) as const;

const EIP712_DOMAIN_FIELDS = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
] as const;

/** abi.encode(EPOCH_REPORT_TYPEHASH, report): the typehash word, then each field as the parsed type string lists it. */
const REPORT_ENCODING = [{ type: 'bytes32' }, ...epochReportType.fields.map(({ type }) => ({ type }))];
const REPORT_FIELD_NAMES = epochReportType.fields.map(({ name }) => name as keyof EpochReport);

/** Hashes registry messages for one chain and registry. */
export function createRegistryHasher(context: ChainContext) {
  const domainSeparator = hashDomain({
    domain: { ...registryDomain(context), chainId: BigInt(context.chainId) },
    types: { EIP712Domain: [...EIP712_DOMAIN_FIELDS] },
  });
  return {
    domainSeparator,
    report(report: EpochReport): Hex {
      const values = [registryTypeHashes.EpochReport, ...REPORT_FIELD_NAMES.map((name) => report[name])];
      const structHash = keccak256(encodeAbiParameters(REPORT_ENCODING, values));
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
