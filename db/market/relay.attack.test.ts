/**
 * Attack tests for the offer relay and its fillability verdicts (reviewer m-attack). Each `it` states the attack; a
 * failing test is an open finding, a passing one an attack repelled.
 */
import { encodeFunctionData, getAddress, type Hex, parseSignature, zeroAddress } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import { noPermit, permitArgument, permitTypedData } from '#protocol/market';
import { devAccount } from '../../devnet/accounts';
import { sendAs } from '../../devnet/actions';
import { testPort } from '../../devnet/ports';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { marketOffers } from '../schema';
import { readOrderBook } from './book';
import { MAX_OFFERS_PER_CLUSTER, MAX_OFFERS_PER_MAKER } from './bounds';
import { assessOffers, readHead } from './fillability';
import {
  investorA,
  investorB,
  type MarketFixture,
  offerBody,
  SHARE,
  seedPrimarySale,
  startMarketChain,
} from './market.test-kit';
import { candidateOfRow, serializeOfferView } from './offers';
import { relayOffer } from './relay';

const [pglite] = testDatabases;

describe('offer relay under attack', () => {
  let fx: MarketFixture;
  let handle: DatabaseHandle;
  let snapshot: Hex | undefined;
  beforeAll(async () => {
    fx = await startMarketChain(testPort(4933));
    handle = await pglite!.open();
    await seedPrimarySale(handle.db, fx);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await fx?.chain.stop();
  });
  afterEach(async () => {
    await handle.db.delete(marketOffers);
    if (snapshot) await fx.chain.revert(snapshot);
    snapshot = undefined;
  });
  const take = async () => {
    snapshot = await fx.chain.snapshot();
  };
  const relay = (body: unknown) => relayOffer({ db: handle.db, chain: fx.marketChain }, body);

  it(`refuses dust-sized offers priced absurdly high: ${MAX_OFFERS_PER_CLUSTER / MAX_OFFERS_PER_MAKER} makers with 1 share base unit per offer would fill a cluster's bound for a year`, async () => {
    await take();
    // 50 share base units (5e-17 of a share) cover all 50 of the maker's slots; the notional check passes because the
    // price, not the amount, makes the offer "worth" one whole stablecoin unit.
    await fx.approveShares(investorA, BigInt(MAX_OFFERS_PER_MAKER));
    const offer = await fx.offer(investorA, {
      amount: 1n,
      price: 10n ** 6n * SHARE, // 1,000,000,000,000 USDC per share: never filled, never cancelled by the book
      expiry: (await fx.chainTime()) + 364n * 86_400n,
    });
    const result = await relay(offerBody(offer, await fx.sign(investorA, offer)));
    expect(result.ok).toBe(false);
  });

  it('keeps counting a relayed maker permit as allowance after the maker burnt its nonce: the offer shows open, fillWithPermits reverts', async () => {
    await take();
    const maker = devAccount(investorB).address;
    const [, name, version, chainId, verifyingContract] = await fx.chain.publicClient.readContract({
      address: fx.token,
      abi: shareTokenAbi,
      functionName: 'eip712Domain',
    });
    const domain = { name, version, chainId: Number(chainId), verifyingContract };
    const deadline = (await fx.chainTime()) + 3_600n;
    const signPermit = async (value: bigint, nonce: bigint) =>
      permitArgument(
        value,
        deadline,
        await devAccount(investorB).signTypedData(
          permitTypedData(domain, { owner: maker, spender: fx.market, value, nonce, deadline }),
        ),
      );
    // B has no allowance; the offer is relayed with a permit of 10 shares (nonce 0): fillable, "open".
    const offer = await fx.offer(investorB, { amount: 10n * SHARE });
    const signature = await fx.sign(investorB, offer);
    const permit = await signPermit(10n * SHARE, 0n);
    const relayed = await relay(
      offerBody(offer, signature, {
        makerPermit: { ...permit, value: permit.value.toString(), deadline: permit.deadline.toString() },
      }),
    );
    expect(relayed.ok).toBe(true);
    // The maker burns nonce 0 with a permit of 0 to the market: the relayed permit can never be applied.
    const burn = await signPermit(0n, 0n);
    await sendAs(fx.chain, investorB, {
      address: fx.token,
      abi: shareTokenAbi,
      functionName: 'permit',
      args: [maker, fx.market, 0n, deadline, burn.v, burn.r, burn.s],
    });
    // Any taker's fill now reverts (ERC2612InvalidSigner), on chain.
    await fx.fundStablecoin(investorA, 200_000_000n);
    await expect(
      sendAs(fx.chain, investorA, {
        address: fx.market,
        abi: shareMarketAbi,
        functionName: 'fillWithPermits',
        args: [offer, signature, 10n * SHARE, permit, noPermit],
      }),
    ).rejects.toThrow();
    // The upkeep's verdict (same function) must not call it open.
    const [row] = await handle.db.select().from(marketOffers);
    const head = await readHead(fx.marketChain);
    const verdict = (await assessOffers(fx.marketChain, [candidateOfRow(row!)], head)).get(row!.offerHash)!;
    expect(verdict.status).toBe('unfillable');
  });

  it('refuses an offer whose named taker is its own maker (the market refuses every fill as SelfTrade)', async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    const offer = await fx.offer(investorA, { taker: devAccount(investorA).address });
    const result = await relay(offerBody(offer, await fx.sign(investorA, offer)));
    expect(result.ok).toBe(false);
  });

  it('accepts the ECDSA signature of an EIP-7702-delegated EOA, as the market does (ECDSA is tried before EIP-1271)', async () => {
    await take();
    await fx.approveShares(investorA, 50n * SHARE);
    const maker = devAccount(investorA).address;
    // A 7702 delegation designator to a contract without isValidSignature (the market itself).
    await fx.chain.publicClient.request({
      method: 'anvil_setCode' as never,
      params: [maker, `0xef0100${fx.market.slice(2)}`] as never,
    });
    const offer = await fx.offer(investorA, {});
    const signature = await fx.sign(investorA, offer);
    expect(parseSignature(signature).r).not.toBe(zeroAddress);
    const result = await relay(offerBody(offer, signature));
    expect(result).toMatchObject({ ok: true });
  });
  it("re-checks an EIP-1271 maker's signature: a wallet that stops answering after the relay must not keep a fake best ask in the book", async () => {
    await take();
    // A contract maker whose isValidSignature answers "valid" for anything while its slot 0 is 0 (it could as well
    // answer by tx.origin, the block or a flag it flips after the relay).
    const wallet = '0x00000000000000000000000000000000000c0de1' as const;
    const runtime = '0x60005415601157600060005260206000f35b631626ba7e60e01b60005260206000f3' as Hex;
    const rpc = (method: string, params: unknown[]) =>
      fx.chain.publicClient.request({ method: method as never, params: params as never });
    await rpc('anvil_setCode', [wallet, runtime]);
    await rpc('anvil_setBalance', [wallet, '0xde0b6b3a7640000']);
    await fx.chain.transferShares(investorA, fx.token, wallet, 10n * SHARE);
    await rpc('anvil_impersonateAccount', [wallet]);
    await rpc('eth_sendTransaction', [
      {
        from: wallet,
        to: fx.token,
        data: encodeFunctionData({ abi: shareTokenAbi, functionName: 'approve', args: [fx.market, 10n * SHARE] }),
      },
    ]);
    await rpc('anvil_stopImpersonatingAccount', [wallet]);
    const offer = { ...(await fx.offer(investorA, { amount: 10n * SHARE })), maker: getAddress(wallet) };
    const signature = `0x${'11'.repeat(64)}1b` as Hex; // any bytes: the wallet does not look
    const relayed = await relay(offerBody(offer, signature));
    expect(relayed, JSON.stringify((relayed as { error?: unknown }).error)).toMatchObject({
      ok: true,
      offer: { status: 'open' },
    });
    // The maker flips its switch: every fill now reverts InvalidSignature.
    await rpc('anvil_setStorageAt', [wallet, '0x0', `0x${'0'.repeat(63)}1`]);
    await fx.fundStablecoin(investorB, 200_000_000n);
    await expect(fx.fill(investorB, offer, signature, SHARE)).rejects.toThrow();
    const [row] = await handle.db.select().from(marketOffers);
    const head = await readHead(fx.marketChain);
    const verdict = (await assessOffers(fx.marketChain, [candidateOfRow(row!)], head)).get(row!.offerHash)!;
    // Fails: the verdict is `open` (the upkeep never re-asks isValidSignature), so the book keeps this ask.
    expect(verdict.status).toBe('unfillable');
  });
  it('serves what a taker needs to fill an open offer that is fillable only through its relayed maker permit', async () => {
    await take();
    const maker = devAccount(investorB).address;
    const [, name, version, chainId, verifyingContract] = await fx.chain.publicClient.readContract({
      address: fx.token,
      abi: shareTokenAbi,
      functionName: 'eip712Domain',
    });
    const deadline = (await fx.chainTime()) + 3_600n;
    const permit = permitArgument(
      10n * SHARE,
      deadline,
      await devAccount(investorB).signTypedData(
        permitTypedData(
          { name, version, chainId: Number(chainId), verifyingContract },
          { owner: maker, spender: fx.market, value: 10n * SHARE, nonce: 0n, deadline },
        ),
      ),
    );
    // B never approved the market: the offer is fillable only with B's permit, and the relay calls it open.
    const offer = await fx.offer(investorB, { amount: 10n * SHARE });
    const relayed = await relay(
      offerBody(offer, await fx.sign(investorB, offer), {
        makerPermit: { ...permit, value: permit.value.toString(), deadline: permit.deadline.toString() },
      }),
    );
    expect(relayed).toMatchObject({ ok: true, offer: { status: 'open' } });
    // A taker reads the book (as GET /api/v1/clusters/:id/book serializes it) and fills with what it serves.
    const book = await readOrderBook(handle.db, {
      chainId: 31_337,
      clusterId: fx.clusterId,
      now: Number(await fx.chainTime()),
      trailingRevenuePerShare: null,
    });
    const served = serializeOfferView(book.offers[0]!) as Record<string, unknown>;
    expect(served.offerHash).toBe(relayed.ok ? relayed.offer.offerHash : null);
    const makerPermit = (served.makerPermit as typeof permit | undefined) ?? noPermit;
    await fx.fundStablecoin(investorA, 200_000_000n);
    // Fails: the view has no permit (the UI's FillPanel always passes noPermit), so the fill reverts on B's allowance.
    const outcome = await sendAs(fx.chain, investorA, {
      address: fx.market,
      abi: shareMarketAbi,
      functionName: 'fillWithPermits',
      args: [offer, served.signature as Hex, 10n * SHARE, makerPermit, noPermit],
    }).then(
      () => 'filled',
      (error: Error) => error.message.split('\n').find((line) => line.includes('custom error')) ?? error.message,
    );
    // 0xfb8f41b2 is ERC20InsufficientAllowance(market, 0, 10e18).
    expect(outcome).toBe('filled');
  });
  it("allots the maker's balance once under concurrent relays (two offers that each need all of it)", async () => {
    await take();
    // B holds 40 shares and approves them all; each offer needs all 40.
    await fx.approveShares(investorB, 40n * SHARE);
    const first = await fx.offer(investorB, { amount: 40n * SHARE, nonce: 1n });
    const second = await fx.offer(investorB, { amount: 40n * SHARE, nonce: 2n });
    const results = await Promise.all([
      relay(offerBody(first, await fx.sign(investorB, first))),
      relay(offerBody(second, await fx.sign(investorB, second))),
    ]);
    const open = (await handle.db.select().from(marketOffers)).filter((row) => row.status === 'open');
    // Fails: the allotment reads the maker's open offers outside the table lock, so both are stored open.
    expect({ relayed: results.filter((result) => result.ok).length, open: open.length }).toEqual({
      relayed: 1,
      open: 1,
    });
  });
});
