/**
 * A report the chain lost after the node marked it submitted is relayed again (issue 12). The chain "loses" the
 * transaction the way a reorg or an anvil restarted from older state does: evm_revert to a snapshot taken before it,
 * so its receipt is gone and lastEpochOf falls back below the report's epoch. Before the fix the node kept it marked
 * submitted forever and the epoch never reached the chain again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { devPrivateKey } from '../../devnet/accounts';
import { attestCluster } from '../agent/attest';
import { signBatch } from '../agent/signing';
import type { OracleCore, ReportEntry } from './core';
import { fixturePayload, openFixtureCore, signFixtureBatch } from './core.test-kit';
import { registerCluster, simulatedUuids, startTestChain, testPort } from './harness.test-kit';
import { type OracleNode, startOracleNode } from './node';
import { LostReportRecovery } from './recover';
import { Relayer } from './relayer';

const ANVIL_PORT = testPort(8741);
const HTTP_PORTS = [4141, 4142].map(testPort);
const EPOCH = 60;
const log = pino({ level: 'silent' });
const committee = [7, 8, 9].map((index) => ({
  index,
  key: devPrivateKey(index),
  address: privateKeyToAccount(devPrivateKey(index)).address,
}));

type Payload = Parameters<typeof signBatch>[4];

describe('Relayer.recoverLost (stand-in chain)', () => {
  const entry = (epoch: bigint, submittedIn?: Hex, submittedBlock?: bigint | null): ReportEntry => ({
    report: {
      clusterId: 1n,
      epoch,
      gpuHoursMilli: 1n,
      utilizationBps: 1,
      gpusOnline: 1,
      revenue: 1n,
      telemetryRoot: `0x${'11'.repeat(32)}`,
      committeeVersion: 1,
    },
    digest: `0x${'22'.repeat(32)}`,
    signatures: new Map(),
    readyAt: 0,
    submitted: true,
    submittedIn,
    submittedBlock,
    inFlight: false,
  });
  const kept = `0x${'aa'.repeat(32)}` as Hex;
  const gone = `0x${'bb'.repeat(32)}` as Hex;

  /**
   * A relayer over a stand-in chain: each pass reads the next of `heads` as the head block and the next of `answers`
   * as lastEpochOf (at that block); only the transaction `kept` has a receipt.
   */
  async function standIn(entries: ReportEntry[], heads: bigint[], answers: bigint[]) {
    const reports = new Map(entries.map((e) => [`1:${e.report.epoch}`, e]));
    const unmarkSubmitted = vi.fn(async (unmarked: ReportEntry[]) => {
      for (const item of unmarked) {
        item.submitted = false;
        item.submittedIn = undefined;
        item.submittedBlock = undefined;
      }
    });
    const core = { reports, unmarkSubmitted } as unknown as OracleCore;
    const { TransactionReceiptNotFoundError } = await import('viem');
    const reset = vi.fn();
    const readAt: bigint[] = [];
    let head = 0n;
    let answer = 0n;
    const publicClient = {
      getBlockNumber: async () => {
        head = heads.shift() ?? head;
        answer = answers.shift() ?? answer;
        return head;
      },
      readContract: async ({ blockNumber }: { blockNumber: bigint }) => {
        readAt.push(blockNumber);
        return answer;
      },
      getTransactionReceipt: async ({ hash }: { hash: Hex }) => {
        if (hash === kept) return { status: 'success' };
        throw new TransactionReceiptNotFoundError({ hash });
      },
    };
    const relayer = new Relayer(core, {
      walletClient: { account: { address: committee[0]!.address, nonceManager: { reset } }, chain: { id: 1 } } as never,
      publicClient: publicClient as never,
      registry: '0x00000000000000000000000000000000000000aa',
      liveMembers: () => [],
      log,
    });
    return { relayer, unmarkSubmitted, reset, readAt };
  }

  it('un-marks only what the chain lost: past lastEpochOf and with no receipt of the transaction that landed it', async () => {
    const onChain = entry(100n, undefined, null);
    const skippedForGood = entry(200n, kept, 50n);
    const lostOwn = entry(300n, gone, 50n);
    const lostSeen = entry(400n, undefined, null);
    const { relayer, unmarkSubmitted, reset, readAt } = await standIn(
      [onChain, skippedForGood, lostOwn, lostSeen],
      [60n, 61n, 62n],
      [100n, 100n, 100n],
    );
    // Read at block 60, past the block its landing was seen at (50): the own transaction's loss is certain at once.
    expect(await relayer.recoverLost()).toBe(1);
    expect(readAt).toEqual([60n]);
    expect(unmarkSubmitted.mock.calls[0]![0]).toEqual([lostOwn]);
    // The lost transaction's nonce is free again (nothing of this relayer in flight): the next must not wait behind it.
    expect(reset).toHaveBeenCalledWith({ address: committee[0]!.address, chainId: 1 });
    // Marked from the chain's word (no landing block): the second sighting un-marks it, and no nonce of ours is freed.
    expect(await relayer.recoverLost()).toBe(1);
    expect(unmarkSubmitted.mock.calls[1]![0]).toEqual([lostSeen]);
    expect(reset).toHaveBeenCalledTimes(1);
    expect([onChain, skippedForGood, lostOwn, lostSeen].map((e) => e.submitted)).toEqual([true, true, false, false]);
    // Nothing left to recover: a further pass changes nothing.
    expect(await relayer.recoverLost()).toBe(0);
  });

  it('keeps a report another relayer landed when one lagging read says lastEpochOf is older (review M3)', async () => {
    // The attacker's scenario inverted: a load-balanced RPC, one backend a few blocks behind answers 300, then 400.
    const landedByOther = entry(400n, undefined, null);
    const { relayer, unmarkSubmitted, reset } = await standIn([landedByOther], [70n, 71n, 72n], [300n, 400n, 300n]);
    expect(await relayer.recoverLost()).toBe(0);
    expect(await relayer.recoverLost()).toBe(0);
    // The sighting between did not see it lost: a third lagging answer is a first sighting again, not a second.
    expect(await relayer.recoverLost()).toBe(0);
    expect(landedByOther.submitted).toBe(true);
    expect(unmarkSubmitted).not.toHaveBeenCalled();
    expect(reset).not.toHaveBeenCalled();
  });

  it('needs two consecutive sightings when the head is below the landing block (chain restored from older state) (review M3)', async () => {
    const lostOwn = entry(300n, gone, 50n);
    const { relayer, reset } = await standIn([lostOwn], [40n, 41n], [100n, 100n]);
    expect(await relayer.recoverLost()).toBe(0);
    expect(lostOwn.submitted).toBe(true);
    expect(reset).not.toHaveBeenCalled();
    expect(await relayer.recoverLost()).toBe(1);
    expect(lostOwn.submitted).toBe(false);
    expect(reset).toHaveBeenCalledTimes(1);
  });

  it('leaves reports marked before landing blocks were journaled (no transaction, no block) alone (review M3)', async () => {
    // E.g. skipped for good (GpusOnlineAboveAttested): lastEpochOf stays below it for ever; re-sending is gas for nothing.
    const legacy = entry(300n);
    const { relayer, unmarkSubmitted, readAt } = await standIn([legacy], [60n, 61n, 62n], [100n, 100n, 100n]);
    for (let pass = 0; pass < 3; pass++) expect(await relayer.recoverLost()).toBe(0);
    expect(legacy.submitted).toBe(true);
    expect(unmarkSubmitted).not.toHaveBeenCalled();
    expect(readAt).toEqual([]);
  });
});

