/**
 * The protocol contracts' custom errors, read from the generated ABIs: their names as a type, the merged error ABI to
 * decode any nested revert, the name behind a selector, and which registry errors point at one bad signature. Nothing
 * here lists an error by hand, so an error added to or renamed in a contract shows up (or fails to compile) everywhere.
 */
import { type Abi, type Hex, toFunctionSelector } from 'viem';
import { formatAbiItem } from 'viem/utils';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';

type AbiError = Extract<Abi[number], { type: 'error' }>;
type ErrorNameOf<T extends readonly unknown[]> =
  Extract<T[number], { type: 'error' }> extends { name: infer N } ? N : never;

export type ClusterRegistryErrorName = ErrorNameOf<typeof clusterRegistryAbi>;
export type ProtocolErrorName =
  | ClusterRegistryErrorName
  | ErrorNameOf<typeof shareTokenAbi>
  | ErrorNameOf<typeof offeringAbi>
  | ErrorNameOf<typeof rackshareFactoryAbi>
  | ErrorNameOf<typeof testStablecoinAbi>;

const abis = [shareTokenAbi, offeringAbi, rackshareFactoryAbi, clusterRegistryAbi, testStablecoinAbi] as const;

function mergeErrors(): AbiError[] {
  const errors: AbiError[] = [];
  const seen = new Set<string>();
  for (const abi of abis) {
    for (const item of abi as Abi) {
      if (item.type !== 'error') continue;
      const signature = formatAbiItem(item);
      if (seen.has(signature)) continue;
      seen.add(signature);
      errors.push(item);
    }
  }
  return errors;
}

/** Every custom error the protocol can revert with, to append to a call's ABI so nested reverts decode too. */
export const protocolErrorsAbi: readonly AbiError[] = mergeErrors();

const bySelector = new Map(protocolErrorsAbi.map((item) => [toFunctionSelector(formatAbiItem(item)), item.name]));

/** The error name behind a 4-byte selector (as ShareToken.canTransfer returns it), or the selector itself. */
export function errorNameOfSelector(selector: Hex): string {
  return bySelector.get(selector.toLowerCase() as Hex) ?? selector;
}

const protocolErrorNames = new Set<string>(protocolErrorsAbi.map((item) => item.name));

export function isProtocolErrorName(name: string): name is ProtocolErrorName {
  return protocolErrorNames.has(name);
}

/**
 * The registry errors that name one signature at fault by its position (`uint256 index` first: invalid, wrong length,
 * malleable, not a committee signer, repeated, out of order). A relayer that sees one drops the bad signature and
 * retries with the others; any other revert is about the report itself.
 */
export const signatureErrorNames: ReadonlySet<ClusterRegistryErrorName> = new Set(
  (clusterRegistryAbi as Abi)
    .filter(
      (item): item is AbiError =>
        item.type === 'error' && item.inputs[0]?.name === 'index' && item.inputs[0]?.type === 'uint256',
    )
    .map((item) => item.name as ClusterRegistryErrorName),
);

export const isSignatureError = (name: string) => signatureErrorNames.has(name as ClusterRegistryErrorName);
