/**
 * One wallet flow as a small state machine: signing (the wallet is asked) → pending (mined soon) → confirmed or
 * failed with a readable reason. Every contract write is simulated first so a revert is decoded before it costs gas.
 */
import { useCallback, useState } from 'react';
import type { Abi, Address, Hash, TransactionReceipt } from 'viem';
import { useConfig } from 'wagmi';
import { simulateContract, waitForTransactionReceipt, writeContract } from 'wagmi/actions';
import { BaseError } from '#protocol/base-error';
import { protocolErrorsAbi } from '#protocol/errors';
import { type DescribedError, describeError } from './contract-errors';

export type TxState =
  | { step: 'idle' }
  | { step: 'signing'; label?: string }
  | { step: 'pending'; hash: Hash; label?: string }
  | { step: 'confirmed'; hash: Hash; receipt: TransactionReceipt }
  | { step: 'failed'; error: DescribedError; hash?: Hash };

export type WriteRequest = {
  address: Address;
  abi: Abi | readonly unknown[];
  functionName: string;
  args?: readonly unknown[];
  account: Address;
};

/** A mined transaction whose receipt says it reverted (the simulation passed, the chain moved on meanwhile). */
export class TransactionRevertedError extends BaseError {
  override name = 'TransactionRevertedError';
  constructor(readonly hash: Hash) {
    super(`Transaction ${hash} reverted`, { code: 'reverted' });
  }
}

export function useTransactionFlow() {
  const config = useConfig();
  const [state, setState] = useState<TxState>({ step: 'idle' });

  /** Simulates, sends and waits for one write; throws on failure (the caller's run() reports it). */
  const send = useCallback(
    async (request: WriteRequest, label?: string) => {
      setState({ step: 'signing', label });
      const abi = [...(request.abi as Abi), ...protocolErrorsAbi] as Abi;
      const { request: prepared } = await simulateContract(config, { ...request, abi } as never);
      const hash = await writeContract(config, prepared as never);
      setState({ step: 'pending', hash, label });
      const receipt = await waitForTransactionReceipt(config, { hash });
      if (receipt.status !== 'success') throw new TransactionRevertedError(hash);
      return receipt;
    },
    [config],
  );

  /** Runs a whole flow (several sends and signatures); the last receipt is the confirmed state. */
  const run = useCallback(
    async (
      flow: (tools: { send: typeof send; setSigning: (label?: string) => void }) => Promise<TransactionReceipt>,
    ) => {
      try {
        const receipt = await flow({ send, setSigning: (label) => setState({ step: 'signing', label }) });
        setState({ step: 'confirmed', hash: receipt.transactionHash, receipt });
        return receipt;
      } catch (error) {
        setState({
          step: 'failed',
          error:
            error instanceof TransactionRevertedError
              ? { kind: 'reverted', reason: error.shortMessage }
              : describeError(error),
          hash: error instanceof TransactionRevertedError ? error.hash : undefined,
        });
        return undefined;
      }
    },
    [send],
  );

  const reset = useCallback(() => setState({ step: 'idle' }), []);
  const busy = state.step === 'signing' || state.step === 'pending';
  return { state, run, reset, busy };
}
