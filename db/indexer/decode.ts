/**
 * Turns raw logs of one block range into rows of the event tables. Logs are dispatched by the emitting contract
 * (registry, factory, stablecoin, a known ShareToken or Offering) and by event; a ClusterTokenized log adds its token
 * and offering to `known` so their later logs in the same range are kept. Stablecoin transfers that touch no protocol
 * contract are dropped here, whatever the RPC returned.
 */
import { type Address, getAddress, type Hex, type Log } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import type * as schema from '../schema';
import { MalformedRpcResponseError } from './errors';
import { createLogParser, TRANSFER, topicAddress } from './parse';

export const indexedAbi = [
  ...clusterRegistryAbi,
  ...rackshareFactoryAbi,
  ...shareTokenAbi,
  ...offeringAbi,
  ...testStablecoinAbi,
] as const;
const parseLogs = createLogParser(indexedAbi);

/** Contracts the indexer follows, keyed by lowercase address (logs carry lowercase addresses). */
export type KnownContracts = {
  registry: string;
  factory: string;
  stablecoin: string;
  /** token (lowercase) → its cluster id, checksummed address and (when created in the range being read) its block */
  tokens: Map<string, { clusterId: bigint; address: Address; since?: bigint }>;
  offerings: Map<string, { address: Address; since?: bigint }>;
};

/**
 * Whether `account` is a protocol contract at `blockNumber`: a stablecoin transfer is mirrored only when it comes from
 * or goes to one (review M-7). A token or offering counts from its creation block on, so a range read in one piece
 * and in single blocks keeps the same transfers.
 */
export function isProtocolAddress(known: KnownContracts, account: string, blockNumber: bigint) {
  const key = account.toLowerCase();
  if (key === known.registry || key === known.factory) return true;
  const entry = known.tokens.get(key) ?? known.offerings.get(key);
  return entry !== undefined && (entry.since === undefined || entry.since <= blockNumber);
}

export type EventRows = {
  stablecoinTransfers: (typeof schema.stablecoinTransfers.$inferInsert)[];
  clusterEvents: (typeof schema.clusterEvents.$inferInsert)[];
  attestations: (typeof schema.attestations.$inferInsert)[];
  epochReports: (typeof schema.epochReports.$inferInsert)[];
  committeeEvents: (typeof schema.committeeEvents.$inferInsert)[];
  shareTokens: (typeof schema.shareTokens.$inferInsert)[];
  offerings: (typeof schema.offerings.$inferInsert)[];
  offeringEvents: (typeof schema.offeringEvents.$inferInsert)[];
  shareTransfers: (typeof schema.shareTransfers.$inferInsert)[];
  revenueDeposits: (typeof schema.revenueDeposits.$inferInsert)[];
  claims: (typeof schema.claims.$inferInsert)[];
  tokenControlEvents: (typeof schema.tokenControlEvents.$inferInsert)[];
};

export function emptyEventRows(): EventRows {
  return {
    stablecoinTransfers: [],
    clusterEvents: [],
    attestations: [],
    epochReports: [],
    committeeEvents: [],
    shareTokens: [],
    offerings: [],
    offeringEvents: [],
    shareTransfers: [],
    revenueDeposits: [],
    claims: [],
    tokenControlEvents: [],
  };
}

export function countRows(rows: EventRows) {
  return Object.values(rows).reduce((sum, list) => sum + list.length, 0);
}

const seconds = (value: bigint | number) => new Date(Number(value) * 1000);

/** Rejects logs a node must never return for a finished range (pending logs, logs outside the range). */
export function assertLogsWellFormed(logs: readonly Log[], fromBlock: bigint, toBlock: bigint) {
  for (const log of logs) {
    if (
      log.blockNumber === null ||
      log.blockHash === null ||
      log.logIndex === null ||
      log.transactionHash === null ||
      typeof log.address !== 'string' ||
      !Array.isArray(log.topics)
    ) {
      throw new MalformedRpcResponseError('eth_getLogs returned a log without its block, index or transaction');
    }
    if (log.blockNumber < fromBlock || log.blockNumber > toBlock) {
      throw new MalformedRpcResponseError(
        `eth_getLogs for blocks ${fromBlock}-${toBlock} returned a log of block ${log.blockNumber}`,
      );
    }
  }
}

