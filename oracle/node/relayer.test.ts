/**
 * The relayer's scheduling, against a stand-in core and chain (the integration tests in node.test.ts run it against
 * real nodes and anvil). One report that cannot land must not hold any other cluster's reports back (attack review:
 * one operator's report reverting a whole epoch group stalled every cluster, round after round).
 */
import pino from 'pino';
import {
  ContractFunctionRevertedError,
  encodeAbiParameters,
  encodeErrorResult,
  encodeEventTopics,
  type Hex,
  type Log,
} from 'viem';
import { describe, expect, it, vi } from 'vitest';
import {
  clusterRegistryClusterStatus as ClusterStatus,
  clusterRegistryAbi,
  clusterRegistrySkipReason as SkipReason,
} from '#contracts';
import type { EpochReport } from '#protocol/eip712';
import type { OracleCore, ReportEntry } from './core';
import { Relayer } from './relayer';

const BLOCKED = 1n;
const OTHER = 2n;
const E1 = 1_750_000_000n;
const E2 = E1 + 3_600n;
const SIGNERS = ['0x0000000000000000000000000000000000000001', '0x0000000000000000000000000000000000000002'] as const;
const NEWCOMER = '0x0000000000000000000000000000000000000003';

function entry(clusterId: bigint, epoch: bigint, committeeVersion = 1): ReportEntry {
  const report: EpochReport = {
    clusterId,
    epoch,
    gpuHoursMilli: 1n,
    utilizationBps: 5_000,
    gpusOnline: 60,
    revenue: 1n,
    telemetryRoot: `0x${'11'.repeat(32)}`,
    committeeVersion,
  };
  return {
    report,
    digest: `0x${'22'.repeat(32)}` as Hex,
    signatures: new Map(SIGNERS.map((signer, index) => [signer, `0x0${index + 1}` as Hex])),
    readyAt: 0,
    submitted: false,
    inFlight: false,
  };
}

type ChainState = { threshold?: number; committeeVersion?: number; signers?: readonly `0x${string}`[] };
type Options = { maxReportsPerSubmission?: number; clusters?: number; liveMembers?: `0x${string}`[] };

function setUp(entries: ReportEntry[], chain: ChainState = {}, options: Options = {}, receiptLogs: Log[] = []) {
  const reports = new Map(entries.map((item) => [`${item.report.clusterId}:${item.report.epoch}`, item]));
  const counter = () => ({ inc: vi.fn() });
  const core = {
    address: SIGNERS[0],
    reports,
    metrics: {
      reportsSubmitted: counter(),
      reportsSkipped: counter(),
      reportsRefused: counter(),
      submissionsFailed: counter(),
    },
    registry: {
      committee: async () => ({
        version: chain.committeeVersion ?? 1,
        threshold: chain.threshold ?? 2,
        signers: new Set(chain.signers ?? SIGNERS),
      }),
      forgetCommittee: vi.fn(),
      lastEpochs: async (ids: bigint[]) => new Map(ids.map((id) => [id, 0n])),
      chainTime: async () => Number(E2) + 600,
      cluster: async () => ({ attestedUntil: Number(E2) + 86_400, status: ClusterStatus.Attested }),
    },
    markSubmitted: vi.fn(async (done: ReportEntry[]) => {
      for (const item of done) item.submitted = true;
    }),
    clusterSummaries: () => Array.from({ length: options.clusters ?? 2 }, () => ({})),
  } as unknown as OracleCore;
  // The blocked cluster's report reverts whenever it is in the call (a future epoch, here), alone or not.
  const revert = new ContractFunctionRevertedError({
    abi: clusterRegistryAbi,
    data: encodeErrorResult({ abi: clusterRegistryAbi, errorName: 'EpochInFuture', args: [BLOCKED, E1, E1 - 1n] }),
    functionName: 'submitReports',
  });
  const simulateContract = vi.fn(async (call: { args: [{ report: EpochReport }[]] }) => {
    if (call.args[0].some((item) => item.report.clusterId === BLOCKED)) throw revert;
    return {};
  });
  const sent: EpochReport[][] = [];
  const sentSignatures: Hex[][][] = [];
  const writeContract = vi.fn(async (call: { args: [{ report: EpochReport; signatures: Hex[] }[]] }) => {
    sent.push(call.args[0].map((item) => item.report));
    sentSignatures.push(call.args[0].map((item) => item.signatures));
    return `0x${'33'.repeat(32)}` as Hex;
  });
  const relayer = new Relayer(core, {
    walletClient: { account: { address: SIGNERS[0] }, writeContract, chain: undefined } as never,
    publicClient: {
      simulateContract,
      waitForTransactionReceipt: async () => ({ status: 'success', logs: receiptLogs }),
    } as never,
    registry: '0x00000000000000000000000000000000000000aa',
    liveMembers: () => options.liveMembers ?? [SIGNERS[0]],
    maxEpochsPerSubmission: 1,
    maxReportsPerSubmission: options.maxReportsPerSubmission,
    log: pino({ level: 'silent' }),
  });
  return { core, relayer, reports, sent, sentSignatures, simulateContract };
}