describe('LostReportRecovery nonce reset (review M3)', () => {
  it('resets the nonce for a lost own transaction only once none of its transactions is in flight (review M3)', async () => {
    const lostOwn: ReportEntry = {
      report: {
        clusterId: 3n,
        epoch: 900n,
        gpuHoursMilli: 1n,
        utilizationBps: 1,
        gpusOnline: 1,
        revenue: 1n,
        telemetryRoot: `0x${'11'.repeat(32)}`,
        committeeVersion: 1,
      },
      digest: `0x${'22'.repeat(32)}`,
      signatures: new Map(),
      readyAt: 0,
      submitted: true,
      submittedIn: `0x${'bb'.repeat(32)}`,
      submittedBlock: 10n,
      inFlight: false,
    };
    const core = {
      reports: new Map([['3:900', lostOwn]]),
      unmarkSubmitted: vi.fn(async (entries: ReportEntry[]) => {
        for (const item of entries) item.submitted = false;
      }),
    } as unknown as OracleCore;
    const { TransactionReceiptNotFoundError } = await import('viem');
    let inFlight = true;
    const resetNonce = vi.fn();
    const recovery = new LostReportRecovery(core, {
      publicClient: {
        getBlockNumber: async () => 20n,
        readContract: async () => 800n,
        getTransactionReceipt: async ({ hash }: { hash: Hex }) => {
          throw new TransactionReceiptNotFoundError({ hash });
        },
      } as never,
      registry: '0x00000000000000000000000000000000000000aa',
      ownInFlight: () => inFlight,
      resetNonce,
      log,
    });
    expect(await recovery.pass()).toBe(1);
    // Another own transaction waits for its receipt: a reset now would hand its nonce out twice.
    expect(resetNonce).not.toHaveBeenCalled();
    expect(await recovery.pass()).toBe(0);
    expect(resetNonce).not.toHaveBeenCalled();
    inFlight = false;
    expect(await recovery.pass()).toBe(0);
    expect(resetNonce).toHaveBeenCalledTimes(1);
    expect(await recovery.pass()).toBe(0);
    expect(resetNonce).toHaveBeenCalledTimes(1);
  });
});

