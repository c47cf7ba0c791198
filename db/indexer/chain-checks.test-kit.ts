/**
 * What the chain-checks suites share (chain-checks.test.ts: M-5, I-7; stablecoin-transfers.test.ts: M-7): public
 * clients whose RPC misbehaves at the JSON-RPC level the indexer reads, and the per-database set-up of a suite.
 */
import pino from 'pino';
import { type Address, formatLog, type Hex, type Log, type PublicClient, type RpcLog, toHex } from 'viem';
import { afterEach } from 'vitest';
import type { Database, DatabaseHandle } from '../database';
import { dumpMirror } from '../dump';
import { startTestChain, type TestChain } from '../fixtures.test-kit';
import { createIndexer } from './indexer';

const silent = pino({ level: 'silent' });

/** An eth_getLogs filter, its block numbers parsed. */
export type GetLogsArgs = {
  fromBlock?: bigint;
  toBlock?: bigint;
  blockHash?: Hex;
  address?: Address | Address[];
  topics?: (Hex | Hex[] | null)[];
};

/**
 * The public client with its eth_getLogs answers (by-hash reads included) passed through `tamper`, as viem formats
 * them: an RPC that misbehaves, at the JSON-RPC level the indexer reads.
 */
export function withGetLogs(client: PublicClient, tamper: (logs: Log[], args: GetLogsArgs) => Log[]) {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'request') return value;
      return async (request: { method: string; params?: unknown }, options?: unknown) => {
        const answer = await value.call(target, request as never, options as never);
        if (request.method !== 'eth_getLogs') return answer;
        const [filter] = request.params as [Record<string, unknown>];
        const number = (quantity: unknown) => (typeof quantity === 'string' ? BigInt(quantity) : undefined);
        const args = { ...filter, fromBlock: number(filter.fromBlock), toBlock: number(filter.toBlock) } as GetLogsArgs;
        return tamper(
          (answer as RpcLog[]).map((log) => formatLog(log)),
          args,
        ).map((log) => ({
          ...log,
          blockNumber: toHex(log.blockNumber!),
          logIndex: toHex(log.logIndex!),
          transactionIndex: toHex(log.transactionIndex!),
        }));
      };
    },
  });
}

/** The public client with its `finalized` block tag answered by `finalized` (a block object, or real when undefined). */
export function withFinalized(client: PublicClient, finalized: () => Record<string, unknown> | undefined) {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'getBlock') return value;
      return async (args: { blockTag?: string }) =>
        (args?.blockTag === 'finalized' && finalized()) || value.call(target, args);
    },
  });
}

export const isEmpty = (dump: Record<string, string[]>) => Object.values(dump).every((rows) => rows.length === 0);

/**
 * The set-up of one database's suite: its databases and chain, closed after each test; each test's chain on its own
 * port, `port(0)`, `port(1)`, … (the caller names the bases, where the port lint sees them).
 */
export function chainCheckSuite(open: () => Promise<DatabaseHandle>, port: (offset: number) => number) {
  const opened: DatabaseHandle[] = [];
  let chain: TestChain | undefined;
  let nextOffset = 0;
  const openDb = async () => {
    const handle = await open();
    opened.push(handle);
    return handle.db;
  };
  const startChain = async () => {
    chain = await startTestChain(port(nextOffset++));
    return chain;
  };
  const indexerFor = (
    db: Database,
    overrides: {
      publicClient?: PublicClient;
      maxBlockRange?: number;
      confirmations?: number;
      maxTopicAddresses?: number;
      log?: pino.Logger;
    } = {},
  ) =>
    createIndexer({
      db,
      publicClient: overrides.publicClient ?? chain!.publicClient,
      chainId: 31_337,
      contracts: chain!.contracts,
      deployBlock: chain!.deployment.deployBlock,
      maxBlockRange: overrides.maxBlockRange ?? 1_000,
      confirmations: overrides.confirmations,
      maxTopicAddresses: overrides.maxTopicAddresses,
      signal: new AbortController().signal,
      log: overrides.log ?? silent,
    });
  /** The mirror a fresh database gets from the unaltered chain. */
  const cleanIndex = async () => {
    const db = await openDb();
    await indexerFor(db).catchUp();
    return dumpMirror(db);
  };
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    await chain?.stop();
    chain = undefined;
  });
  return { openDb, startChain, indexerFor, cleanIndex };
}