/**
 * Decodes `logs` (sorted by block and log index) into rows. `blockTime` gives the timestamp of a block that has logs.
 * Returns the rows and the token/offering addresses first seen in these logs.
 */
export function decodeLogs(
  chainId: number,
  logs: readonly Log[],
  known: KnownContracts,
  blockTime: (blockNumber: bigint) => Date,
) {
  const rows = emptyEventRows();
  const discovered: { token: Address; offering: Address; clusterId: bigint; blockNumber: bigint }[] = [];
  for (const raw of logs) {
    // The ERC-20 Transfer of a known token or of the stablecoin (nearly every log of a busy chain) is decoded here
    // straight into its row: going through the generic parser (a spread log, a where object, a spread row) cost more
    // per event than storing it.
    const topics = raw.topics as Hex[];
    if (topics.length === 3 && topics[0] === TRANSFER && raw.data.length === 66) {
      const emitter = raw.address.toLowerCase();
      const token = known.tokens.get(emitter);
      if (token || emitter === known.stablecoin) {
        const blockNumber = raw.blockNumber!;
        const from = topicAddress(topics[1]!);
        const to = topicAddress(topics[2]!);
        if (token) {
          rows.shareTransfers.push({
            chainId,
            blockNumber,
            blockHash: raw.blockHash!,
            logIndex: raw.logIndex!,
            transactionHash: raw.transactionHash!,
            blockTime: blockTime(blockNumber),
            token: token.address,
            from,
            to,
            value: BigInt(raw.data),
          });
        } else if (isProtocolAddress(known, from, blockNumber) || isProtocolAddress(known, to, blockNumber)) {
          rows.stablecoinTransfers.push({
            chainId,
            blockNumber,
            blockHash: raw.blockHash!,
            logIndex: raw.logIndex!,
            transactionHash: raw.transactionHash!,
            blockTime: blockTime(blockNumber),
            from,
            to,
            value: BigInt(raw.data),
          });
        }
        continue;
      }
    }
    const [log] = parseLogs([raw]);
    if (!log) continue;
    const where = {
      chainId,
      blockNumber: log.blockNumber!,
      blockHash: log.blockHash! as Hex,
      logIndex: log.logIndex!,
      transactionHash: log.transactionHash! as Hex,
      blockTime: blockTime(log.blockNumber!),
    };
    const emitter = log.address.toLowerCase();
    if (emitter === known.registry) {
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
    } else if (emitter === known.factory) {
      if (log.eventName === 'ClusterTokenized') {
        const { args } = log;
        rows.shareTokens.push({
          ...where,
          token: args.token,
          clusterId: args.clusterId,
          offering: args.offering,
          operator: args.operator,
          name: args.name,
          symbol: args.symbol,
          supply: args.supply,
        });
        rows.offerings.push({
          ...where,
          offering: args.offering,
          token: args.token,
          clusterId: args.clusterId,
          pricePerShare: args.pricePerShare,
          saleStart: seconds(args.start),
          saleEnd: seconds(args.end),
          softCap: args.softCap,
          perBuyerCap: args.perBuyerCap,
        });
        const token = getAddress(args.token);
        const offering = getAddress(args.offering);
        known.tokens.set(token.toLowerCase(), { clusterId: args.clusterId, address: token, since: log.blockNumber! });
        known.offerings.set(offering.toLowerCase(), { address: offering, since: log.blockNumber! });
        discovered.push({ token, offering, clusterId: args.clusterId, blockNumber: log.blockNumber! });
      }
    } else if (emitter === known.stablecoin) {
      if (
        log.eventName === 'Transfer' &&
        (isProtocolAddress(known, log.args.from, log.blockNumber!) ||
          isProtocolAddress(known, log.args.to, log.blockNumber!))
      ) {
        rows.stablecoinTransfers.push({ ...where, from: log.args.from, to: log.args.to, value: log.args.value });
      }
    } else if (known.tokens.has(emitter)) {
      const { address: token, clusterId } = known.tokens.get(emitter)!;
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
    } else if (known.offerings.has(emitter)) {
      const offering = known.offerings.get(emitter)!.address;
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
  }
  return { rows, discovered };
}