describe('submitted marks across a restart', () => {
  it('replays the landing transaction and block and an un-marking from the journal, and from a snapshot; an older mark stays unrecoverable (review M3)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'rackshare-resubmit-journal-'));
    try {
      const path = join(directory, 'node.jsonl');
      const cluster = { clusterId: 5n, uuids: simulatedUuids('resubmit-journal', 2) };
      const core = await openFixtureCore(path, [cluster]);
      // Three hourly snapshots ending an hour ago: the batch closes two epochs.
      const first = (Math.floor(Date.now() / 3_600_000) - 3) * 3_600_000;
      await core.ingestBatch(
        5n,
        await signFixtureBatch(5n, 1, fixturePayload(cluster.uuids, first + 1_000, 3, 3_600_000)),
      );
      const [lost, kept] = [...core.reports.values()].sort((a, b) => (a.report.epoch < b.report.epoch ? -1 : 1));
      const hash = `0x${'cc'.repeat(32)}` as Hex;
      await core.markSubmitted([lost!, kept!], hash, 42n);
      await core.unmarkSubmitted([lost!]);
      const state = (reopened: OracleCore) =>
        [lost!, kept!].map((entry) => {
          const again = reopened.report(entry.report.clusterId, entry.report.epoch)!;
          return [again.submitted, again.submittedIn, again.submittedBlock];
        });
      expect(state(core)).toEqual([
        [false, undefined, undefined],
        [true, hash, 42n],
      ]);
      await core.close(false);
      const replayed = await openFixtureCore(path, [cluster]);
      expect(state(replayed)).toEqual([
        [false, undefined, undefined],
        [true, hash, 42n],
      ]);
      await replayed.close(true);
      const fromSnapshot = await openFixtureCore(path, [cluster]);
      expect(state(fromSnapshot)).toEqual([
        [false, undefined, undefined],
        [true, hash, 42n],
      ]);
      await fromSnapshot.close(false);

      // A mark journaled by an older version (neither transaction nor block) replays as such: recovery leaves it alone
      // (review M3). One taken from the chain's word now journals an unknown block (null): recovery may un-mark it.
      const { appendFileSync } = await import('node:fs');
      appendFileSync(
        path,
        `${JSON.stringify({ type: 'submitted', clusterId: '5', epoch: lost!.report.epoch.toString() })}\n`,
      );
      const legacy = await openFixtureCore(path, [cluster]);
      expect(state(legacy)[0]).toEqual([true, undefined, undefined]);
      await legacy.unmarkSubmitted([legacy.report(5n, lost!.report.epoch)!]);
      await legacy.markSubmitted([legacy.report(5n, lost!.report.epoch)!]);
      await legacy.close(false);
      const chainWord = await openFixtureCore(path, [cluster]);
      expect(state(chainWord)[0]).toEqual([true, undefined, null]);
      await chainWord.close(false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('a report the chain lost', () => {
  let chain: Awaited<ReturnType<typeof startTestChain>>;
  let directory: string;
  const nodes: OracleNode[] = [];
  let clusterId: bigint;
  const uuids = simulatedUuids('resubmit', 2);
  // Aligned to an epoch boundary, an hour in the past, so the epoch closes as soon as a later sample arrives.
  const base = (Math.floor(Date.now() / 1000 / EPOCH) - 60) * EPOCH * 1000;
  const context = () => ({ chainId: 31_337, registry: chain.deployment.contracts.clusterRegistry });

  const lastEpochOf = () =>
    chain.publicClient.readContract({
      address: chain.deployment.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'lastEpochOf',
      args: [clusterId],
    });

  async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const value = await check();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('condition not met in time');
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'rackshare-resubmit-'));
    chain = await startTestChain(ANVIL_PORT);
    clusterId = await registerCluster(chain, chain.deployment.contracts.clusterRegistry, 1, uuids);
    // Two of the three members run (the threshold is 2); only the first relays, so only its bookkeeping can bring the
    // report back.
    for (const position of [0, 1]) {
      nodes.push(
        await startOracleNode({
          privateKey: committee[position]!.key,
          rpcUrl: chain.rpcUrl,
          chainId: 31_337,
          registry: chain.deployment.contracts.clusterRegistry,
          committee: committee.map((member) => member.address),
          threshold: 2,
          peers: [0, 1]
            .filter((index) => index !== position)
            .map((index) => ({ address: committee[index]!.address, url: `http://127.0.0.1:${HTTP_PORTS[index]}` })),
          port: HTTP_PORTS[position]!,
          journalPath: join(directory, `node-${position}.jsonl`),
          epochSeconds: EPOCH,
          backfillSeconds: 2 * 3_600,
          graceSeconds: 3 * 3_600,
          relayIntervalMs: 100,
          takeoverMs: 1_000,
          relay: position === 0,
          log,
        }),
      );
    }
    await attestCluster({
      nodeUrls: nodes.map((node) => node.url),
      context: context(),
      operatorKey: devPrivateKey(1),
      clusterId,
      uuids,
      validUntil: Math.floor(Date.now() / 1000) + 30 * 86_400,
      threshold: 2,
      walletClient: chain.wallet(1),
      publicClient: chain.publicClient,
    });
    await chain.catchUp();
    await waitFor(() => (nodes.every((node) => node.core.gpuOwner(uuids[0]!) === clusterId) ? true : undefined));
  }, 180_000);

  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await chain?.anvil.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('is relayed again by the node that had marked it submitted, and lastEpochOf reaches its epoch', async () => {
    const snapshot = (await chain.publicClient.request({ method: 'evm_snapshot' as never })) as Hex;
    // One epoch of samples, then one sample of the next closes it.
    const payload = (from: number, count: number): Payload => ({
      snapshots: Array.from({ length: count }, (_, step) => ({
        t: from + step * 10_000,
        gpus: uuids.map((uuid, index) => ({
          uuid,
          utilizationPct: 40 + index * 10 + step,
          memoryUsedMiB: 1000,
          memoryTotalMiB: 81559,
          temperatureC: 60,
          powerW: 500,
        })),
      })),
      leases: [],
    });
    const batches = [payload(base, 6), payload(base + 60_000, 1)];
    for (const [index, body] of batches.entries()) {
      const signed = await signBatch(context(), devPrivateKey(1), clusterId, index + 1, body);
      for (const node of nodes) {
        const response = await fetch(`${node.url}/clusters/${clusterId}/batches`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(signed),
        });
        expect(response.status).toBe(202);
      }
    }
    const epochEnd = BigInt(base / 1000 + EPOCH);
    await waitFor(async () => ((await lastEpochOf()) === epochEnd ? true : undefined));
    const landed = () =>
      chain.publicClient.getContractEvents({
        address: chain.deployment.contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        eventName: 'ReportSubmitted',
        args: { clusterId },
        fromBlock: 0n,
      });
    const lostHash = (await landed())[0]!.transactionHash;
    // The relaying node marked it submitted once its transaction was mined.
    const relaying = nodes[0]!;
    await waitFor(() => (relaying.core.report(clusterId, epochEnd)?.submitted ? true : undefined));

    // The chain loses the transaction: back to before it, receipt and lastEpochOf with it.
    expect(await chain.publicClient.request({ method: 'evm_revert' as never, params: [snapshot] as never })).toBe(true);
    expect(await lastEpochOf()).toBeLessThan(epochEnd);
    await expect(chain.publicClient.getTransactionReceipt({ hash: lostHash })).rejects.toThrow();
    expect(await landed()).toEqual([]);

    await waitFor(async () => ((await lastEpochOf()) === epochEnd ? true : undefined));
    // Landed again with the figures the node signed, by a transaction the chain has.
    const signed = relaying.core.report(clusterId, epochEnd)!;
    const [event] = await landed();
    expect(event!.args).toMatchObject({
      epoch: epochEnd,
      gpuHoursMilli: signed.report.gpuHoursMilli,
      utilizationBps: signed.report.utilizationBps,
      gpusOnline: signed.report.gpusOnline,
      revenue: signed.report.revenue,
      telemetryRoot: signed.report.telemetryRoot,
    });
    const landedIn = await waitFor(() => relaying.core.report(clusterId, epochEnd)?.submittedIn);
    expect(event!.transactionHash).toBe(landedIn);
    expect((await chain.publicClient.getTransactionReceipt({ hash: landedIn })).status).toBe('success');
  }, 180_000);
});
