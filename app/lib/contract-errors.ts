/**
 * Readable reasons for failed transactions: custom errors of every protocol contract are decoded (viem walks the
 * revert data with the merged ABIs of protocol/errors.ts) and shown as "ErrorName(arg, …)"; wallet rejections get
 * their own sentence.
 */
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from 'viem';

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
