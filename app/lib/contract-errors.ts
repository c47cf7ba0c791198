/**
 * Readable reasons for failed transactions: custom errors of every protocol contract are decoded (viem walks the
 * revert data with the merged ABIs of protocol/errors.ts) and told in the contract's own words, the error's NatSpec
 * `@notice` (contracts/ts/error-notices.ts, generated), with its arguments filled in; the error's name stays beside
 * the sentence so a report to the operator or a developer still names it. Wallet rejections get their own sentence.
 */
import { type AbiParameter, BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from 'viem';
import { formatAbiItem } from 'viem/utils';
import { clusterRegistryClusterStatusNames, clusterRegistrySkipReasonNames, offeringPhaseNames } from '#contracts';
import { errorNotices } from '#contracts/error-notices';

/** Enum arguments are shown by member name (`CannotFinalize(Phase)` says "Open", not "1"). */
const enumNames: Record<string, readonly string[]> = {
  'enum IClusterRegistry.ClusterStatus': clusterRegistryClusterStatusNames,
  'enum IClusterRegistry.SkipReason': clusterRegistrySkipReasonNames,
  'enum IOffering.Phase': offeringPhaseNames,
};

function formatArg(value: unknown, parameter?: AbiParameter): string {
  const names = parameter?.internalType ? enumNames[parameter.internalType] : undefined;
  if (names && (typeof value === 'number' || typeof value === 'bigint')) return names[Number(value)] ?? String(value);
  return typeof value === 'bigint' ? value.toString() : String(value);
}

export type DescribedError =
  | { kind: 'rejected' }
  | { kind: 'reverted'; name?: string; reason: string; args?: string[] }
  | { kind: 'other'; reason: string };

/**
 * The NatSpec sentence of one decoded error with its arguments in place: a backquoted parameter name becomes the
 * argument's value, any other backquoted word (a function name) loses its quotes. Null when the error has no sentence.
 */
export function errorSentence(
  signature: string,
  parameters: readonly AbiParameter[],
  args: readonly unknown[],
): string | null {
  const notice = errorNotices[signature];
  if (!notice) return null;
  return notice.replace(/`([^`]+)`/g, (_, word: string) => {
    const index = parameters.findIndex((parameter) => parameter.name === word);
    return index >= 0 && index < args.length ? formatArg(args[index], parameters[index]) : word;
  });
}

/** What a form shows for a failed transaction: the sentence, then the error's name and arguments in brackets. */
export function refusalText(error: Exclude<DescribedError, { kind: 'rejected' }>): string {
  const { reason } = error;
  const name = error.kind === 'reverted' ? error.name : undefined;
  if (!name || reason.startsWith(`${name}(`)) return reason;
  // The arguments stay visible next to the name: the sentence may not name all of them (a duration, a limit).
  const args = error.kind === 'reverted' && error.args?.length ? `(${error.args.join(', ')})` : '';
  return `${reason} (${name}${args})`;
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof BaseError) {
    if (error.walk((inner) => inner instanceof UserRejectedRequestError)) return { kind: 'rejected' };
    const reverted = error.walk((inner) => inner instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const decoded = reverted.data;
      // Error(string) and Panic(uint256) are not custom errors: viem already words them in `reason`.
      const builtin = decoded?.errorName === 'Error' || decoded?.errorName === 'Panic';
      if (decoded && !builtin && decoded.abiItem.type === 'error') {
        const parameters = decoded.abiItem.inputs;
        const args = (decoded.args ?? []).map((value, index) => formatArg(value, parameters[index]));
        const sentence = errorSentence(formatAbiItem(decoded.abiItem), parameters, decoded.args ?? []);
        return {
          kind: 'reverted',
          name: decoded.errorName,
          reason: sentence ?? `${decoded.errorName}(${args.join(', ')})`,
          args,
        };
      }
      return { kind: 'reverted', reason: reverted.reason ?? reverted.signature ?? reverted.shortMessage };
    }
    return { kind: 'other', reason: error.shortMessage };
  }
  if ((error as { code?: number } | null)?.code === 4001) return { kind: 'rejected' };
  return { kind: 'other', reason: (error as Error | null)?.message ?? String(error) };
}
