/**
 * The rows of each protocol contract's events, one function per contract the indexer follows (registry, share token,
 * offering). decode.ts finds the contract a log came from and calls the one that knows its events. Every log reaches
 * these functions through `parseLog`, which cleans every string argument of every event (see `cleanText`).
 */
import type { Address, Hex } from 'viem';
import {
  clusterRegistryAbi,
  offeringAbi,
  rackshareFactoryAbi,
  shareMarketAbi,
  shareTokenAbi,
  testStablecoinAbi,
} from '#contracts';
import type { ChainLog } from './decode';
import { createLogParser } from './parse';
import type { EventRows } from './tables';

export const indexedAbi = [
  ...clusterRegistryAbi,
  ...rackshareFactoryAbi,
  ...shareTokenAbi,
  ...offeringAbi,
  ...testStablecoinAbi,
  ...shareMarketAbi,
] as const;
const parseLogs = createLogParser(indexedAbi);

export type ParsedLog = ReturnType<typeof parseLogs>[number];

/** The columns every event row starts with. */
export type Where = {
  chainId: number;
  blockNumber: bigint;
  blockHash: Hex;
  logIndex: number;
  transactionHash: Hex;
  blockTime: Date;
};

/**
 * `text` with every U+0000 replaced by U+FFFD (review H1). A Solidity string may hold NUL, and anyone can register a
 * cluster (gpuModel, location, metadata URI) or name a token; PostgreSQL and PGlite refuse NUL in text ("invalid byte
 * sequence ... 0x00"), so one such string would fail the whole range write and the indexer would retry that range
 * forever. U+FFFD keeps the string's length and shows where the character was.
 */
export function cleanText(text: string) {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) {
    // The same array back when nothing changed (string[] or address[] without NUL), so the args are not copied.
    const cleaned = value.map(cleanValue);
    return cleaned.some((item, index) => item !== value[index]) ? cleaned : value;
  }
  return value;
}

/**
 * `raw` decoded against the indexed ABI (undefined when it matches no event), with every string argument cleaned:
 * one pass over the arguments of every event, so a string field added to an event later is covered too. Addresses and
 * hex values never hold NUL and come back unchanged.
 */
export function parseLog(raw: ChainLog): ParsedLog | undefined {
  const [log] = parseLogs([raw]);
  if (!log || !('args' in log) || log.args === null || typeof log.args !== 'object') return log;
  const args = log.args as Record<string, unknown>;
  let cleaned: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(args)) {
    const clean = cleanValue(value);
    if (clean !== value) {
      cleaned ??= { ...args };
      cleaned[key] = clean;
    }
  }
  return cleaned ? ({ ...log, args: cleaned } as ParsedLog) : log;
}

export const seconds = (value: bigint | number) => new Date(Number(value) * 1000);

