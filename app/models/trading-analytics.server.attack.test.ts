/**
 * Attack tests for the market analytics (reviewer m-attack): a failing test is an open finding.
 */
import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db/database';
import { testDatabases } from '#db/databases.test-kit';
import {
  indexMarket,
  investorA,
  investorB,
  type MarketFixture,
  SHARE,
  startMarketChain,
} from '#db/market/market.test-kit';
import { testPort } from '../../devnet/ports';
import { getMarketStats, getPriceHistory } from './trading-analytics.server';

const pglite = testDatabases.find((entry) => entry.name === 'pglite')!;
let fx: MarketFixture;
let handle: DatabaseHandle;
let context: Pick<AppLoadContext, 'db' | 'chain'>;

const index = () => indexMarket(fx, handle.db);

beforeAll(async () => {
  fx = await startMarketChain(testPort(4935));
  handle = await pglite.open();
  context = {
    db: handle.db,
    chain: {
      chainId: 31_337,
      publicRpcUrl: '',
      publicClient: fx.chain.publicClient as never,
      deployment: {
        ...fx.chain.deployment,
        contracts: { ...fx.chain.contracts, market: fx.market },
      } as never,
    },
  };
}, 180_000);
afterAll(async () => {
  await handle?.close();
  await fx?.chain.stop();
});

it('a wash trade of 1 share base unit for 1 stablecoin base unit does not set the last price to $1e12 a share', async () => {
  await fx.approveShares(investorA, 100n * SHARE);
  await fx.fundStablecoin(investorB, 100_000_000n);
  // A real trade: 5 whole shares at 12 USDC.
  const fair = await fx.offer(investorA, { amount: 5n * SHARE, price: 12_000_000n });
  await fx.fill(investorB, fair, await fx.sign(investorA, fair), 5n * SHARE);
  // Then the attacker's two wallets (A sells, B buys) trade 1e-18 of a share at 10^18 base units a share:
  // cost ceil(1 * 1e18 / 1e18) = 1 base unit (0.000001 USDC), no fee at 0 bps, and a "price" of 1e12 USDC.
  const wash = await fx.offer(investorA, { amount: 1n, price: SHARE, nonce: 1n });
  await fx.fill(investorB, wash, await fx.sign(investorA, wash), 1n);
  await index();

  const [stats] = await getMarketStats(context, fx.clusterId);
  const history = await getPriceHistory(context, fx.clusterId);
  // Fails: lastPrice is 10^18 (the wash trade's), and the chart's last point too.
  expect({ lastPrice: stats!.lastPrice, lastPoint: history.at(-1)?.price }).toEqual({
    lastPrice: 12_000_000n,
    lastPoint: 12_000_000n,
  });
}, 120_000);
