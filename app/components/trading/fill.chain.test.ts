/**
 * The cluster page's fill, sent on a real chain exactly as FillPanel sends it: the offer rebuilt from the relay's view
 * (`offerOf`) is the one the maker signed (the market accepts its signature), and the figures the panel shows before
 * signing — the buyer's cost, the fee, the seller's proceeds — are the ones the market then charges and pays. And the
 * offer form's verdict (`placementVerdict` from the token's reads) is the token's own rule: a buyer it calls
 * unverified is one the token refuses shares to.
 */
import { type Address, erc20Abi, maxUint256, parseEventLogs, zeroAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offeringConstants, shareMarketAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import type { OfferView } from '#db/market/types';
import { errorNameOfSelector } from '#protocol/errors';
import { fillCost, fillFee, fillParties, noPermit, permitArgument, permitTypedData, Side } from '#protocol/market';
import { devAccount, devRoles } from '../../../devnet/accounts';
import { startTestChain, type TestChain } from '../../../devnet/chain';
import { marketActions, type SignedOffer } from '../../../devnet/market';
import { testPort } from '../../../devnet/ports';
import {
  cancelAllNonce,
  cancelOfferCall,
  type MakerPermit,
  makerPermitTypedData,
  offerBody,
  offerOf,
  placementVerdict,
  takerGives,
} from './offers';

const SHARE = offeringConstants.SHARE_UNIT;
const USD = 1_000_000n;
const OPERATOR = devRoles.operators[0]!;
const [HOLDER, BUYER] = devRoles.investors as unknown as [number, number];
/** A dev account no test here has used: unverified on every token. */
const NEWCOMER = devRoles.testWallets[25];
/** A dev account that has never sent a transaction: a maker who never approved the market. */
const FIRST_LISTER = devRoles.testWallets[24]!;
const FEE_BPS = 30;

let chain: TestChain;
let market: ReturnType<typeof marketActions>;
let clusterId: bigint;
let token: Address;

beforeAll(async () => {
  chain = await startTestChain(testPort(4625));
  market = marketActions(chain);
  clusterId = await chain.registerCluster(OPERATOR, { gpuModel: 'H100', gpuCount: 8, location: 'KR-SEL-01' });
  await chain.attest(clusterId);
  const sale = await chain.tokenize(OPERATOR, clusterId, 100n);
  token = sale.token;
  await chain.buy(HOLDER, sale.offering, 60n);
  await chain.finalize(OPERATOR, sale.offering);
  await chain.withdrawShares(HOLDER, sale.offering);
  await chain.mintStablecoin(devAccount(BUYER).address, 10_000n * USD);
  await market.setFee(devRoles.deployer, FEE_BPS, devAccount(devRoles.deployer).address);
}, 180_000);
afterAll(async () => {
  await chain?.stop();
});

/** The relay's view of a signed offer (db/market/offers.ts's shape) after the page posted `offerBody`. */
function relayed(signed: SignedOffer, filled = 0n, permit?: MakerPermit): OfferView {
  const { offer, makerPermit } = offerBody(signed.offer, signed.signature, permit);
  return {
    offerHash: signed.offerHash,
    maker: signed.offer.maker,
    side: offer.side === 0 ? 'sell' : 'buy',
    clusterId: BigInt(offer.clusterId),
    amount: BigInt(offer.amount),
    price: BigInt(offer.price),
    taker: offer.taker === zeroAddress ? null : offer.taker,
    expiry: Number(offer.expiry),
    nonce: BigInt(offer.nonce),
    signature: signed.signature,
    filled,
    remaining: BigInt(offer.amount) - filled,
    status: 'open',
    reason: null,
    createdAt: 0,
    makerPermit: makerPermit
      ? { ...makerPermit, value: BigInt(makerPermit.value), deadline: BigInt(makerPermit.deadline) }
      : null,
  };
}

const balance = (asset: Address, account: Address) =>
  chain.publicClient.readContract({ address: asset, abi: erc20Abi, functionName: 'balanceOf', args: [account] });

/** Dev account `owner`'s EIP-2612 permit for the market, as permit.ts's signPermit builds it in the browser. */
async function permitOf(owner: number, asset: Address, value: bigint) {
  const address = devAccount(owner).address;
  const [[, name, version, chainId, verifyingContract], nonce, head] = await Promise.all([
    chain.publicClient.readContract({ address: asset, abi: testStablecoinAbi, functionName: 'eip712Domain' }),
    chain.publicClient.readContract({
      address: asset,
      abi: testStablecoinAbi,
      functionName: 'nonces',
      args: [address],
    }),
    chain.publicClient.getBlock(),
  ]);
  const deadline = head.timestamp + 3_600n;
  const signature = await devAccount(owner).signTypedData(
    permitTypedData(
      { name, version, chainId: Number(chainId), verifyingContract },
      { owner: address, spender: chain.deployment.contracts.market, value, nonce, deadline },
    ),
  );
  return permitArgument(value, deadline, signature);
}

/**
 * The offer form's permit for a maker short of allowance (OfferForm's signMakerPermit): unlimited, to the market, until
 * the offer's expiry, on the asset's own domain and current nonce.
 */
async function makerPermitOf(maker: number, asset: Address, expiry: bigint) {
  const address = devAccount(maker).address;
  const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
    chain.publicClient.readContract({ address: asset, abi: testStablecoinAbi, functionName: 'eip712Domain' }),
    chain.publicClient.readContract({
      address: asset,
      abi: testStablecoinAbi,
      functionName: 'nonces',
      args: [address],
    }),
  ]);
  const typedData = makerPermitTypedData(
    { name, version, chainId: Number(chainId), verifyingContract },
    address,
    chain.deployment.contracts.market,
    nonce,
    { expiry },
  );
  return permitArgument(typedData.message.value, expiry, await devAccount(maker).signTypedData(typedData));
}

