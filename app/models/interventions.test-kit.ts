/**
 * The chain as attachInterventionTx reads it, for the model's database tests: the receipt of each hash a test says
 * was mined, with the log its contract would emit (the real ABI's encoding, so attachInterventionTx decodes it as it
 * decodes the chain's). A hash not listed is not mined (TransactionReceiptNotFoundError), as on a node that has not
 * seen it yet. The chain test (interventions-receipt.server.test.ts) reads real receipts from anvil.
 */
import {
  type Address,
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
} from 'viem';
import { offeringAbi, shareTokenAbi } from '#contracts';
import type { ReceiptReader } from './interventions-receipt.server';

/** One mined intervention: who sent it to which contract, and the event it carries. */
export type MinedIntervention = {
  hash: Hex;
  /** The transaction's sender; the event's `operator` too unless `actor` says otherwise. */
  from: Address;
  /** The contract called: the token for its kinds, the offering for purchase_recovered. */
  to: Address;
  kind: 'forced_transfer' | 'wallet_recovered' | 'purchase_recovered';
  actor?: Address;
  account: Address;
  counterparty: Address;
  value: bigint;
  /** Revenue moved with a recovered wallet, or what a moved purchase was paid. */
  extra?: bigint;
  status?: 'success' | 'reverted';
};

function logOf(mined: MinedIntervention) {
  const indexed = { operator: mined.actor ?? mined.from };
  const uint = [{ type: 'uint256' }] as const;
  const twoUints = [{ type: 'uint256' }, { type: 'uint256' }] as const;
  if (mined.kind === 'forced_transfer')
    return {
      topics: encodeEventTopics({
        abi: shareTokenAbi,
        eventName: 'ForcedTransfer',
        args: { ...indexed, from: mined.account, to: mined.counterparty },
      }),
      data: encodeAbiParameters(uint, [mined.value]),
    };
  if (mined.kind === 'wallet_recovered')
    return {
      topics: encodeEventTopics({
        abi: shareTokenAbi,
        eventName: 'WalletRecovered',
        args: { ...indexed, lost: mined.account, replacement: mined.counterparty },
      }),
      data: encodeAbiParameters(twoUints, [mined.value, mined.extra ?? 0n]),
    };
  return {
    topics: encodeEventTopics({
      abi: offeringAbi,
      eventName: 'PurchaseRecovered',
      args: { ...indexed, lost: mined.account, replacement: mined.counterparty },
    }),
    data: encodeAbiParameters(twoUints, [mined.value, mined.extra ?? 0n]),
  };
}

/** A ReceiptReader answering the receipts of `mined` (more may be added later with `mine`). */
export function fakeReceipts(mined: MinedIntervention[] = []) {
  const receipts = new Map<string, TransactionReceipt>();
  const mine = (...more: MinedIntervention[]) => {
    for (const entry of more) {
      const { topics, data } = logOf(entry);
      receipts.set(entry.hash.toLowerCase(), {
        transactionHash: entry.hash,
        from: entry.from,
        to: entry.to,
        status: entry.status ?? 'success',
        blockNumber: 1_000n,
        logs: [
          {
            address: entry.to,
            topics: topics as [Hex, ...Hex[]],
            data,
            transactionHash: entry.hash,
            blockNumber: 1_000n,
            logIndex: 0,
          },
        ],
      } as unknown as TransactionReceipt);
    }
  };
  mine(...mined);
  const reader: ReceiptReader = {
    publicClient: {
      getTransactionReceipt: async ({ hash }) => {
        const receipt = receipts.get(hash.toLowerCase());
        if (!receipt) throw new TransactionReceiptNotFoundError({ hash });
        return receipt;
      },
    } as ReceiptReader['publicClient'],
  };
  return { reader, mine };
}
