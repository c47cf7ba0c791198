/**
 * Readable reasons for failed transactions: custom errors of every protocol contract are decoded (viem walks the
 * revert data with the merged ABIs) and shown as "ErrorName(arg, …)"; wallet rejections get their own sentence.
 */
import {
  type Abi,
  BaseError,
  ContractFunctionRevertedError,
  type Hex,
  toFunctionSelector,
  UserRejectedRequestError,
} from 'viem';
import { formatAbiItem } from 'viem/utils';

type AbiError = Extract<Abi[number], { type: 'error' }>;

import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';

const allErrors: AbiError[] = [];
const seen = new Set<string>();
for (const item of [
  ...shareTokenAbi,
  ...offeringAbi,
  ...rackshareFactoryAbi,
  ...clusterRegistryAbi,
  ...testStablecoinAbi,
] as Abi) {
  if (item.type !== 'error') continue;
  const signature = formatAbiItem(item);
  if (seen.has(signature)) continue;
  seen.add(signature);
  allErrors.push(item);
}

/** Every custom error the protocol can revert with, to append to a call's ABI so nested reverts decode too. */
export const protocolErrorsAbi: readonly AbiError[] = allErrors;

/** The error name behind a 4-byte selector (as ShareToken.canTransfer returns it), or the selector itself. */
export function errorNameOfSelector(selector: Hex): string {
  const match = allErrors.find((item) => toFunctionSelector(formatAbiItem(item)) === selector.toLowerCase());
  return match?.name ?? selector;
}

function formatArg(value: unknown): string {
  return typeof value === 'bigint' ? value.toString() : String(value);
}

export type DescribedError = { kind: 'rejected' } | { kind: 'reverted' | 'other'; reason: string };

export function describeError(error: unknown): DescribedError {
  if (error instanceof BaseError) {
    if (error.walk((inner) => inner instanceof UserRejectedRequestError)) return { kind: 'rejected' };
    const reverted = error.walk((inner) => inner instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName ?? reverted.reason ?? reverted.signature;
      const args = (reverted.data?.args ?? []).map(formatArg).join(', ');
      return { kind: 'reverted', reason: name ? `${name}(${args})` : reverted.shortMessage };
    }
    return { kind: 'other', reason: error.shortMessage };
  }
  if ((error as { code?: number } | null)?.code === 4001) return { kind: 'rejected' };
  return { kind: 'other', reason: (error as Error | null)?.message ?? String(error) };
}