/** FillPanel's transaction: `fillWithPermits(offerOf(view), signature, amount, makerPermit ?? noPermit, takerPermit)`. */
async function fillAsPanel(taker: number, view: OfferView, amount: bigint) {
  const offer = offerOf(view);
  const cost = fillCost(offer, amount);
  const [feeBps] = await chain.publicClient.readContract({
    address: chain.deployment.contracts.market,
    abi: shareMarketAbi,
    functionName: 'fee',
  });
  const shown = { cost, fee: fillFee(cost, feeBps) };
  const taking = takerGives(offer, amount, { token, stablecoin: chain.deployment.contracts.stablecoin });
  const receipt = await chain.send(taker, {
    address: chain.deployment.contracts.market,
    abi: shareMarketAbi,
    functionName: 'fillWithPermits',
    args: [
      offer,
      view.signature,
      amount,
      view.makerPermit ?? noPermit,
      await permitOf(taker, taking.asset, taking.need),
    ],
  });
  const [event] = parseEventLogs({ abi: shareMarketAbi, eventName: 'OfferFilled', logs: receipt.logs });
  return { shown, event: event!.args };
}

describe('a fill from the cluster page', () => {
  it('buys from a relayed Sell offer at the cost the panel shows; the seller gets cost − fee', async () => {
    await market.approveShares(HOLDER, clusterId, 10n * SHARE);
    const signed = await market.signOffer(HOLDER, {
      side: Side.Sell,
      clusterId,
      amount: 10n * SHARE,
      price: 12_345_679n,
    });
    const view = relayed(signed);
    expect(offerOf(view)).toEqual(signed.offer);
    const seller = devAccount(HOLDER).address;
    const before = await balance(chain.deployment.contracts.stablecoin, seller);
    const amount = 3n * SHARE + 1n;
    const { shown, event } = await fillAsPanel(BUYER, view, amount);
    expect(event.offerHash).toBe(view.offerHash);
    expect(event.amount).toBe(amount);
    expect(event.cost).toBe(shown.cost);
    expect(event.fee).toBe(shown.fee);
    expect(shown.fee).toBeGreaterThan(0n);
    expect((await balance(chain.deployment.contracts.stablecoin, seller)) - before).toBe(shown.cost - shown.fee);
    expect(await balance(token, devAccount(BUYER).address)).toBe(amount);
  });

  it('sells into a relayed Buy offer: the proceeds the panel shows (cost − fee) reach the taker', async () => {
    // The maker approved the market before signing, as the offer form does; the taker's permit covers the fill.
    await market.approveStablecoin(BUYER, 1_000n * USD);
    const signed = await market.signOffer(BUYER, { side: Side.Buy, clusterId, amount: 5n * SHARE, price: 11_000_001n });
    const view = relayed(signed);
    const taker = devAccount(HOLDER).address;
    expect(fillParties(offerOf(view), taker)).toEqual({ seller: taker, buyer: signed.offer.maker });
    const before = await balance(chain.deployment.contracts.stablecoin, taker);
    const { shown, event } = await fillAsPanel(HOLDER, view, 2n * SHARE);
    expect(event.cost).toBe(shown.cost);
    expect(event.fee).toBe(shown.fee);
    expect((await balance(chain.deployment.contracts.stablecoin, taker)) - before).toBe(shown.cost - shown.fee);
  });
});

