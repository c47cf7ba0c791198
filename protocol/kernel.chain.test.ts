/**
 * The stream math and the status rule of protocol/ against the contracts themselves on anvil: every expectation is
 * the chain's own answer (claimable(), streamedTotalAt(), statusOf()) at the same block, or a number computed on paper
 * from the deposit's parameters, never one of protocol/'s constants.
 */
import type { Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi, shareTokenAbi } from '#contracts';
import { startTestChain, type TestChain } from '../db/fixtures.test-kit';
import { devAccount, devRoles } from '../devnet/accounts';
import { testPort } from '../devnet/ports';
import { type ClusterStatusInput, statusAt } from './status';
import { extrapolateClaimable, holderRatePerDay, ratePerDay, type StreamSnapshot } from './stream';

let chain: TestChain;
const [operator] = devRoles.operators;
const [investorA, investorB] = devRoles.investors;
const SHARE = 10n ** 18n;

beforeAll(async () => {
  chain = await startTestChain(testPort(4250));
});
afterAll(async () => {
  await chain?.stop();
});

/** Mines one block at exactly `timestamp` and returns its number, so reads at that block see that time. */
async function mineAt(timestamp: bigint) {
  await chain.publicClient.request({
    method: 'evm_setNextBlockTimestamp' as never,
    params: [`0x${timestamp.toString(16)}`] as never,
  });
  await chain.mine(1);
  return (await chain.publicClient.getBlock({ blockTag: 'latest' })).number;
}

async function latestBlock() {
  const block = await chain.publicClient.getBlock({ blockTag: 'latest' });
  return { number: block.number, timestamp: block.timestamp };
}

describe('protocol/stream.ts across the boundary', () => {
  let token: Address;
  const deposit = 3_684_123_456n;
  const duration = 7n * 86_400n;

  beforeAll(async () => {
    const clusterId = await chain.registerCluster(operator, { gpuModel: 'H100', gpuCount: 8, location: 'KR-SEL-01' });
    await chain.attest(clusterId);
    const sale = await chain.tokenize(operator, clusterId, 100n);
    token = sale.token;
    await chain.buy(investorA, sale.offering, 37n);
    await chain.buy(investorB, sale.offering, 63n);
    await chain.finalize(operator, sale.offering);
    await chain.withdrawShares(investorA, sale.offering);
    await chain.withdrawShares(investorB, sale.offering);
    // An odd balance, so the pro-rata division has a remainder.
    await chain.transferShares(investorB, token, devAccount(investorA).address, 123_456_789n);
    await chain.depositRevenue(operator, token, deposit, duration);
  });

  async function snapshotOf(holder: Address, blockNumber: bigint, readAt: bigint): Promise<StreamSnapshot> {
    const holderRead = { address: token, abi: shareTokenAbi, args: [holder], blockNumber } as const;
    const [claimable, balance, totalSupply, stream] = await Promise.all([
      chain.publicClient.readContract({ ...holderRead, functionName: 'claimable' }),
      chain.publicClient.readContract({ ...holderRead, functionName: 'balanceOf' }),
      chain.publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'totalSupply', blockNumber }),
      chain.publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'stream', blockNumber }),
    ]);
    return { claimable, balance, totalSupply, ratePerSecond: stream.ratePerSecond, end: stream.end, readAt };
  }

  it('extrapolates claimable to what the chain says later: never above, at most 2 base units below (rounding)', async () => {
    const holder = devAccount(investorA).address;
    const start = await latestBlock();
    const snapshot = await snapshotOf(holder, start.number, start.timestamp);
    expect(snapshot.balance).toBe(37n * SHARE + 123_456_789n);
    // Δ of one second, an odd count, an hour, a day less a second, days, and past the stream's end.
    for (const delta of [1n, 7n, 3_600n, 86_399n, 3n * 86_400n + 17n, 8n * 86_400n]) {
      const at = start.timestamp + delta;
      const block = await mineAt(at);
      const onChain = await chain.publicClient.readContract({
        address: token,
        abi: shareTokenAbi,
        functionName: 'claimable',
        args: [holder],
        blockNumber: block,
      });
      const extrapolated = extrapolateClaimable(snapshot, at);
      expect(extrapolated <= onChain, `Δ=${delta}: ${extrapolated} > chain ${onChain}`).toBe(true);
      expect(onChain - extrapolated <= 2n, `Δ=${delta}: ${extrapolated} vs chain ${onChain}`).toBe(true);
    }
    // Past the end the holder has its whole share: 37.000000000123456789 % of 3 684.123456 tUSD, on paper
    // 1 363 125 679.3 base units; the chain loses under one unit per checkpoint.
    const final = extrapolateClaimable(snapshot, start.timestamp + 8n * 86_400n);
    expect(final >= 1_363_125_677n && final <= 1_363_125_679n).toBe(true);
  });

  it('gives the rate per day the deposit set and the chain streams in a day', async () => {
    // Warped past the end above, so read the rate the stream ran at from the deposit block on.
    const stream = await chain.publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'stream',
    });
    // On paper: 3 684 123 456 base units over 7 days = 526 303 350.86 a day; the contract rounds the rate down once.
    const perDay = ratePerDay(stream.ratePerSecond);
    expect(perDay === 526_303_350n || perDay === 526_303_349n).toBe(true);
    const [known1, day0] = await chain.publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'streamedTotalAt',
      args: [stream.lastUpdate + 86_400n],
    });
    const [known2, day1] = await chain.publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'streamedTotalAt',
      args: [stream.lastUpdate + 2n * 86_400n],
    });
    expect(known1 && known2).toBe(true);
    const streamedInADay = day1 - day0;
    expect(perDay - streamedInADay <= 1n && streamedInADay - perDay <= 1n).toBe(true);
    // investor A holds 37.000000000123456789 of 100 shares: 194 732 239.8 a day on paper.
    const holderPerDay = holderRatePerDay(stream.ratePerSecond, 37n * SHARE + 123_456_789n, 100n * SHARE);
    expect(holderPerDay === 194_732_239n || holderPerDay === 194_732_238n).toBe(true);
  });
});

