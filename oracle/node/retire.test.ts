/**
 * Reports the chain is past leave memory whoever relays (or nobody), peer queues stay bounded, and a failed journal
 * append stops the node (fail-stop) instead of letting it sign on with memory ahead of its journal.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Address, Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import { hardwareRoot } from '#protocol/hardware';
import { devPrivateKey } from '../../devnet/accounts';
import { JournalFailedError } from '../errors';
import { type OracleCore, type ReportEntry, SUBMITTED_REPORTS_KEPT } from './core';
import { fixtureContext, fixtureNodeKey, fixturePayload, openFixtureCore, signFixtureBatch } from './core.test-kit';
import { simulatedUuids, testPort } from './harness.test-kit';
import { Journal } from './journal';
import { startOracleNode } from './node';
import { MAX_QUEUED_PER_PEER, PeerNetwork } from './peers';

const EPOCH = 3_600;
const CLUSTER = 5n;
const uuids = simulatedUuids('retire', 4);
const silent = pino({ level: 'silent' });
const nodeAddress = privateKeyToAccount(fixtureNodeKey).address;
const otherMember = privateKeyToAccount(devPrivateKey(8)).address;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function journalPath() {
  const dir = mkdtempSync(join(tmpdir(), 'rackshare-retire-'));
  dirs.push(dir);
  return join(dir, 'node.jsonl');
}

/** One snapshot per epoch for `epochs` epochs ending an epoch ago: the batch closes `epochs - 1` reports. */
async function reportEpochs(core: OracleCore, epochs: number) {
  const firstEpochStart = (Math.floor(Date.now() / 1000 / EPOCH) - epochs) * EPOCH;
  const payload = fixturePayload(uuids, firstEpochStart * 1000 + 1_000, epochs, EPOCH * 1000);
  await core.ingestBatch(CLUSTER, await signFixtureBatch(CLUSTER, 1, payload));
  return [...core.reports.values()].sort((a, b) => (a.report.epoch < b.report.epoch ? -1 : 1));
}

/** The chain's lastEpochOf for CLUSTER, as the stub registry answers it. */
function chainAt(core: OracleCore, lastEpoch: () => bigint) {
  core.registry.lastEpochs = async (ids: bigint[]) => new Map(ids.map((id) => [id, lastEpoch()]));
}

function submittedRecords(path: string) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"type":"submitted"')).length;
}

describe('retiring reports the chain is past', () => {
  it('a node that does not relay retires its reports once the chain passes them, and keeps only the newest', async () => {
    const path = journalPath();
    const core = await openFixtureCore(path, [{ clusterId: CLUSTER, uuids }]);
    const reports = await reportEpochs(core, SUBMITTED_REPORTS_KEPT + 12);
    expect(reports.length).toBe(SUBMITTED_REPORTS_KEPT + 11);
    expect(reports.every((entry) => !entry.submitted)).toBe(true);
    let lastEpoch = 0n;
    chainAt(core, () => lastEpoch);

    // Nothing on chain yet: nothing retires. (Each pass a minute later: passes are spaced by the node's clock.)
    const start = Date.now();
    await core.tick(start);
    expect(core.reports.size).toBe(reports.length);

    // The chain has the first three epochs (another node relayed them): exactly those retire, journaled.
    lastEpoch = reports[2]!.report.epoch;
    await core.tick(start + 60_000);
    expect(reports.map((entry) => entry.submitted)).toEqual(reports.map((_, index) => index <= 2));
    expect(submittedRecords(path)).toBe(3);

    // The chain moves past all of them: memory keeps the newest SUBMITTED_REPORTS_KEPT, their digests only.
    lastEpoch = reports.at(-1)!.report.epoch;
    await core.retirePassed(start + 120_000);
    expect(core.reports.size).toBe(SUBMITTED_REPORTS_KEPT);
    expect(core.signatureBook.digests).toBe(SUBMITTED_REPORTS_KEPT);
    expect([...core.reports.values()].every((entry) => entry.submitted)).toBe(true);
    await core.close(false);

    // The journal says so: a restart does not bring them back as unsubmitted.
    const reopened = await openFixtureCore(path, [{ clusterId: CLUSTER, uuids }]);
    expect(reopened.reports.size).toBe(SUBMITTED_REPORTS_KEPT);
    expect([...reopened.reports.values()].every((entry) => entry.submitted)).toBe(true);
    await reopened.close(false);
  });

  it('a minority report that never reached k is retired once the chain moved past its epoch', async () => {
    const path = journalPath();
    // k = 2 of two members, and the other never signs: every report of this node stays short of the threshold.
    const core = await openFixtureCore(path, [{ clusterId: CLUSTER, uuids }], {
      committee: [nodeAddress, otherMember],
      threshold: 2,
    });
    const reports = await reportEpochs(core, 4);
    expect(reports.length).toBe(3);
    expect(reports.every((entry) => entry.readyAt === null)).toBe(true);
    // The chain holds the cluster's second epoch (the others' report for it): the first two can never land.
    chainAt(core, () => reports[1]!.report.epoch);
    await core.tick();
    expect(reports.map((entry) => entry.submitted)).toEqual([true, true, false]);
    await core.close(false);
  });
});