describe('Relayer', () => {
  it('holds back the cluster whose report would revert, and lands every other cluster, epoch after epoch', async () => {
    const { relayer, reports, sent, core } = setUp([entry(BLOCKED, E1), entry(OTHER, E1), entry(OTHER, E2)]);
    await relayer.relayOnce();
    await relayer.settle();
    // E1 went without the blocked report, then E2 (one epoch per transaction).
    expect(sent.map((batch) => batch.map((report) => `${report.clusterId}:${report.epoch}`))).toEqual([
      [`${OTHER}:${E1}`],
      [`${OTHER}:${E2}`],
    ]);
    expect(reports.get(`${OTHER}:${E2}`)!.submitted).toBe(true);
    expect(reports.get(`${BLOCKED}:${E1}`)!.submitted).toBe(false);
    expect(core.metrics.reportsRefused.inc).toHaveBeenCalledTimes(1);
    // Next round: only the held report is tried again, and it is logged (counted) once, not every round.
    await relayer.relayOnce();
    await relayer.settle();
    expect(sent).toHaveLength(2);
    expect(core.metrics.reportsRefused.inc).toHaveBeenCalledTimes(1);
  });

  it('keeps a held cluster in epoch order: its later epochs wait behind the report that cannot land', async () => {
    const { relayer, sent } = setUp([entry(BLOCKED, E1), entry(BLOCKED, E2), entry(OTHER, E2)]);
    await relayer.relayOnce();
    await relayer.settle();
    expect(sent.flat().map((report) => report.clusterId)).toEqual([OTHER]);
  });

  it('waits for the chain threshold and for re-signatures instead of sending what the registry would refuse', async () => {
    const short = setUp([entry(OTHER, E1)], { threshold: 3 });
    await short.relayer.relayOnce();
    expect(short.simulateContract).not.toHaveBeenCalled();
    const outdated = setUp([entry(OTHER, E1, 1)], { committeeVersion: 2 });
    await outdated.relayer.relayOnce();
    expect(outdated.simulateContract).not.toHaveBeenCalled();
  });

  it('sends only signatures of members the chain seats, so a member governance removed cannot make the batch revert', async () => {
    // SIGNERS[1] was removed on chain and NEWCOMER seated; this node's configured committee still has SIGNERS[1].
    const report = entry(OTHER, E1);
    report.signatures.set(NEWCOMER, '0x03');
    const { relayer, sentSignatures } = setUp([report], { signers: [SIGNERS[0], NEWCOMER] });
    await relayer.relayOnce();
    await relayer.settle();
    expect(sentSignatures).toEqual([[['0x01', '0x03']]]);
    // Without NEWCOMER's signature it is one short of the threshold: it waits, nothing is simulated or sent.
    const short = setUp([entry(OTHER, E1)], { signers: [SIGNERS[0], NEWCOMER] });
    await short.relayer.relayOnce();
    expect(short.simulateContract).not.toHaveBeenCalled();
    expect(short.sent).toEqual([]);
  });

  it("relays by the chain's threshold, not the one this node was configured with", async () => {
    // Governance lowered the threshold to 1: a report with one signature, never ready by the node's threshold, lands.
    const report = entry(OTHER, E1);
    report.signatures.delete(SIGNERS[1]);
    report.readyAt = null;
    const { relayer, sentSignatures } = setUp([report], { threshold: 1 });
    await relayer.relayOnce();
    await relayer.settle();
    expect(sentSignatures).toEqual([[['0x01']]]);
  });

  it('splits an epoch of many clusters into transactions of at most maxReportsPerSubmission reports', async () => {
    const clusters = [3n, 4n, 5n, 6n, 7n];
    const { relayer, sent } = setUp(
      clusters.map((clusterId) => entry(clusterId, E1)),
      {},
      { maxReportsPerSubmission: 2, clusters: clusters.length },
    );
    await relayer.relayOnce();
    await relayer.settle();
    expect(sent.map((batch) => batch.map((report) => report.clusterId))).toEqual([[3n, 4n], [5n, 6n], [7n]]);
  });

  it("holds a cluster's later epoch while its earlier report still gathers signatures, and gives up on it after orderWaitMs", async () => {
    const slow = entry(OTHER, E1);
    slow.signatures.delete(SIGNERS[1]);
    const { relayer, sent } = setUp([slow, entry(OTHER, E2), entry(BLOCKED + 10n, E2)]);
    const start = Date.now();
    await relayer.relayOnce(start);
    await relayer.settle();
    // The other cluster goes; OTHER's E2 would overtake its E1 for good, so it waits.
    expect(sent.flat().map((report) => `${report.clusterId}:${report.epoch}`)).toEqual([`${BLOCKED + 10n}:${E2}`]);
    // The missing signature arrives: E1 then E2, in order.
    slow.signatures.set(SIGNERS[1], '0x02');
    await relayer.relayOnce(start + 1_000);
    await relayer.settle();
    expect(
      sent
        .slice(1)
        .flat()
        .map((report) => `${report.clusterId}:${report.epoch}`),
    ).toEqual([`${OTHER}:${E1}`, `${OTHER}:${E2}`]);
  });

  it('lets a later epoch go once the earlier report has waited orderWaitMs without enough signatures', async () => {
    const slow = entry(OTHER, E1);
    slow.signatures.delete(SIGNERS[1]);
    const { relayer, sent } = setUp([slow, entry(OTHER, E2)]);
    const start = Date.now();
    await relayer.relayOnce(start);
    await relayer.settle();
    expect(sent).toEqual([]);
    await relayer.relayOnce(start + 60_000);
    await relayer.settle();
    expect(sent.flat().map((report) => `${report.clusterId}:${report.epoch}`)).toEqual([`${OTHER}:${E2}`]);
  });

  it('reads what the registry skipped from the receipt: retryable skips stay unsubmitted, the others are done, each counted by reason', async () => {
    const registry = '0x00000000000000000000000000000000000000aa';
    const skipped = (clusterId: bigint, epoch: bigint, reason: number) =>
      ({
        address: registry,
        topics: encodeEventTopics({ abi: clusterRegistryAbi, eventName: 'ReportSkipped', args: { clusterId, epoch } }),
        data: encodeAbiParameters([{ type: 'uint8' }], [reason]),
      }) as unknown as Log;
    const [stale, landedElsewhere, shrunk, landed] = [3n, 4n, 5n, 6n].map((clusterId) => entry(clusterId, E1));
    const { relayer, core } = setUp([stale!, landedElsewhere!, shrunk!, landed!], {}, { clusters: 4 }, [
      skipped(3n, E1, SkipReason.StaleCommittee),
      skipped(4n, E1, SkipReason.EpochNotAfterLast),
      skipped(5n, E1, SkipReason.GpusOnlineAboveAttested),
    ]);
    await relayer.relayOnce();
    await relayer.settle();
    // The committee moved on while the transaction was pending: re-signed and sent again later, not done.
    expect(stale!.submitted).toBe(false);
    expect([landedElsewhere!.submitted, shrunk!.submitted, landed!.submitted]).toEqual([true, true, true]);
    expect(core.metrics.reportsSubmitted.inc).toHaveBeenCalledWith(1);
    expect(vi.mocked(core.metrics.reportsSkipped.inc).mock.calls).toEqual([
      [{ reason: 'StaleCommittee' }],
      [{ reason: 'EpochNotAfterLast' }],
      [{ reason: 'GpusOnlineAboveAttested' }],
    ]);
  });

  it("does not wait for a report this node did not sign: a lone peer's made-up epoch cannot hold a cluster back", async () => {
    const madeUp = entry(OTHER, E1);
    madeUp.signatures.delete(SIGNERS[0]);
    const { relayer, sent } = setUp([madeUp, entry(OTHER, E2)]);
    await relayer.relayOnce();
    await relayer.settle();
    expect(sent.flat().map((report) => `${report.clusterId}:${report.epoch}`)).toEqual([`${OTHER}:${E2}`]);
  });

  it("a backup relayer keeps a cluster's epochs in order: a later epoch waits while an earlier one is not yet its turn", async () => {
    // This node is the backup (rank 1): the leader is silent. E2 was ready first; E1 got its last signature later.
    const early = entry(OTHER, E1);
    early.signatures.delete(SIGNERS[1]);
    const { relayer, sent } = setUp([early, entry(OTHER, E2)], {}, { liveMembers: [NEWCOMER, SIGNERS[0]] });
    const start = Date.now();
    await relayer.relayOnce(start);
    early.signatures.set(SIGNERS[1], '0x02');
    await relayer.relayOnce(start + 10_000);
    // E2 is due (15 s after it was ready), E1 is not yet: nothing goes rather than E2 alone.
    await relayer.relayOnce(start + 16_000);
    await relayer.settle();
    expect(sent).toEqual([]);
    await relayer.relayOnce(start + 26_000);
    await relayer.settle();
    expect(sent.flat().map((report) => `${report.clusterId}:${report.epoch}`)).toEqual([
      `${OTHER}:${E1}`,
      `${OTHER}:${E2}`,
    ]);
  });
});
