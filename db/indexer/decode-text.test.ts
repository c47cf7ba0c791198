/**
 * Strings an event carries reach the mirror without a NUL character (review H1). Anyone may register a cluster or
 * tokenize one with a string holding U+0000, valid in Solidity; PostgreSQL and PGlite refuse it in text, so before the
 * fix the whole range write failed and the indexer retried that range forever. The logs here are raw (ABI-encoded
 * topics and data), decoded and written by the indexer's own decodeLogs and writeRange.
 */
import { type Address, encodeAbiParameters, encodeEventTopics, getAbiItem, type Hex } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterRegistryAbi, rackshareFactoryAbi } from '#contracts';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { clusterEvents, clusters, shareTokens } from '../schema';
import { type ChainLog, decodeLogs } from './decode';
import { cleanText } from './decode-contracts';
import { writeRange } from './store';

const CHAIN_ID = 77;
const REGISTRY = '0x00000000000000000000000000000000000000a1' as Address;
const FACTORY = '0x00000000000000000000000000000000000000a2' as Address;
const OPERATOR = '0x00000000000000000000000000000000000000b1' as Address;
const TOKEN = '0x00000000000000000000000000000000000000c1' as Address;
const OFFERING = '0x00000000000000000000000000000000000000c2' as Address;
const ROOT = `0x${'12'.repeat(32)}` as Hex;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;

function rawLog(address: Address, topics: readonly unknown[], data: Hex, logIndex: number): ChainLog {
  return {
    address,
    topics: topics as Hex[],
    data,
    blockNumber: 5n,
    blockHash: hash(5),
    logIndex,
    transactionHash: hash(100 + logIndex),
  };
}

function nonIndexed<T extends { inputs: readonly { indexed?: boolean }[] }>(event: T) {
  return event.inputs.filter((input) => !input.indexed) as never;
}

function registered(clusterId: bigint, gpuModel: string, location: string, metadataURI: string, logIndex: number) {
  const event = getAbiItem({ abi: clusterRegistryAbi, name: 'ClusterRegistered' });
  return rawLog(
    REGISTRY,
    encodeEventTopics({
      abi: clusterRegistryAbi,
      eventName: 'ClusterRegistered',
      args: { clusterId, operator: OPERATOR },
    }),
    encodeAbiParameters(nonIndexed(event), [gpuModel, 8, location, ROOT, metadataURI, ROOT] as never),
    logIndex,
  );
}

function tokenized(clusterId: bigint, name: string, symbol: string, logIndex: number) {
  const event = getAbiItem({ abi: rackshareFactoryAbi, name: 'ClusterTokenized' });
  return rawLog(
    FACTORY,
    encodeEventTopics({
      abi: rackshareFactoryAbi,
      eventName: 'ClusterTokenized',
      args: { clusterId, token: TOKEN, offering: OFFERING },
    }),
    encodeAbiParameters(nonIndexed(event), [OPERATOR, name, symbol, 1000n, 1n, 10n, 20n, 1n, 0n] as never),
    logIndex,
  );
}

describe('cleanText (review H1)', () => {
  it('replaces every U+0000 with U+FFFD and leaves other strings as they are', () => {
    expect(cleanText('H100\u0000')).toBe('H100\uFFFD');
    expect(cleanText('\u0000a\u0000')).toBe('\uFFFDa\uFFFD');
    expect(cleanText('Frankfurt')).toBe('Frankfurt');
  });
});

describe.each(testDatabases)('a registration with a NUL character on $name (review H1)', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('stores the whole range, the NUL shown as U+FFFD in every string field of every event (review H1)', async () => {
    handle = await open();
    const logs = [
      registered(1n, 'A100', 'Oslo', 'ipfs://honest', 0),
      registered(2n, 'H100\u0000', 'Frank\u0000furt', 'ipfs://x\u0000', 1),
      tokenized(2n, 'Share\u0000 token', 'S\u0000H', 2),
    ];
    const known = {
      registry: REGISTRY.toLowerCase(),
      factory: FACTORY.toLowerCase(),
      stablecoin: '0x00000000000000000000000000000000000000ff',
      tokens: new Map(),
      offerings: new Map(),
    };
    const { rows } = decodeLogs(CHAIN_ID, logs, known, () => new Date(1_700_000_000_000));
    const end = { number: 5n, hash: hash(5), parentHash: hash(4), timestamp: new Date(1_700_000_000_000) };
    // Before the fix: "invalid byte sequence for encoding UTF8: 0x00" and nothing of the range stored.
    expect(await writeRange(handle.db, CHAIN_ID, rows, end)).toBe(4);

    const events = await handle.db.select().from(clusterEvents).orderBy(clusterEvents.logIndex);
    expect(events.map((row) => [row.clusterId, row.gpuModel, row.location, row.metadataUri])).toEqual([
      [1n, 'A100', 'Oslo', 'ipfs://honest'],
      [2n, 'H100\uFFFD', 'Frank\uFFFDfurt', 'ipfs://x\uFFFD'],
    ]);
    const mirrored = await handle.db.select().from(clusters).orderBy(clusters.clusterId);
    expect(mirrored.map((row) => [row.clusterId, row.gpuModel, row.location, row.metadataUri])).toEqual([
      [1n, 'A100', 'Oslo', 'ipfs://honest'],
      [2n, 'H100\uFFFD', 'Frank\uFFFDfurt', 'ipfs://x\uFFFD'],
    ]);
    const tokens = await handle.db.select().from(shareTokens);
    expect(tokens.map((row) => [row.clusterId, row.name, row.symbol])).toEqual([[2n, 'Share\uFFFD token', 'S\uFFFDH']]);
  });
});