describe("a maker's first listing (a permit signed with the offer, no approval ever sent)", () => {
  it("fills through the relayed maker permit, which leaves the market an unlimited allowance for the maker's next offers", async () => {
    const maker = devAccount(FIRST_LISTER).address;
    const allowance = () =>
      chain.publicClient.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [maker, chain.deployment.contracts.market],
      });
    await chain.send(HOLDER, { address: token, abi: erc20Abi, functionName: 'transfer', args: [maker, 10n * SHARE] });
    expect(await chain.publicClient.getTransactionCount({ address: maker })).toBe(0);
    expect(await allowance()).toBe(0n);
    const first = await market.signOffer(FIRST_LISTER, { side: Side.Sell, clusterId, amount: 6n * SHARE, price: USD });
    const view = relayed(first, 0n, await makerPermitOf(FIRST_LISTER, token, first.offer.expiry));
    const buyer = devAccount(BUYER).address;
    const sharesBefore = await balance(token, buyer);
    const { event } = await fillAsPanel(BUYER, view, 2n * SHARE);
    expect(event).toMatchObject({ offerHash: view.offerHash, maker, taker: buyer, amount: 2n * SHARE });
    expect((await balance(token, buyer)) - sharesBefore).toBe(2n * SHARE);
    expect(await balance(token, maker)).toBe(8n * SHARE);
    expect(await allowance()).toBe(maxUint256);
    // A second offer, signed while the first was open, needs no permit of its own: the applied one covers it.
    const second = await market.signOffer(FIRST_LISTER, {
      side: Side.Sell,
      clusterId,
      amount: 3n * SHARE,
      price: USD,
      expiry: first.offer.expiry + 1n,
    });
    const { event: next } = await fillAsPanel(BUYER, relayed(second), 3n * SHARE);
    expect(next).toMatchObject({ offerHash: second.offerHash, maker, amount: 3n * SHARE });
    expect(await balance(token, maker)).toBe(5n * SHARE);
    expect(await chain.publicClient.getTransactionCount({ address: maker })).toBe(0);
  });
});

