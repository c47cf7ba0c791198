/**
 * toChainLogs: the indexer reads eth_getLogs as the node's JSON (no viem formatter), so what the formatter used to
 * turn into types is parsed and checked here, and a malformed answer is a retryable MalformedRpcResponseError.
 */
import { describe, expect, it } from 'vitest';
import { toChainLogs } from './decode';
import { MalformedRpcResponseError } from './errors';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const rpcLog = (block: number, index: number) => ({
  address: '0x00000000000000000000000000000000000000c1',
  topics: [hash(1), hash(2), hash(3)],
  data: hash(7),
  blockNumber: `0x${block.toString(16)}`,
  blockHash: hash(1_000 + block),
  logIndex: `0x${index.toString(16)}`,
  transactionHash: hash(2_000 + index),
  transactionIndex: '0x0',
  removed: false,
});

describe('toChainLogs', () => {
  it('parses block numbers and log indexes, keeping the rest as the node sent it', () => {
    const logs = toChainLogs([rpcLog(26, 0), rpcLog(26, 31), rpcLog(27, 0)], 26n, 27n);
    expect(logs.map((log) => [log.blockNumber, log.logIndex, log.blockHash])).toEqual([
      [26n, 0, hash(1_026)],
      [26n, 31, hash(1_026)],
      [27n, 0, hash(1_027)],
    ]);
    expect(logs[0]).toEqual({
      address: '0x00000000000000000000000000000000000000c1',
      topics: [hash(1), hash(2), hash(3)],
      data: hash(7),
      blockNumber: 26n,
      blockHash: hash(1_026),
      logIndex: 0,
      transactionHash: hash(2_000),
    });
  });

  it('refuses what a node must never return for a mined range', () => {
    const cases: [unknown, RegExp][] = [
      [{ logs: [] }, /did not return a list/],
      [[{ ...rpcLog(26, 0), blockNumber: null }], /without its block/],
      [[{ ...rpcLog(26, 0), logIndex: null }], /without its block, index/],
      [[{ ...rpcLog(26, 0), logIndex: '0xzz' }], /without its index/],
      [[rpcLog(25, 0)], /for blocks 26-27 returned a log of block 25/],
      [[rpcLog(26, 0), rpcLog(28, 0)], /returned a log of block 28/],
    ];
    for (const [answer, message] of cases) {
      expect(() => toChainLogs(answer, 26n, 27n)).toThrow(MalformedRpcResponseError);
      expect(() => toChainLogs(answer, 26n, 27n)).toThrow(message);
    }
  });
});