describe('protocol/status.ts statusAt against the registry statusOf', () => {
  async function compare(clusterId: bigint) {
    const { number, timestamp } = await latestBlock();
    const registry = { address: chain.contracts.clusterRegistry, abi: clusterRegistryAbi, blockNumber: number };
    const [onChain, count, heartbeat] = await Promise.all([
      chain.publicClient.readContract({ ...registry, functionName: 'statusOf', args: [clusterId] }),
      chain.publicClient.readContract({ ...registry, functionName: 'clusterCount' }),
      chain.publicClient.readContract({ ...registry, functionName: 'heartbeat' }),
    ]);
    const registered = clusterId > 0n && clusterId <= count;
    let input: ClusterStatusInput = {
      registered,
      lifecycle: 'active',
      attestedAt: 0n,
      attestedUntil: 0n,
      lastEpoch: 0n,
    };
    if (registered) {
      const info = await chain.publicClient.readContract({ ...registry, functionName: 'clusterOf', args: [clusterId] });
      input = {
        registered,
        lifecycle: info.retired ? 'retired' : info.suspended ? 'suspended' : 'active',
        attestedAt: BigInt(info.attestedAt),
        attestedUntil: BigInt(info.attestedUntil),
        lastEpoch: BigInt(info.lastEpoch),
      };
    }
    const names = ['None', 'Registered', 'Attested', 'Stale', 'Suspended', 'Retired'];
    return { ours: statusAt(input, heartbeat, timestamp), chain: names[Number(onChain)], timestamp, input, heartbeat };
  }

  async function owner(functionName: 'suspendCluster' | 'unsuspendCluster' | 'retireCluster', clusterId: bigint) {
    await chain.send(devRoles.deployer, {
      address: chain.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName,
      args: [clusterId],
    } as never);
  }

  it('agrees in every branch of _statusOf, at the heartbeat and expiry boundaries to the second', async () => {
    const seen: string[] = [];
    const check = async (clusterId: bigint, expected: string) => {
      const result = await compare(clusterId);
      expect(result.ours, `cluster ${clusterId}`).toBe(result.chain);
      expect(result.chain).toBe(expected);
      seen.push(expected);
      return result;
    };
    await check(0n, 'None');
    await check(999n, 'None');
    const id = await chain.registerCluster(operator, { gpuModel: 'A100', gpuCount: 4, location: 'US-NYC-02' });
    await check(id, 'Registered');
    await chain.attest(id, 30n * 86_400n);
    const attested = await check(id, 'Attested');
    // The fixture's heartbeat is one day: at attestedAt + heartbeat still Attested, one second later Stale.
    await mineAt(attested.input.attestedAt + attested.heartbeat);
    await check(id, 'Attested');
    await mineAt(attested.input.attestedAt + attested.heartbeat + 1n);
    await check(id, 'Stale');
    // A report (epoch = its end time) is activity: Attested again until lastEpoch + heartbeat.
    const { timestamp } = await latestBlock();
    await chain.report([
      { clusterId: id, epoch: timestamp, gpuHoursMilli: 1_000n, utilizationBps: 5_000, gpusOnline: 4, revenue: 1n },
    ]);
    const reported = await check(id, 'Attested');
    expect(reported.input.lastEpoch).toBe(timestamp);
    await mineAt(timestamp + reported.heartbeat + 1n);
    await check(id, 'Stale');
    await owner('suspendCluster', id);
    await check(id, 'Suspended');
    await owner('unsuspendCluster', id);
    await check(id, 'Stale');
    await owner('retireCluster', id);
    await check(id, 'Retired');

    // Attestation expiry while the heartbeat has not lapsed: a short attestation on a fresh cluster.
    const short = await chain.registerCluster(operator, { gpuModel: 'L40S', gpuCount: 2, location: 'DE-FRA-01' });
    await chain.attest(short, 600n);
    const fresh = await check(short, 'Attested');
    await mineAt(fresh.input.attestedUntil);
    await check(short, 'Attested');
    await mineAt(fresh.input.attestedUntil + 1n);
    await check(short, 'Stale');
    expect(new Set(seen)).toEqual(new Set(['None', 'Registered', 'Attested', 'Stale', 'Suspended', 'Retired']));
  });
});
