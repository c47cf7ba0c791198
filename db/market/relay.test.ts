import { eq } from 'drizzle-orm';
import { type Hex, parseSignature, serializeErc6492Signature, serializeSignature } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import { hashOffer, marketDomain, permitArgument, permitTypedData } from '#protocol/market';
import { devAccount, devRoles } from '../../devnet/accounts';
import { sendAs } from '../../devnet/actions';
import { testPort } from '../../devnet/ports';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { marketOffers, offerings } from '../schema';
import { MAX_OFFERS_PER_CLUSTER, MAX_OFFERS_PER_MAKER } from './bounds';
import { OFFER_ERROR_CODES } from './errors';
import {
  investorA,
  investorB,
  investorC,
  type MarketFixture,
  offerBody,
  SHARE,
  seedPrimarySale,
  startMarketChain,
} from './market.test-kit';
import { nextNonce } from './nonces';
import { PRICE_BAND } from './price-band';
import { relayOffer } from './relay';

let fx: MarketFixture;
beforeAll(async () => {
  fx = await startMarketChain(testPort(4511));
}, 120_000);
afterAll(async () => {
  await fx?.chain.stop();
});

describe.each(testDatabases)('relayOffer on $name', ({ open }) => {
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
    if (snapshot) await fx.chain.revert(snapshot);
  });
  const relay = (body: unknown) => relayOffer({ db: handle.db, chain: fx.marketChain }, body);
  const stored = () => handle.db.select().from(marketOffers);
  const take = async () => {
    snapshot = await fx.chain.snapshot();
  };

  it('stores a fillable Sell offer under the hash the market computes, and refuses it a second time (409)', async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    const offer = await fx.offer(investorA, {});
    const signature = await fx.sign(investorA, offer);
    const result = await relay(offerBody(offer, signature));
    expect(result.ok).toBe(true);
    const onChainHash = await fx.chain.publicClient.readContract({
      address: fx.market,
      abi: shareMarketAbi,
      functionName: 'hashOffer',
      args: [offer],
    });
    expect(hashOffer(marketDomain(31_337, fx.market), offer)).toBe(onChainHash);
    if (!result.ok) return;
    expect(result.offer).toMatchObject({
      offerHash: onChainHash,
      maker: offer.maker,
      side: 'sell',
      amount: offer.amount,
      price: offer.price,
      taker: null,
      filled: 0n,
      remaining: offer.amount,
      status: 'open',
    });
    expect(await stored()).toHaveLength(1);
    const again = await relay(offerBody(offer, signature));
    expect(again).toMatchObject({ ok: false, status: 409, error: { code: 'duplicate_offer' } });
    expect(await stored()).toHaveLength(1);
  });

  it('refuses malformed and out-of-bounds offers with their codes and stores nothing', async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    const now = await fx.chainTime();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ amount: 'abc' }, 400, 'invalid_body'],
      [{ amount: '-1' }, 400, 'invalid_body'],
      [{ amount: (2n ** 256n).toString() }, 400, 'invalid_body'],
      [{ side: 2 }, 400, 'invalid_side'],
      [{ amount: '0' }, 400, 'zero_amount'],
      [{ price: '0' }, 400, 'zero_price'],
      [{ expiry: now.toString() }, 422, 'offer_expired'],
      [{ expiry: (now + 366n * 86_400n).toString() }, 422, 'expiry_too_far'],
      // 0.5 share at 1.5 units = 0.75 of one whole stablecoin unit (6 decimals).
      [{ amount: (SHARE / 2n).toString(), price: '1500000' }, 422, 'offer_too_small'],
      // The price band: [1/100×, 100×] the mirror's primary-sale price (the chain's offering terms).
      [
        { amount: (100n * SHARE).toString(), price: (fx.primaryPrice / PRICE_BAND - 1n).toString() },
        422,
        'price_out_of_band',
      ],
      [{ price: (fx.primaryPrice * PRICE_BAND + 1n).toString() }, 422, 'price_out_of_band'],
      [{ clusterId: '999' }, 422, 'price_unknown'],
      [{ taker: devAccount(investorA).address }, 422, 'self_trade'],
    ];
    const offer = await fx.offer(investorA, {});
    const signature = await fx.sign(investorA, offer);
    for (const [change, status, code] of cases) {
      const body = offerBody(offer, signature);
      const result = await relay({ ...body, offer: { ...body.offer, ...change } });
      expect(result, code).toMatchObject({ ok: false, status, error: { code } });
      if (!result.ok) expect(OFFER_ERROR_CODES).toContain(result.error.code);
    }
    expect(await relay({ ...offerBody(offer, signature), extra: 1 })).toMatchObject({ status: 400 });
    expect(await relay('nope')).toMatchObject({ status: 400, error: { code: 'invalid_body' } });
    expect(await stored()).toHaveLength(0);
  });

  it("refuses a signature that is not the maker's, and the high-s twin of the maker's own", async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    const offer = await fx.offer(investorA, {});
    const byOther = await fx.sign(investorB, offer);
    expect(await relay(offerBody(offer, byOther))).toMatchObject({
      status: 422,
      error: { code: 'invalid_signature', reason: 'InvalidSignature' },
    });
    const own = parseSignature(await fx.sign(investorA, offer));
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = serializeSignature({
      r: own.r,
      s: `0x${(n - BigInt(own.s)).toString(16).padStart(64, '0')}`,
      v: own.v === 27n ? 28n : 27n,
    });
    expect(await relay(offerBody(offer, highS))).toMatchObject({
      status: 422,
      error: { code: 'invalid_signature', reason: 'InvalidSignature' },
    });
    // ERC-6492-wrapped: viem's verifiers unwrap it, the market never does.
    const wrapped = serializeErc6492Signature({
      address: fx.market,
      data: '0x',
      signature: await fx.sign(investorA, offer),
    });
    expect(await relay(offerBody(offer, wrapped))).toMatchObject({
      status: 422,
      error: { code: 'invalid_signature', reason: 'InvalidSignature' },
    });
    expect(await stored()).toHaveLength(0);
  });

  it("allots the maker's balance once under concurrent relays: the second sees the first stored", async () => {
    await take();
    await fx.approveShares(investorB, 40n * SHARE);
    const offers = await Promise.all([1n, 2n, 3n].map((nonce) => fx.offer(investorB, { amount: 40n * SHARE, nonce })));
    const bodies = await Promise.all(offers.map(async (offer) => offerBody(offer, await fx.sign(investorB, offer))));
    const results = await Promise.all(bodies.map(relay));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.error.code)).toEqual([
      'insufficient_balance',
      'insufficient_balance',
    ]);
    expect((await stored()).map((row) => row.status)).toEqual(['open']);
  });

  it('never lets a new offer outrank a stored one for the balance, even when the stored one carries a later clock', async () => {
    // A relay that read the clock before a concurrent one but took the maker's lock after it: the stored offer was
    // promised first, so the newcomer is refused (it once won the allotment by its earlier timestamp).
    await take();
    await fx.approveShares(investorB, 40n * SHARE);
    const [first, second] = await Promise.all(
      [1n, 2n].map((nonce) => fx.offer(investorB, { amount: 40n * SHARE, nonce })),
    );
    const firstResult = await relay(offerBody(first!, await fx.sign(investorB, first!)));
    expect(firstResult.ok).toBe(true);
    await handle.db.update(marketOffers).set({ createdAt: new Date(Date.now() + 3_600_000) });
    const secondResult = await relay(offerBody(second!, await fx.sign(investorB, second!)));
    expect(secondResult).toMatchObject({ ok: false, error: { code: 'insufficient_balance' } });
    expect((await stored()).map((row) => row.status)).toEqual(['open']);
  });

  it('refuses a second live offer with a stored nonce (409 nonce_in_use) and one whose nonce the chain used (422 nonce_used)', async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    const first = await fx.offer(investorA, { amount: 5n * SHARE });
    expect((await relay(offerBody(first, await fx.sign(investorA, first)))).ok).toBe(true);
    const sibling = { ...first, amount: 6n * SHARE };
    expect(await relay(offerBody(sibling, await fx.sign(investorA, sibling)))).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'nonce_in_use', reason: 'nonce_in_use' },
    });
    // Used on chain by an offer never relayed: the market would refuse any fill of an offer with that nonce.
    await fx.fundStablecoin(investorB, 100_000_000n);
    const outside = await fx.offer(investorA, { amount: SHARE });
    await fx.fill(investorB, outside, await fx.sign(investorA, outside), SHARE);
    const reused = { ...outside, amount: 2n * SHARE };
    expect(await relay(offerBody(reused, await fx.sign(investorA, reused)))).toMatchObject({
      ok: false,
      status: 422,
      error: { code: 'nonce_used', reason: 'NonceUsed' },
    });
    expect((await stored()).map((row) => row.offerHash)).toEqual([hashOffer(marketDomain(31_337, fx.market), first)]);
  });

  it("hands out the next nonce: one past the maker's stored offers, above its minimum nonce, skipping used ones", async () => {
    await take();
    const next = () => nextNonce({ db: handle.db, chain: fx.marketChain }, devAccount(investorA).address);
    expect(await next()).toBe(0n);
    await fx.approveShares(investorA, 50n * SHARE);
    const stored = await fx.offer(investorA, { nonce: 7n });
    expect((await relay(offerBody(stored, await fx.sign(investorA, stored)))).ok).toBe(true);
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
    expect((await relay(offerBody(far, await fx.sign(investorA, far)))).ok).toBe(true);
    expect(await next()).toBe(301n);
    // A "cancel all" past every stored nonce: the next one starts at the new minimum.
    await sendAs(fx.chain, investorA, {
      address: fx.market,
      abi: shareMarketAbi,
      functionName: 'cancelUpTo',
      args: [1_000n],
    });
    expect(await next()).toBe(1_000n);
  });

  it("reads the primary-sale price from the chain's Offering terms while the mirror has not caught up", async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    await handle.db.delete(offerings);
    try {
      const inBand = await fx.offer(investorA, { nonce: 1n });
      const outOfBand = await fx.offer(investorA, { nonce: 2n, price: fx.primaryPrice * PRICE_BAND + 1n });
      expect(await relay(offerBody(outOfBand, await fx.sign(investorA, outOfBand)))).toMatchObject({
        error: { code: 'price_out_of_band' },
      });
      expect(await relay(offerBody(inBand, await fx.sign(investorA, inBand)))).toMatchObject({ ok: true });
    } finally {
      await seedPrimarySale(handle.db, fx);
    }
  });

  it('accepts prices at the edges of the band around the primary-sale price', async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    const low = await fx.offer(investorA, { amount: 20n * SHARE, price: fx.primaryPrice / PRICE_BAND, nonce: 1n });
    const high = await fx.offer(investorA, { amount: SHARE, price: fx.primaryPrice * PRICE_BAND, nonce: 2n });
    expect(await relay(offerBody(low, await fx.sign(investorA, low)))).toMatchObject({ ok: true });
    expect(await relay(offerBody(high, await fx.sign(investorA, high)))).toMatchObject({ ok: true });
  });

  it("allots the maker's balance and allowance across its offers in book order", async () => {
    await take();
    const a = devAccount(investorA).address;
    // No allowance to the market yet.
    const first = await fx.offer(investorA, { amount: 30n * SHARE, price: 12_000_000n });
    expect(await relay(offerBody(first, await fx.sign(investorA, first)))).toMatchObject({
      status: 422,
      error: { code: 'insufficient_allowance', reason: 'ERC20InsufficientAllowance' },
    });
    await fx.approveShares(investorA, 100n * SHARE);
    expect((await relay(offerBody(first, await fx.sign(investorA, first)))).ok).toBe(true);
    // A holds 50 shares (the scenario): 30 are allotted to the better offer, 20 are left.
    const second = await fx.offer(investorA, { amount: 30n * SHARE, price: 13_000_000n });
    expect(await relay(offerBody(second, await fx.sign(investorA, second)))).toMatchObject({
      status: 422,
      error: { code: 'insufficient_balance', reason: 'ERC20InsufficientBalance' },
    });
    const third = await fx.offer(investorA, { amount: 20n * SHARE, price: 13_000_000n });
    expect((await relay(offerBody(third, await fx.sign(investorA, third)))).ok).toBe(true);
    const rows = await handle.db.select().from(marketOffers).where(eq(marketOffers.maker, a));
    expect(rows.map((row) => row.amount).sort()).toEqual([20n * SHARE, 30n * SHARE]);
  });

  it('checks a Buy maker against its stablecoin, and refuses nonce-cancelled offers', async () => {
    await take();
    const buy = await fx.offer(investorC, { side: 1, amount: 5n * SHARE, price: 11_000_000n });
    expect(await relay(offerBody(buy, await fx.sign(investorC, buy)))).toMatchObject({ status: 422 });
    await fx.fundStablecoin(investorC, 55_000_000n);
    const result = await relay(offerBody(buy, await fx.sign(investorC, buy)));
    expect(result).toMatchObject({ ok: true, offer: { side: 'buy', status: 'open', remaining: 5n * SHARE } });
    await sendAs(fx.chain, investorC, {
      address: fx.market,
      abi: shareMarketAbi,
      functionName: 'cancelUpTo',
      args: [5n],
    });
    const old = await fx.offer(investorC, { side: 1, amount: 1n * SHARE, price: 11_000_000n, nonce: 4n });
    expect(await relay(offerBody(old, await fx.sign(investorC, old)))).toMatchObject({
      status: 422,
      error: { code: 'nonce_cancelled', reason: 'NonceCancelled' },
    });
  });

  it(`bounds the live offers of one maker at ${MAX_OFFERS_PER_MAKER}`, async () => {
    await take();
    await fx.approveShares(investorB, 40n * SHARE);
    const maker = devAccount(investorB).address;
    const now = new Date();
    await handle.db.insert(marketOffers).values(
      Array.from({ length: MAX_OFFERS_PER_MAKER }, (_, index) => ({
        offerHash: `0x${index.toString(16).padStart(64, '0')}` as Hex,
        chainId: 31_337,
        market: fx.market,
        maker,
        side: 0,
        clusterId: fx.clusterId,
        amount: SHARE,
        price: 1n,
        taker: maker,
        expiry: 1n,
        nonce: 0n,
        signature: '0x',
        status: 'unfillable' as const,
        filled: 0n,
        checkedAt: now,
        checkedBlock: 0n,
        statusAt: now,
        createdAt: now,
      })),
    );
    const offer = await fx.offer(investorB, {});
    expect(await relay(offerBody(offer, await fx.sign(investorB, offer)))).toMatchObject({
      status: 422,
      error: { code: 'maker_offer_limit' },
    });
    expect(await stored()).toHaveLength(MAX_OFFERS_PER_MAKER);
  });

  /** `owner`'s EIP-2612 permit of `value` shares to the market, signed by `signer` (the owner unless testing forgery). */
  async function sharePermit(owner: number, value: bigint, deadline: bigint, signer = owner) {
    const [, name, version, chainId, verifyingContract] = await fx.chain.publicClient.readContract({
      address: fx.token,
      abi: shareTokenAbi,
      functionName: 'eip712Domain',
    });
    const ownerAddress = devAccount(owner).address;
    const nonce = await fx.chain.publicClient.readContract({
      address: fx.token,
      abi: shareTokenAbi,
      functionName: 'nonces',
      args: [ownerAddress],
    });
    const signature = await devAccount(signer).signTypedData(
      permitTypedData(
        { name, version, chainId: Number(chainId), verifyingContract },
        { owner: ownerAddress, spender: fx.market, value, nonce, deadline },
      ),
    );
    const permit = permitArgument(value, deadline, signature);
    return {
      value: permit.value.toString(),
      deadline: permit.deadline.toString(),
      v: permit.v,
      r: permit.r,
      s: permit.s,
    };
  }

  it('counts a valid maker permit as the allowance it grants, and refuses a forged or expired one', async () => {
    await take();
    const offer = await fx.offer(investorB, { amount: 10n * SHARE });
    const signature = await fx.sign(investorB, offer);
    const deadline = (await fx.chainTime()) + 600n;
    const forged = await sharePermit(investorB, 10n * SHARE, deadline, investorA);
    expect(await relay(offerBody(offer, signature, { makerPermit: forged }))).toMatchObject({
      status: 422,
      error: { code: 'invalid_permit', reason: 'ERC2612InvalidSigner' },
    });
    const expired = await sharePermit(investorB, 10n * SHARE, (await fx.chainTime()) - 1n);
    expect(await relay(offerBody(offer, signature, { makerPermit: expired }))).toMatchObject({
      status: 422,
      error: { code: 'invalid_permit', reason: 'ERC2612ExpiredSignature' },
    });
    const short = await sharePermit(investorB, 5n * SHARE, deadline);
    expect(await relay(offerBody(offer, signature, { makerPermit: short }))).toMatchObject({
      error: { code: 'insufficient_allowance' },
    });
    expect(await stored()).toHaveLength(0);
    const permit = await sharePermit(investorB, 10n * SHARE, deadline);
    expect((await relay(offerBody(offer, signature, { makerPermit: permit }))).ok).toBe(true);
    const [row] = await stored();
    expect([row!.permitValue, row!.permitDeadline, row!.permitV, row!.permitR, row!.permitS]).toEqual([
      10n * SHARE,
      deadline,
      permit.v,
      permit.r,
      permit.s,
    ]);
  });

  it("refuses offers the token's own rules would stop: a frozen maker, a pause, an unverified buyer", async () => {
    await take();
    const [operator] = devRoles.operators;
    const token = (functionName: string, args: unknown[]) =>
      sendAs(fx.chain, operator!, { address: fx.token, abi: shareTokenAbi, functionName, args });
    await fx.approveShares(investorA, 50n * SHARE);
    await fx.fundStablecoin(investorC, 100_000_000n);
    const sell = await fx.offer(investorA, {});
    const buy = await fx.offer(investorC, { side: 1, amount: 5n * SHARE, price: 11_000_000n });
    await token('setAllowlistEnabled', [true]);
    expect(await relay(offerBody(buy, await fx.sign(investorC, buy)))).toMatchObject({
      status: 422,
      error: { code: 'maker_not_verified', reason: 'RecipientNotVerified' },
    });
    await token('setFrozen', [devAccount(investorA).address, true]);
    expect(await relay(offerBody(sell, await fx.sign(investorA, sell)))).toMatchObject({
      status: 422,
      error: { code: 'maker_frozen', reason: 'AccountFrozen' },
    });
    await token('pause', []);
    expect(await relay(offerBody(sell, await fx.sign(investorA, sell)))).toMatchObject({
      status: 422,
      error: { code: 'token_paused', reason: 'TokenPaused' },
    });
    expect(await stored()).toHaveLength(0);
  });

  it(`bounds the open offers of one cluster at ${MAX_OFFERS_PER_CLUSTER}`, async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    const now = new Date();
    const rows = Array.from({ length: MAX_OFFERS_PER_CLUSTER }, (_, index) => ({
      offerHash: `0xe${(index + 1).toString(16).padStart(63, '0')}` as Hex,
      chainId: 31_337,
      market: fx.market,
      maker: `0x${(index + 1).toString(16).padStart(40, '0')}` as Hex,
      side: 0,
      clusterId: fx.clusterId,
      amount: SHARE,
      price: 1n,
      taker: fx.market,
      expiry: 1n,
      nonce: 0n,
      signature: '0x',
      status: 'open' as const,
      filled: 0n,
      checkedAt: now,
      checkedBlock: 0n,
      statusAt: now,
      createdAt: now,
    }));
    // In chunks: one INSERT of 2,000 rows would pass more bind parameters than a statement may hold.
    for (let at = 0; at < rows.length; at += 500) await handle.db.insert(marketOffers).values(rows.slice(at, at + 500));
    const offer = await fx.offer(investorA, {});
    expect(await relay(offerBody(offer, await fx.sign(investorA, offer)))).toMatchObject({
      status: 422,
      error: { code: 'cluster_offer_limit' },
    });
    expect(await stored()).toHaveLength(MAX_OFFERS_PER_CLUSTER);
    // Only open offers count: unfillable ones never keep a newcomer out.
    await handle.db.update(marketOffers).set({ status: 'unfillable' });
    expect(await relay(offerBody(offer, await fx.sign(investorA, offer)))).toMatchObject({ ok: true });
  });
});