describe("an offer's Cancel (the book's and the portfolio's)", () => {
  it('is the cancel([offer]) of the struct the maker signed: nothing remains of it on chain', async () => {
    const signed = await market.signOffer(HOLDER, { side: Side.Sell, clusterId, amount: SHARE, price: 30n * USD });
    const view = relayed(signed);
    const remaining = () =>
      chain.publicClient.readContract({
        address: chain.deployment.contracts.market,
        abi: shareMarketAbi,
        functionName: 'remaining',
        args: [signed.offer],
      });
    expect(await remaining()).toBe(SHARE);
    const { account, ...call } = cancelOfferCall(chain.deployment.contracts.market, signed.offer.maker, view);
    expect(account).toBe(devAccount(HOLDER).address);
    const receipt = await chain.send(HOLDER, call);
    const [event] = parseEventLogs({ abi: shareMarketAbi, eventName: 'OfferCancelled', logs: receipt.logs });
    expect(event?.args).toEqual({ offerHash: view.offerHash, maker: signed.offer.maker });
    expect(await remaining()).toBe(0n);
  });
});

describe("the portfolio's Cancel all", () => {
  it('ends every offer the form signed (consecutive nonces, one each) in one cancelUpTo(cancelAllNonce)', async () => {
    const minNonce = () =>
      chain.publicClient.readContract({
        address: chain.deployment.contracts.market,
        abi: shareMarketAbi,
        functionName: 'minNonce',
        args: [devAccount(HOLDER).address],
      });
    const remaining = (signed: SignedOffer) =>
      chain.publicClient.readContract({
        address: chain.deployment.contracts.market,
        abi: shareMarketAbi,
        functionName: 'remaining',
        args: [signed.offer],
      });
    const offers = [
      await market.signOffer(HOLDER, { side: Side.Sell, clusterId, amount: SHARE, price: 20n * USD }),
      await market.signOffer(HOLDER, { side: Side.Buy, clusterId, amount: SHARE, price: 5n * USD }),
    ];
    expect(offers[1]!.offer.nonce).toBe(offers[0]!.offer.nonce + 1n);
    expect(await Promise.all(offers.map(remaining))).toEqual([SHARE, SHARE]);
    const upTo = cancelAllNonce(
      await minNonce(),
      offers.map(({ offer }) => offer),
    );
    expect(upTo).toBe(offers[1]!.offer.nonce + 1n);
    await chain.send(HOLDER, {
      address: chain.deployment.contracts.market,
      abi: shareMarketAbi,
      functionName: 'cancelUpTo',
      args: [upTo],
    });
    expect(await Promise.all(offers.map(remaining))).toEqual([0n, 0n]);
  });
});

describe("the offer form's verdict", () => {
  it('refuses an unverified buyer exactly when the token would refuse it the shares', async () => {
    const newcomer = devAccount(NEWCOMER).address;
    const holder = devAccount(HOLDER).address;
    const read = async () => {
      const [paused, frozen, allowlistEnabled, verified] = await Promise.all([
        chain.publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'paused' }),
        chain.publicClient.readContract({
          address: token,
          abi: shareTokenAbi,
          functionName: 'isFrozen',
          args: [newcomer],
        }),
        chain.publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'allowlistEnabled' }),
        chain.publicClient.readContract({
          address: token,
          abi: shareTokenAbi,
          functionName: 'isVerified',
          args: [newcomer],
        }),
      ]);
      const verdict = placementVerdict(
        1,
        { paused, frozen, allowlistEnabled, verified, shareBalance: 0n, stablecoinBalance: 10n ** 30n },
        { shares: SHARE, cost: 1n },
      );
      const [ok, reason] = await chain.publicClient.readContract({
        address: token,
        abi: shareTokenAbi,
        functionName: 'canTransfer',
        args: [holder, newcomer, SHARE],
      });
      return { verdict, token: ok ? null : errorNameOfSelector(reason) };
    };
    expect(await read()).toEqual({ verdict: null, token: null });
    await chain.send(OPERATOR, {
      address: token,
      abi: shareTokenAbi,
      functionName: 'setAllowlistEnabled',
      args: [true],
    });
    expect(await read()).toEqual({ verdict: 'RecipientNotVerified', token: 'RecipientNotVerified' });
  });
});