export function registryRows(log: ParsedLog, where: Where, rows: EventRows) {
  switch (log.eventName) {
    case 'ClusterRegistered':
      rows.clusterEvents.push({
        ...where,
        clusterId: log.args.clusterId,
        kind: 'registered',
        operator: log.args.operator,
        gpuModel: log.args.gpuModel,
        location: log.args.location,
        gpuCount: log.args.gpuCount,
        hardwareRoot: log.args.hardwareRoot,
        metadataUri: log.args.metadataURI,
        metadataHash: log.args.metadataHash,
      });
      break;
    case 'MetadataUpdated':
      rows.clusterEvents.push({
        ...where,
        clusterId: log.args.clusterId,
        kind: 'metadata_updated',
        metadataUri: log.args.metadataURI,
        metadataHash: log.args.metadataHash,
      });
      break;
    case 'HardwareUpdated':
      rows.clusterEvents.push({
        ...where,
        clusterId: log.args.clusterId,
        kind: 'hardware_updated',
        hardwareRoot: log.args.hardwareRoot,
        gpuCount: log.args.gpuCount,
      });
      break;
    case 'OperatorTransferStarted':
      rows.clusterEvents.push({
        ...where,
        clusterId: log.args.clusterId,
        kind: 'operator_transfer_started',
        operator: log.args.pendingOperator,
      });
      break;
    case 'OperatorTransferred':
      rows.clusterEvents.push({
        ...where,
        clusterId: log.args.clusterId,
        kind: 'operator_transferred',
        operator: log.args.newOperator,
      });
      break;
    case 'ClusterSuspended':
    case 'ClusterUnsuspended':
    case 'ClusterRetired':
      rows.clusterEvents.push({
        ...where,
        clusterId: log.args.clusterId,
        kind:
          log.eventName === 'ClusterSuspended'
            ? 'suspended'
            : log.eventName === 'ClusterUnsuspended'
              ? 'unsuspended'
              : 'retired',
      });
      break;
    case 'ClusterAttested':
      rows.attestations.push({
        ...where,
        clusterId: log.args.clusterId,
        hardwareRoot: log.args.hardwareRoot,
        gpuCount: log.args.gpuCount,
        validUntil: seconds(log.args.validUntil),
        nonce: BigInt(log.args.nonce),
        attestedAt: seconds(log.args.attestedAt),
        signers: [...log.args.signers],
        submitter: log.args.submitter,
      });
      break;
    case 'ReportSubmitted':
      rows.epochReports.push({
        ...where,
        clusterId: log.args.clusterId,
        epoch: log.args.epoch,
        gpuHoursMilli: log.args.gpuHoursMilli,
        utilizationBps: log.args.utilizationBps,
        gpusOnline: log.args.gpusOnline,
        revenue: log.args.revenue,
        telemetryRoot: log.args.telemetryRoot,
        submitter: log.args.submitter,
      });
      break;
    case 'SignerAdded':
    case 'SignerRemoved':
      rows.committeeEvents.push({
        ...where,
        kind: log.eventName === 'SignerAdded' ? 'signer_added' : 'signer_removed',
        signer: log.args.signer,
      });
      break;
    case 'ThresholdChanged':
      rows.committeeEvents.push({
        ...where,
        kind: 'threshold_changed',
        previousValue: log.args.previousThreshold,
        value: log.args.newThreshold,
      });
      break;
    case 'HeartbeatChanged':
      rows.committeeEvents.push({
        ...where,
        kind: 'heartbeat_changed',
        previousValue: log.args.previousHeartbeat,
        value: log.args.newHeartbeat,
      });
      break;
    case 'CommitteeChanged':
      rows.committeeEvents.push({
        ...where,
        kind: 'committee_changed',
        value: BigInt(log.args.version),
        signers: [...log.args.signers],
        threshold: log.args.threshold,
      });
      break;
    case 'GuardianSet':
      rows.committeeEvents.push({ ...where, kind: 'guardian_set', account: log.args.newGuardian });
      break;
    // ReportSkipped is not kept: the registry emits it before checking any signature, so it proves nothing.
  }
}

