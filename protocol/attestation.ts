/**
 * What the registry's `submitAttestation` and `submitReports` take beyond the signed message: exactly `threshold`
 * committee signatures in strictly ascending signer order (the contract walks them once and refuses a repeat or a
 * descending signer). The agent, the operator page and the test fixtures all build their arguments here.
 */
import type { Address, Hex } from 'viem';
import type { Attestation, ChainContext, EpochReport } from './eip712';
import { registryDomain, registryTypes } from './eip712';
import type { AttestationSignature } from './wire';

/** Orders signer addresses as the registry requires: by their numeric value, ascending (spelling does not matter). */
export const compareSigners = (a: Address, b: Address) => {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The first `count` of `items` by ascending signer: which of the committee sign, in the order the registry wants. */
export function firstSigners<T>(items: readonly T[], count: number, signerOf: (item: T) => Address): T[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`a threshold of ${count} signatures is not valid`);
  const chosen = [...items].sort((a, b) => compareSigners(signerOf(a), signerOf(b))).slice(0, count);
  if (chosen.length < count) throw new Error(`${count} signatures needed, ${items.length} available`);
  for (let index = 1; index < chosen.length; index++) {
    if (compareSigners(signerOf(chosen[index - 1]!), signerOf(chosen[index]!)) === 0)
      throw new Error(`signer ${signerOf(chosen[index]!)} is listed twice`);
  }
  return chosen;
}

/**
 * The `submitAttestation` arguments from the nodes' signatures: `threshold` of them, ascending signers. All chosen
 * signatures must be over the same attestation (nodes given the same terms sign the same message); otherwise the
 * registry would refuse the mix, so it is refused here with a readable reason.
 */
export function submitAttestationArgs(signatures: readonly AttestationSignature[], threshold: number) {
  const chosen = firstSigners(signatures, threshold, (entry) => entry.signer);
  const first = chosen[0]!.attestation;
  const differs = chosen.find((entry) => JSON.stringify(entry.attestation) !== JSON.stringify(first));
  if (differs) throw new Error(`node ${differs.signer} signed other attestation terms than node ${chosen[0]!.signer}`);
  const attestation: Attestation = {
    clusterId: BigInt(first.clusterId),
    hardwareRoot: first.hardwareRoot as Hex,
    gpuCount: first.gpuCount,
    issuedAt: BigInt(first.issuedAt),
    validUntil: BigInt(first.validUntil),
    nonce: first.nonce,
    committeeVersion: first.committeeVersion,
  };
  return [attestation, chosen.map((entry) => entry.signature as Hex)] as const;
}

/** viem typed data for a registry attestation (what a committee member signs; the registry's hashAttestation). */
export const attestationTypedData = (context: ChainContext, message: Attestation) =>
  ({
    domain: registryDomain(context),
    types: { Attestation: registryTypes.Attestation },
    primaryType: 'Attestation',
    message,
  }) as const;

/** viem typed data for an epoch report (what a committee member signs; the registry's hashReport). */
export const epochReportTypedData = (context: ChainContext, message: EpochReport) =>
  ({
    domain: registryDomain(context),
    types: { EpochReport: registryTypes.EpochReport },
    primaryType: 'EpochReport',
    message,
  }) as const;
