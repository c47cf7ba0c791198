import type { Hex } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { devAccount } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { marketOffers } from '../schema';
import {
  investorA,
  investorB,
  type MarketFixture,
  offerBody,
  SHARE,
  seedPrimarySale,
  startMarketChain,
} from './market.test-kit';
import { firstClearBit, nextNonce } from './nonces';
import { relayOffer } from './relay';

describe('firstClearBit', () => {
  it('finds the lowest clear bit at or above the start, or none in a full word', () => {
    expect(firstClearBit(0n, 0n)).toBe(0n);
    expect(firstClearBit(0b1011n, 0n)).toBe(2n);
    expect(firstClearBit(0b1011n, 3n)).toBe(4n);
    expect(firstClearBit((1n << 256n) - 1n, 0n)).toBeNull();
    expect(firstClearBit((1n << 255n) - 1n, 10n)).toBe(255n);
  });
});

let fx: MarketFixture;
beforeAll(async () => {
  fx = await startMarketChain(testPort(4537));
}, 120_000);
afterAll(async () => {
  await fx?.chain.stop();
});

describe.each(testDatabases)('nextNonce on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let snapshot: Hex;
  beforeAll(async () => {
    handle = await open();
    await seedPrimarySale(handle.db, fx);
  });
  afterAll(async () => {
    await handle?.close();
  });
  afterEach(async () => {
    await handle.db.delete(marketOffers);
    await fx.chain.revert(snapshot);
  });
  const maker = devAccount(investorA).address;
  const next = () => nextNonce({ db: handle.db, chain: fx.marketChain }, maker);

  it('is one past the stored offers, above the minimum nonce, skipping nonces the chain used', async () => {
    snapshot = await fx.chain.snapshot();
    expect(await next()).toBe(0n);
    await fx.approveShares(investorA, 50n * SHARE);
    const stored = await fx.offer(investorA, { nonce: 7n });
    const relayed = await relayOffer(
      { db: handle.db, chain: fx.marketChain },
      offerBody(stored, await fx.sign(investorA, stored)),
    );
    expect(relayed.ok).toBe(true);
    expect(await next()).toBe(8n);
    // Nonces 8 and 9 used on chain by offers signed elsewhere (never relayed).
    await fx.fundStablecoin(investorB, 100_000_000n);
    for (const nonce of [8n, 9n]) {
      const outside = await fx.offer(investorA, { nonce, amount: SHARE });
      await fx.fill(investorB, outside, await fx.sign(investorA, outside), SHARE);
    }
    expect(await next()).toBe(10n);
    // Nonce 300 stored: the next one sits in the following bitmap word.
    const far = await fx.offer(investorA, { nonce: 300n, amount: SHARE });
    const farRelayed = await relayOffer(
      { db: handle.db, chain: fx.marketChain },
      offerBody(far, await fx.sign(investorA, far)),
    );
    expect(farRelayed.ok).toBe(true);
    expect(await next()).toBe(301n);
  });
});
