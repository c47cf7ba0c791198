/**
 * Security review of issue 15 (attacker report, finding M-2): `/portfolio?account=<any address>` is anonymous, never
 * shared-cached (one account per URL) and runs earningsSeries, whose reads look rows up by `share_transfers.from/to`
 * and `offering_events.recipient` — columns no index leads with. Each request for an address with no history then
 * reads every share transfer and every escrow payment the chain ever made (six months of them on a live network).
 * The test runs earningsSeries for such an address over a mirror of other accounts' rows and explains each of its
 * statements (sequential scans disabled, as the planner chooses on a large table): none may read other accounts' rows.
 */
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Address, Hex } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '#db';
import { insertRows } from '#db/bulk-insert';
import { testDatabases } from '#db/databases.test-kit';
import * as schema from '#db/schema';
import { offeringEvents, offerings, shareTransfers } from '#db/schema';
import { earningsSeries } from './holdings.server';

const CHAIN = 31_337;
const ROWS = 4_000;
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address;
const OFFERING = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' as Address;
/** An address with no history: what anyone may put in `?account=`. */
const STRANGER = '0x000000000000000000000000000000000000dEaD' as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;
const accountOf = (n: number) => `0x${(n + 0x1000).toString(16).padStart(40, '0')}` as Address;

type PlanNode = { 'Relation Name'?: string; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] };

/** Rows of `share_transfers` / `offering_events` the plan read and threw away. */
function rowsDiscarded(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'share_transfers' || node['Relation Name'] === 'offering_events'
      ? (node['Rows Removed by Filter'] ?? 0)
      : 0;
  return own + (node.Plans ?? []).reduce((total, child) => total + rowsDiscarded(child), 0);
}

type Raw = { query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };

async function seed(db: Database) {
  await insertRows(db, offerings, [
    {
      chainId: CHAIN,
      blockNumber: 1n,
      blockHash: hash(1),
      logIndex: 0,
      transactionHash: hash(2),
      blockTime: new Date(0),
      offering: OFFERING,
      token: TOKEN,
      clusterId: 1n,
      pricePerShare: 1n,
      saleStart: new Date(0),
      saleEnd: new Date(1),
      softCap: 1n,
      perBuyerCap: 1n,
    },
  ]);
  const logOf = (i: number) => ({
    chainId: CHAIN,
    blockNumber: BigInt(10 + i),
    blockHash: hash(10_000 + i),
    logIndex: 0,
    transactionHash: hash(20_000 + i),
    blockTime: new Date(1_700_000_000_000 + i * 60_000),
  });
  await insertRows(
    db,
    shareTransfers,
    Array.from({ length: ROWS }, (_, i) => ({
      ...logOf(i),
      token: TOKEN,
      from: accountOf(i),
      to: accountOf(i + 1),
      value: 1n,
    })),
  );
  await insertRows(
    db,
    offeringEvents,
    Array.from({ length: ROWS }, (_, i) => ({
      ...logOf(i),
      offering: OFFERING,
      kind: 'shares_withdrawn' as const,
      account: accountOf(i),
      recipient: accountOf(i),
      shares: 1n,
      amount: 1n,
    })) as never,
  );
}

describe.each(testDatabases)('the portfolio’s earnings reads on $name', ({ name, open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('read no other account’s rows for an address with no history', async () => {
    handle = await open();
    await seed(handle.db);
    const pooled = (handle.db as unknown as { $client: unknown }).$client;
    // One connection for the session settings and the plans (the pool's would land anywhere).
    const raw = (
      name === 'pglite' ? pooled : await (pooled as { connect: () => Promise<unknown> }).connect()
    ) as Raw & { release?: () => void };
    try {
      await raw.query('analyze');
      await raw.query('set enable_seqscan = off');
      const statements: { text: string; params: unknown[] }[] = [];
      const logger = { logQuery: (text: string, params: unknown[]) => statements.push({ text, params }) };
      const traced = (name === 'pglite'
        ? drizzlePglite(pooled as never, { schema, logger })
        : drizzlePg(raw as never, { schema, logger })) as unknown as Database;
      const series = await earningsSeries({ db: traced, chain: { chainId: CHAIN } } as never, STRANGER, 1_800_000_000n);
      expect(series.points.every((point) => point.earned === '0')).toBe(true);
      const mirrorReads = statements.filter(({ text }) => /share_transfers|offering_events/.test(text));
      expect(mirrorReads.length).toBeGreaterThan(0);
      for (const { text, params } of mirrorReads) {
        const { rows } = await raw.query(`explain (analyze, format json) ${text}`, params);
        const plan = (rows[0]!['QUERY PLAN'] as [{ Plan: PlanNode }] | string) ?? '';
        const [root] = typeof plan === 'string' ? (JSON.parse(plan) as [{ Plan: PlanNode }]) : plan;
        expect({ statement: text, discarded: rowsDiscarded(root.Plan) }).toEqual({ statement: text, discarded: 0 });
      }
    } finally {
      raw.release?.();
    }
  });
});
