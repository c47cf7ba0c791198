/**
 * The portfolio reads every figure of a position at one block (review M1): claimable, the stream and the balances by
 * contract reads and earned by the Claimed / SharesWithdrawn / EscrowRevenueClaimed logs, all pinned to the head the
 * extrapolation starts from. A read left at "latest" could see a block mined after the head.
 */
import { describe, expect, it } from 'vitest';
import { type PositionsClient, readPositions } from './positions';

const HEAD = { number: 4_242n, timestamp: 1_764_547_200n };
const account = '0x00000000000000000000000000000000000000a1' as const;
const token = {
  address: '0x00000000000000000000000000000000000000b1' as const,
  offering: '0x00000000000000000000000000000000000000c1' as const,
  clusterId: 1n,
  symbol: 'RKS1',
  name: 'Cluster 1',
};

function mockClient() {
  const calls: { kind: string; name: string; blockNumber?: unknown; toBlock?: unknown; blockTag?: unknown }[] = [];
  const results: Record<string, unknown> = {
    balanceOf: 5n,
    claimable: 7n,
    stream: { ratePerSecond: 11n, end: 99n },
    totalSupply: 100n,
    purchasedOf: [0n, 0n],
    phase: 1,
    escrowRevenueOf: 3n,
  };
  const client = {
    getBlock: async () => HEAD,
    readContract: async (request: { functionName: string; blockNumber?: bigint; blockTag?: string }) => {
      calls.push({
        kind: 'read',
        name: request.functionName,
        blockNumber: request.blockNumber,
        blockTag: request.blockTag,
      });
      return results[request.functionName];
    },
    getContractEvents: async (request: { eventName: string; toBlock?: bigint | string }) => {
      calls.push({ kind: 'logs', name: request.eventName, toBlock: request.toBlock });
      return request.eventName === 'Claimed' ? [{ args: { amount: 13n } }] : [];
    },
  } as unknown as PositionsClient;
  return { client, calls };
}

describe('readPositions', () => {
  it('pins every contract read and every event query to the head block number (review M1)', async () => {
    const { client, calls } = mockClient();
    const result = await readPositions(client, account, [token], 1n);
    const reads = calls.filter((call) => call.kind === 'read');
    const logs = calls.filter((call) => call.kind === 'logs');
    expect(reads.map((call) => call.name).sort()).toEqual(
      ['balanceOf', 'claimable', 'escrowRevenueOf', 'phase', 'purchasedOf', 'stream', 'totalSupply'].sort(),
    );
    expect(logs.map((call) => call.name).sort()).toEqual(['Claimed', 'EscrowRevenueClaimed', 'SharesWithdrawn']);
    for (const call of reads)
      expect({ call: call.name, at: call.blockNumber, tag: call.blockTag }).toEqual({
        call: call.name,
        at: HEAD.number,
        tag: undefined,
      });
    for (const call of logs)
      expect({ call: call.name, to: call.toBlock }).toEqual({ call: call.name, to: HEAD.number });
    // The snapshot the page extrapolates from is the head's time, and the claimed total is the logs' sum.
    expect(result.readAt).toBe(HEAD.timestamp);
    // The block the figures belong to, which the page publishes with them (the claim-all total is pinned to it).
    expect(result.blockNumber).toBe(HEAD.number);
    expect(result.positions[0]?.snapshot.readAt).toBe(HEAD.timestamp);
    expect(result.positions[0]?.claimed).toBe(13n);
  });
});
