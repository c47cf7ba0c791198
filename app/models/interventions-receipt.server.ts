/**
 * The receipt check that keys an operator's recorded reason by its mined transaction (attachInterventionTx): the hash
 * is the browser's word, so the chain's receipt must carry the intervention the reason explains before the reason
 * claims it (attacker report M-1). Apart from the records (interventions.server.ts, which says why the reason is
 * recorded first and keyed by its hash later) because it is the one part that reads the chain.
 */
import { and, eq, isNull } from 'drizzle-orm';
import {
  type Address,
  type Hex,
  isAddressEqual,
  type PublicClient,
  parseEventLogs,
  TransactionReceiptNotFoundError,
} from 'viem';
import { offeringAbi, shareTokenAbi } from '#contracts';
import type { Database } from '#db';
import { clusterInterventions } from '#db/schema';
import { Rejection } from '#protocol/base-error';
import { explains, type InterventionEvent, ofCluster } from './interventions.server';
import { type ClusterSale, clusterSale } from './interventions-allowlist.server';

/**
 * The hash reported for a reason is not mined yet as far as the server's node knows (its receipt is unknown), or the
 * cluster's token is not mirrored yet: nothing is stored, the same report may succeed in a moment (409, `retryable`).
 */
export class InterventionTxPendingError extends Rejection {
  override name = 'InterventionTxPendingError';
  constructor(code: 'transaction_not_mined' | 'cluster_not_indexed', message: string) {
    super(code, message, 409, { retryable: true });
  }
}

/**
 * The hash reported for a reason is of a transaction that does not carry the intervention it explains: not sent by
 * the reason's author, not to this cluster's token (or offering), reverted, or without the event of the same kind,
 * accounts and amount. Refused (422) so that no operator can key its reason by another intervention's hash (attacker
 * report M-1): a hash names one cluster's intervention, and only the reason written for it can claim it.
 */
export class InterventionTxMismatchError extends Rejection {
  override name = 'InterventionTxMismatchError';
  constructor(message: string) {
    super('transaction_mismatch', message, 422);
  }
}

/** What attachInterventionTx reads from the chain: the receipt of the reported hash (the load context's client). */
export type ReceiptReader = { publicClient: Pick<PublicClient, 'getTransactionReceipt'> };

/** The interventions a receipt's logs carry from `sale`'s token (ForcedTransfer, WalletRecovered) and offering. */
function receiptInterventions(
  receipt: Awaited<ReturnType<PublicClient['getTransactionReceipt']>>,
  sale: ClusterSale,
): InterventionEvent[] {
  const blockTime = new Date(0);
  const where = (log: { transactionHash: Hex; blockNumber: bigint; logIndex: number }) => ({
    transactionHash: log.transactionHash,
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    blockTime,
  });
  const tokenLogs = parseEventLogs({
    abi: shareTokenAbi,
    eventName: ['ForcedTransfer', 'WalletRecovered'],
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, sale.token)),
  });
  const offeringLogs = parseEventLogs({
    abi: offeringAbi,
    eventName: 'PurchaseRecovered',
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, sale.offering)),
  });
  return [
    ...tokenLogs.map(
      (log): InterventionEvent =>
        log.eventName === 'ForcedTransfer'
          ? {
              ...where(log),
              kind: 'forced_transfer',
              actor: log.args.operator,
              account: log.args.from,
              counterparty: log.args.to,
              value: log.args.amount,
              revenue: null,
              paid: null,
            }
          : {
              ...where(log),
              kind: 'wallet_recovered',
              actor: log.args.operator,
              account: log.args.lost,
              counterparty: log.args.replacement,
              value: log.args.shares,
              revenue: log.args.revenue,
              paid: null,
            },
    ),
    ...offeringLogs.map(
      (log): InterventionEvent => ({
        ...where(log),
        kind: 'purchase_recovered',
        actor: log.args.operator,
        account: log.args.lost,
        counterparty: log.args.replacement,
        value: log.args.shares,
        revenue: null,
        paid: log.args.paid,
      }),
    ),
  ];
}

/**
 * Keys a recorded reason by its mined transaction. Only a reason of this cluster still waiting for its hash, only by
 * the operator who wrote it, and only by a hash no other reason of the cluster holds: false otherwise (nothing
 * changed). The hash is the browser's word, so it is checked against the chain first (attacker report M-1): its
 * receipt must say the transaction succeeded, was sent by the reason's author to the cluster's token (to its offering
 * for a moved purchase), and carries that contract's event the reason explains (`explains`: same kind, accounts,
 * operator and, for a forced transfer, amount). A receipt the node does not have yet → InterventionTxPendingError
 * (409, retry); one that does not fit → InterventionTxMismatchError (422). One receipt read per report, only for a
 * signed-in operator with a reason waiting.
 */
export async function attachInterventionTx(
  db: Database,
  chain: ReceiptReader,
  attach: { chainId: number; clusterId: bigint; id: number; txHash: Hex; author: Address },
): Promise<boolean> {
  const [existing] = await db
    .select()
    .from(clusterInterventions)
    .where(and(ofCluster(attach.chainId, attach.clusterId), eq(clusterInterventions.id, attach.id)));
  if (!existing || existing.txHash !== null || !isAddressEqual(existing.author, attach.author)) return false;
  const sale = await clusterSale(db, attach.chainId, attach.clusterId);
  if (!sale)
    throw new InterventionTxPendingError(
      'cluster_not_indexed',
      `Cluster #${attach.clusterId}'s share token is not indexed yet; report the transaction again in a moment.`,
    );
  const receipt = await chain.publicClient.getTransactionReceipt({ hash: attach.txHash }).catch((error: unknown) => {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  });
  if (!receipt)
    throw new InterventionTxPendingError(
      'transaction_not_mined',
      `Transaction ${attach.txHash} is not mined yet as far as the server's node knows; report it again in a moment.`,
    );
  const target = existing.kind === 'purchase_recovered' ? sale.offering : sale.token;
  const fits =
    receipt.status === 'success' &&
    isAddressEqual(receipt.from, existing.author) &&
    receipt.to !== null &&
    isAddressEqual(receipt.to, target) &&
    receiptInterventions(receipt, sale).some((event) => explains(existing, event));
  if (!fits)
    throw new InterventionTxMismatchError(
      `Transaction ${attach.txHash} is not the intervention #${attach.id} explains: it must be sent by its author to cluster #${attach.clusterId}'s ${existing.kind === 'purchase_recovered' ? 'offering' : 'share token'} and move the same accounts.`,
    );
  const [taken] = await db
    .select({ id: clusterInterventions.id })
    .from(clusterInterventions)
    .where(and(ofCluster(attach.chainId, attach.clusterId), eq(clusterInterventions.txHash, attach.txHash)));
  if (taken) return false;
  const updated = await db
    .update(clusterInterventions)
    .set({ txHash: attach.txHash })
    .where(and(eq(clusterInterventions.id, attach.id), isNull(clusterInterventions.txHash)))
    .returning({ id: clusterInterventions.id });
  return updated.length > 0;
}