export function tokenRows(log: ParsedLog, where: Where, rows: EventRows, token: Address, clusterId: bigint) {
  switch (log.eventName) {
    case 'Transfer':
      rows.shareTransfers.push({ ...where, token, from: log.args.from, to: log.args.to, value: log.args.value });
      break;
    case 'RevenueDeposited':
      rows.revenueDeposits.push({
        ...where,
        token,
        clusterId,
        payer: log.args.payer,
        amount: log.args.amount,
        durationSeconds: log.args.duration,
        ratePerSecond: log.args.newRatePerSecond,
        streamEnd: seconds(log.args.streamEnd),
        carriedOver: log.args.carriedOver,
      });
      break;
    case 'Claimed':
      rows.claims.push({
        ...where,
        token,
        account: log.args.account,
        recipient: log.args.recipient,
        amount: log.args.amount,
      });
      break;
    case 'RevenuePayerSet':
      rows.tokenControlEvents.push({
        ...where,
        token,
        kind: 'revenue_payer_set',
        actor: log.args.operator,
        account: log.args.payer,
        // A payer's horizon in seconds; 0 revokes it.
        flag: log.args.maxDuration !== 0n,
        value: log.args.maxDuration,
      });
      break;
    case 'VerificationSet':
      rows.tokenControlEvents.push({
        ...where,
        token,
        kind: 'verification_set',
        account: log.args.account,
        value: log.args.validUntil,
      });
      break;
    case 'AllowlistEnabledSet':
      rows.tokenControlEvents.push({
        ...where,
        token,
        kind: 'allowlist_enabled_set',
        actor: log.args.operator,
        flag: log.args.enabled,
      });
      break;
    case 'FreezeSet':
      rows.tokenControlEvents.push({
        ...where,
        token,
        kind: 'freeze_set',
        actor: log.args.operator,
        account: log.args.account,
        flag: log.args.frozen,
      });
      break;
    case 'PauseSet':
      rows.tokenControlEvents.push({
        ...where,
        token,
        kind: log.args.governance ? 'governance_pause_set' : 'pause_set',
        actor: log.args.by,
        flag: log.args.paused,
      });
      break;
    case 'ForcedTransfer':
      rows.tokenControlEvents.push({
        ...where,
        token,
        kind: 'forced_transfer',
        actor: log.args.operator,
        account: log.args.from,
        counterparty: log.args.to,
        value: log.args.amount,
      });
      break;
    case 'WalletRecovered':
      rows.tokenControlEvents.push({
        ...where,
        token,
        kind: 'wallet_recovered',
        actor: log.args.operator,
        account: log.args.lost,
        counterparty: log.args.replacement,
        value: log.args.shares,
        revenue: log.args.revenue,
      });
      break;
  }
}

export function offeringRows(log: ParsedLog, where: Where, rows: EventRows, offering: Address) {
  switch (log.eventName) {
    case 'Purchased':
      rows.offeringEvents.push({
        ...where,
        offering,
        kind: 'purchased',
        account: log.args.buyer,
        shares: log.args.shares,
        amount: log.args.cost,
        totalSold: log.args.totalSold,
        totalRaised: log.args.totalRaised,
      });
      break;
    case 'Finalized':
      rows.offeringEvents.push({
        ...where,
        offering,
        kind: 'finalized',
        account: log.args.operator,
        shares: log.args.sold,
        amount: log.args.proceeds,
        succeeded: log.args.succeeded,
        sharesReturned: log.args.sharesReturned,
        revenueForwarded: log.args.revenueForwarded,
        revenueEscrowed: log.args.revenueEscrowed,
      });
      break;
    case 'Refunded':
      rows.offeringEvents.push({
        ...where,
        offering,
        kind: 'refunded',
        account: log.args.buyer,
        recipient: log.args.recipient,
        shares: log.args.shares,
        amount: log.args.amount,
      });
      break;
    case 'SharesWithdrawn':
      rows.offeringEvents.push({
        ...where,
        offering,
        kind: 'shares_withdrawn',
        account: log.args.buyer,
        recipient: log.args.recipient,
        shares: log.args.shares,
        amount: log.args.revenue,
      });
      break;
    case 'EscrowRevenueClaimed':
      rows.offeringEvents.push({
        ...where,
        offering,
        kind: 'escrow_revenue_claimed',
        account: log.args.buyer,
        recipient: log.args.recipient,
        shares: 0n,
        amount: log.args.amount,
      });
      break;
    case 'PurchaseRecovered':
      rows.offeringEvents.push({
        ...where,
        offering,
        kind: 'purchase_recovered',
        actor: log.args.operator,
        account: log.args.lost,
        recipient: log.args.replacement,
        shares: log.args.shares,
        amount: log.args.paid,
      });
      break;
    case 'Cancelled':
      rows.offeringEvents.push({
        ...where,
        offering,
        kind: 'cancelled',
        account: log.args.by,
        shares: log.args.sold,
        amount: log.args.raised,
      });
      break;
  }
}
