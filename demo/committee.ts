/** The demo's oracle committee: one child process per node (node-process.ts), started and stopped together. */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Address, Hex } from 'viem';
import { childEnvironment } from '../oracle/child-env';
import type { NodeProcessConfig } from './node-process';

const NODE_SCRIPT = join(fileURLToPath(new URL('.', import.meta.url)), 'node-process.ts');

/** `privateKey` signs for the committee; `relayerKey` pays the member's relayer gas (I-4; the signing key if absent). */
export type CommitteeMember = { address: Address; privateKey: Hex; relayerKey?: Hex; port: number };

export type CommitteeOptions = {
  members: CommitteeMember[];
  rpcUrl: string;
  chainId: number;
  registry: Address;
  threshold: number;
  directory: string;
  epochSeconds: number;
  graceSeconds?: number;
  backfillSeconds?: number;
  takeoverMs?: number;
  relayIntervalMs?: number;
  gatherMs?: number;
  maxEpochsPerSubmission?: number;
  warpChain: boolean;
  /** See OracleNodeOptions.telemetryReaders. */
  telemetryReaders?: Address[];
  /** See OracleNodeOptions.compactJournalBytes; per member, by position. */
  compactJournalBytes?: (number | undefined)[];
  logLevel?: string;
  log: Logger;
};

/**
 * `pids` follow `restart`: a test can SIGKILL a node's process (a crash, no shutdown path) and start it again on the
 * same journal and port.
 */
export type Committee = {
  urls: string[];
  pids: number[];
  restart: (position: number) => Promise<void>;
  stop: () => Promise<void>;
};

function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startCommittee(options: CommitteeOptions): Promise<Committee> {
  const url = (member: CommitteeMember) => `http://127.0.0.1:${member.port}`;
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
  };
  const startMember = (position: number) => {
    const member = options.members[position]!;
    const config: NodeProcessConfig = {
      rpcUrl: options.rpcUrl,
      chainId: options.chainId,
      registry: options.registry,
      committee: options.members.map((entry) => entry.address),
      threshold: options.threshold,
      peers: options.members
        .filter((entry) => entry !== member)
        .map((entry) => ({ address: entry.address, url: url(entry) })),
      port: member.port,
      journalPath: join(options.directory, `node-${position}.jsonl`),
      epochSeconds: options.epochSeconds,
      graceSeconds: options.graceSeconds,
      backfillSeconds: options.backfillSeconds,
      takeoverMs: options.takeoverMs,
      relayIntervalMs: options.relayIntervalMs,
      gatherMs: options.gatherMs,
      maxEpochsPerSubmission: options.maxEpochsPerSubmission,
      warpChain: options.warpChain,
      telemetryReaders: options.telemetryReaders ?? [],
      compactJournalBytes: options.compactJournalBytes?.[position],
      logLevel: options.logLevel ?? 'warn',
    };
    const child = fork(NODE_SCRIPT, [], {
      execArgv: ['--import', 'tsx'],
      // Only what a node needs: the parent's environment holds the deployer's key, the session secret, the database
      // URL and the dashboard's reader key, none of which is a node's business (review I-3).
      env: childEnvironment({
        RACKSHARE_NODE_CONFIG: JSON.stringify(config),
        RACKSHARE_NODE_KEY: member.privateKey,
        RACKSHARE_RELAYER_KEY: member.relayerKey,
      }),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    children[position] = child;
    const nodeLog = options.log.child({ service: 'oracle-node', node: member.address.slice(0, 8) });
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) nodeLog.warn(line.slice(0, 2_000));
    });
    return new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`oracle node ${member.address} exited with code ${code}`)));
    });
  };
  try {
    await Promise.all(options.members.map((_, position) => startMember(position)));
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = children.map((child) => child.pid!);
  const restart = async (position: number) => {
    await stopChild(children[position]!);
    await startMember(position);
    pids[position] = children[position]!.pid!;
  };
  return { urls: options.members.map(url), pids, restart, stop };
}