describe('peer queues', () => {
  it('a peer that stays dead does not keep a growing queue', async () => {
    const core = await openFixtureCore(journalPath(), [{ clusterId: CLUSTER, uuids }]);
    const dead = { address: otherMember as Address, url: 'http://127.0.0.1:9' };
    const peers = new PeerNetwork(core, [dead], silent);
    // More reports than a queue may hold (stand-ins: the queue never looks inside them).
    const entries: ReportEntry[] = Array.from({ length: MAX_QUEUED_PER_PEER + 500 }, (_, index) => {
      const report = {
        clusterId: CLUSTER,
        epoch: BigInt((index + 1) * EPOCH),
        gpuHoursMilli: 0n,
        utilizationBps: 0,
        gpusOnline: 0,
        revenue: 0n,
        telemetryRoot: `0x${'00'.repeat(32)}` as Hex,
        committeeVersion: 1,
      };
      const entry: ReportEntry = {
        report,
        digest: `0x${'11'.repeat(32)}`,
        signatures: new Map(),
        readyAt: null,
        submitted: false,
        inFlight: false,
      };
      core.reports.set(`${CLUSTER}:${report.epoch}`, entry);
      return entry;
    });
    peers.enqueue(entries);
    expect(peers.backlog(dead.address)).toBe(MAX_QUEUED_PER_PEER);

    // What the chain is done with, or the core dropped, leaves the queue even though the peer never answered.
    for (const entry of entries.slice(-1_000)) entry.submitted = true;
    for (const entry of entries.slice(-2_000, -1_000)) core.reports.delete(`${CLUSTER}:${entry.report.epoch}`);
    expect(peers.backlog(dead.address)).toBe(MAX_QUEUED_PER_PEER - 2_000);

    const controller = new AbortController();
    const running = peers.run(controller.signal);
    controller.abort();
    await running;
    expect(peers.backlog(dead.address)).toBe(MAX_QUEUED_PER_PEER - 2_000);
    for (const entry of entries) core.reports.delete(`${CLUSTER}:${entry.report.epoch}`);
    await core.close(false);
  });
});

/** Closes the journal's file under it: the next write fails as a dying disk's would. */
async function breakJournal(core: OracleCore) {
  await (core as unknown as { journal: { handle: FileHandle } }).journal.handle.close();
}

describe('a failed journal append (fail-stop)', () => {
  it('the journal refuses every append after a failed write (a torn record must stay last) and reports each', async () => {
    const path = journalPath();
    const reported: Error[] = [];
    const journal = await Journal.openWith<{ n: number }>(path, () => undefined, {
      onAppendError: (error) => reported.push(error),
    });
    await journal.append({ n: 1 });
    await (journal as unknown as { handle: FileHandle }).handle.close();
    await expect(journal.append({ n: 2 })).rejects.toBeInstanceOf(JournalFailedError);
    await expect(journal.append({ n: 3 })).rejects.toBeInstanceOf(JournalFailedError);
    expect(reported).toHaveLength(2);
    expect(journal.failed).toBe(reported[0]);
    await journal.close();
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');
  });

  it('is fatal for the core: reported once, and nothing more is signed or journaled', async () => {
    const core = await openFixtureCore(journalPath(), [{ clusterId: CLUSTER, uuids }]);
    const reports = await reportEpochs(core, 3);
    expect(reports.length).toBe(2);
    const fatal: Error[] = [];
    core.onFatal((error) => fatal.push(error));
    await breakJournal(core);

    // A batch that would close the next epoch: its record cannot be written, so it is neither accepted nor signed.
    const from = (Number(reports.at(-1)!.report.epoch) + EPOCH) * 1000;
    const batch = await signFixtureBatch(CLUSTER, 2, fixturePayload(uuids, from, 1));
    await expect(core.ingestBatch(CLUSTER, batch)).rejects.toBeInstanceOf(JournalFailedError);
    await core.tick(from + EPOCH * 1000 * 100);
    await expect(core.markSubmitted(reports)).rejects.toBeInstanceOf(JournalFailedError);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toBeInstanceOf(JournalFailedError);
    expect(core.fatal).toBe(fatal[0]);
    expect(core.reports.size).toBe(2);
    expect(core.lastSequence(CLUSTER)).toBe(1);
    expect(reports.every((entry) => !entry.submitted)).toBe(true);
    await core.close(false);
  });

  it('stops the node: its HTTP server no longer answers and `stopped` resolves with the error', async () => {
    const port = testPort(4161);
    const node = await startOracleNode({
      privateKey: fixtureNodeKey,
      // Nothing listens there: this node needs no chain to hold an inventory.
      rpcUrl: 'http://127.0.0.1:9',
      chainId: fixtureContext.chainId,
      registry: fixtureContext.registry,
      committee: [nodeAddress],
      threshold: 1,
      peers: [],
      port,
      journalPath: journalPath(),
      relay: false,
      log: silent,
    });
    expect((await fetch(`${node.url}/health`)).ok).toBe(true);
    await breakJournal(node.core);
    await expect(node.core.holdInventory(CLUSTER, uuids, hardwareRoot(uuids))).rejects.toBeInstanceOf(
      JournalFailedError,
    );
    expect(await node.stopped).toBeInstanceOf(JournalFailedError);
    await expect(fetch(`${node.url}/health`)).rejects.toThrow();
    // A stop asked for afterwards joins the same shutdown.
    await node.stop();
  });
});
