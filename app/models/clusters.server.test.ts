import { type Address, createPublicClient, custom, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareTokenAbi } from '#contracts';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { catchUpMirror, runScenario, startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { getClusterPassport, listOperatorClusters, OPERATOR_LIST_LIMIT } from './clusters.server';
import { clusterActivity } from './passport.server';

/** More than one operator's list shows, so its bound is exercised too. */
const SPAM_REGISTRATIONS = OPERATOR_LIST_LIMIT + 5;
const spamIds: bigint[] = [];
const [operatorA, operatorB] = devRoles.operators;

let chain: TestChain;
let scenario: Awaited<ReturnType<typeof runScenario>>;
/** Holders beyond the top ten: fresh addresses investor A sends a few shares each. */
const extraHolders = Array.from(
  { length: 12 },
  (_, index) => `0x${(0xbeef0000 + index).toString(16).padStart(40, '0')}` as Address,
);

beforeAll(async () => {
  chain = await startTestChain(testPort(8795));
  scenario = await runScenario(chain);
  for (const [index, holder] of extraHolders.entries()) {
    await chain.transferShares(devRoles.investors[0]!, scenario.sale.token, holder, BigInt(index + 1) * 10n ** 17n);
  }
  // Operator B floods the registry after operator A's clusters: a global "newest 200" would now hold only B's.
  for (let spam = 0; spam < SPAM_REGISTRATIONS; spam++) {
    spamIds.push(await chain.registerCluster(operatorB, { gpuModel: 'spam', gpuCount: 1, location: 'XX-SPAM' }));
  }
}, 300_000);

afterAll(async () => {
  await chain?.stop();
});

/** The chain context the app gets, with a client that records every JSON-RPC method it sends. */
function countingContext(db: DatabaseHandle['db']) {
  const methods: string[] = [];
  const publicClient = createPublicClient({
    chain: chain.publicClient.chain,
    transport: custom({
      request: async (args: { method: string; params?: unknown }) => {
        methods.push(args.method);
        return chain.publicClient.request(args as never);
      },
    }),
  }) as PublicClient;
  const context = {
    db,
    chain: { chainId: 31_337, publicRpcUrl: chain.rpcUrl, publicClient, deployment: chain.deployment },
  };
  return { context, methods };
}

describe.each(testDatabases)('pages read the mirror on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
    await catchUpMirror(chain, handle.db);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('lists operator A’s clusters after 200 later registrations by B, with no eth_call per cluster (M-8)', async () => {
    const { context, methods } = countingContext(handle.db);
    const mine = await listOperatorClusters(context, devAccount(operatorA).address);
    expect(mine.map((cluster) => cluster.operator)).toEqual(mine.map(() => devAccount(operatorA).address));
    expect(mine.find((cluster) => cluster.id === scenario.clusters[0]!)).toMatchObject({
      status: 'Attested',
      token: { address: scenario.sale.token },
    });
    const spam = countingContext(handle.db);
    const spammer = await listOperatorClusters(spam.context, devAccount(operatorB).address);
    // Bounded: B's newest OPERATOR_LIST_LIMIT registrations, newest first, whatever B registered beyond them.
    expect(spammer.map((cluster) => cluster.id)).toEqual(
      [...spamIds].sort((a, b) => (a > b ? -1 : 1)).slice(0, OPERATOR_LIST_LIMIT),
    );
    // B's own clusters: a couple of multicalls (the init-code size cap), not 200 reads or more.
    expect(spam.methods.filter((method) => method === 'eth_call').length).toBeLessThanOrEqual(3);
    // One head read and one multicall, however many clusters the registry holds.
    expect(methods).toEqual(['eth_getBlockByNumber', 'eth_call']);
  });

  it('shows a registration the mirror has not indexed yet, read in one multicall (M-8)', async () => {
    const fresh = await chain.registerCluster(operatorA, { gpuModel: 'new', gpuCount: 2, location: 'KR-SEL-02' });
    await chain.mine(1);
    const { context, methods } = countingContext(handle.db);
    const mine = await listOperatorClusters(context, devAccount(operatorA).address);
    expect(mine[0]?.id).toBe(fresh);
    expect(mine.map((cluster) => cluster.id)).toContain(scenario.clusters[0]!);
    expect(methods.filter((method) => method === 'eth_call')).toHaveLength(2);
  });

  it('reads a passport in one multicall and serves the same block from memory (M-8)', async () => {
    await chain.mine(1);
    const { context, methods } = countingContext(handle.db);
    const passport = await getClusterPassport(context, scenario.clusters[0]!);
    expect(passport?.token?.address).toBe(scenario.sale.token);
    const supply = await chain.publicClient.readContract({
      address: scenario.sale.token,
      abi: shareTokenAbi,
      functionName: 'totalSupply',
    });
    expect(passport?.market?.totalSupply).toBe(supply);
    expect(methods).toEqual(['eth_getBlockByNumber', 'eth_call']);
    await Promise.all([1, 2, 3].map(() => getClusterPassport(context, scenario.clusters[0]!)));
    // The same block again: the head is read (once for the three), the cluster's state is not.
    expect(methods.filter((method) => method === 'eth_call')).toHaveLength(1);
    expect(await getClusterPassport(context, 10_000n)).toBeNull();
  });

  it('takes the top holders and the totals from SQL, equal to the chain’s balances (L-8)', async () => {
    const { context } = countingContext(handle.db);
    const { holders } = await clusterActivity(context as never, scenario.clusters[0]!);
    const accounts = [
      ...devRoles.investors.map((index) => devAccount(index).address),
      ...extraHolders,
      devAccount(operatorA).address,
    ];
    const onChain = await Promise.all(
      accounts.map(async (account) => ({
        account,
        balance: await chain.publicClient.readContract({
          address: scenario.sale.token,
          abi: shareTokenAbi,
          functionName: 'balanceOf',
          args: [account],
        }),
      })),
    );
    const holding = onChain.filter((entry) => entry.balance > 0n).sort((a, b) => (a.balance < b.balance ? 1 : -1));
    expect(holding.length).toBeGreaterThan(10);
    expect(holders.count).toBe(holding.length);
    expect(holders.top.map((entry) => [entry.account.toLowerCase(), BigInt(entry.balance)])).toEqual(
      holding.slice(0, 10).map((entry) => [entry.account.toLowerCase(), entry.balance]),
    );
    expect(BigInt(holders.othersBalance)).toBe(holding.slice(10).reduce((sum, entry) => sum + entry.balance, 0n));
  });
});
