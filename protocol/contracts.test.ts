/**
 * Cross-boundary checks against the deployed contracts on anvil: what protocol/ derives from the generated bindings
 * (type strings, constants) must be what the chain computes. The expectations are contract reads, never the values
 * under test. (Tests may use the oracle's chain harness; protocol/ modules themselves may not, see tests/lint/layers.ts.)
 */
import type { Abi, Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterRegistryAbi,
  clusterRegistryConstants,
  shareTokenAbi,
  shareTokenConstants,
  shareTokenTypeStrings,
} from '#contracts';
import { startTestChain, testPort } from '../oracle/node/harness.test-kit';
import {
  type Attestation,
  createRegistryHasher,
  type EpochReport,
  parseTypeString,
  REGISTRY_DOMAIN_NAME,
  REGISTRY_DOMAIN_VERSION,
  registryTypeHashes,
} from './eip712';

let chain: Awaited<ReturnType<typeof startTestChain>>;

beforeAll(async () => {
  chain = await startTestChain(testPort(5311));
});

afterAll(async () => {
  await chain?.anvil.stop();
});

const read = (address: Hex, abi: Abi, functionName: string, args: unknown[] = []) =>
  chain.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<unknown>;

describe('EIP-712 types derived from the generated type strings', () => {
  it('hash each type string to the registry public ATTESTATION_TYPEHASH and EPOCH_REPORT_TYPEHASH', async () => {
    const registry = chain.deployment.contracts.clusterRegistry;
    expect(await read(registry, clusterRegistryAbi, 'ATTESTATION_TYPEHASH')).toBe(registryTypeHashes.Attestation);
    expect(await read(registry, clusterRegistryAbi, 'EPOCH_REPORT_TYPEHASH')).toBe(registryTypeHashes.EpochReport);
  });

  it('name the domain as the registry eip712Domain() does', async () => {
    const registry = chain.deployment.contracts.clusterRegistry;
    const [, name, version, chainId, verifyingContract] = (await read(
      registry,
      clusterRegistryAbi,
      'eip712Domain',
    )) as [Hex, string, string, bigint, Hex];
    expect({ name, version, chainId, verifyingContract }).toEqual({
      name: REGISTRY_DOMAIN_NAME,
      version: REGISTRY_DOMAIN_VERSION,
      chainId: BigInt(chain.chain.id),
      verifyingContract: registry,
    });
  });

  it('produce the digests the registry computes for an attestation and a report', async () => {
    const registry = chain.deployment.contracts.clusterRegistry;
    const hasher = createRegistryHasher({ chainId: chain.chain.id, registry });
    const report: EpochReport = {
      clusterId: 2n ** 200n + 3n,
      epoch: 123_456n,
      gpuHoursMilli: 2n ** 63n + 5n,
      utilizationBps: 9_999,
      gpusOnline: 4_000_000_000,
      revenue: 10n ** 30n + 7n,
      telemetryRoot: `0x${'5a'.repeat(32)}`,
      committeeVersion: 4_000_000_001,
    };
    const attestation: Attestation = {
      clusterId: 77n,
      hardwareRoot: `0x${'c3'.repeat(32)}`,
      gpuCount: 100_000,
      issuedAt: 1_799_000_000n,
      validUntil: 2n ** 64n - 1n,
      nonce: 2 ** 32 - 1,
      committeeVersion: 9,
    };
    expect(await read(registry, clusterRegistryAbi, 'hashReport', [report])).toBe(hasher.report(report));
    expect(await read(registry, clusterRegistryAbi, 'hashAttestation', [attestation])).toBe(
      hasher.attestation(attestation),
    );
    expect(await read(registry, clusterRegistryAbi, 'domainSeparator')).toBe(hasher.domainSeparator);
    // A changed field changes the digest the same way on both sides (the hasher is not constant).
    const other = { ...report, revenue: report.revenue + 1n };
    expect(hasher.report(other)).not.toBe(hasher.report(report));
    expect(await read(registry, clusterRegistryAbi, 'hashReport', [other])).toBe(hasher.report(other));
  });

  it('parses the ShareToken permit type string as well (the parser is not specific to the registry)', () => {
    expect(parseTypeString(shareTokenTypeStrings.PERMIT_TYPEHASH).fields.map((field) => field.name)).toEqual([
      'owner',
      'spender',
      'value',
      'nonce',
      'deadline',
    ]);
  });
});

describe('generated constants equal the deployed contracts', () => {
  const checks = [
    ['shareTokenImplementation', shareTokenAbi, shareTokenConstants],
    ['clusterRegistry', clusterRegistryAbi, clusterRegistryConstants],
  ] as const;

  it('every generated constant with a public getter reads the same on chain, RATE_SCALE and MAX_DURATION included', async () => {
    const compared: string[] = [];
    for (const [contract, abi, constants] of checks) {
      const address = chain.deployment.contracts[contract];
      for (const [name, value] of Object.entries(constants)) {
        const getter = (abi as Abi).some((item) => item.type === 'function' && item.name === name);
        if (!getter) continue;
        expect({ name, value: BigInt((await read(address, abi as Abi, name)) as bigint | number) }).toEqual({
          name,
          value,
        });
        compared.push(name);
      }
    }
    expect(compared).toEqual(expect.arrayContaining(['RATE_SCALE', 'MAX_DURATION', 'MAX_STABLECOIN_DECIMALS']));
  });
});
