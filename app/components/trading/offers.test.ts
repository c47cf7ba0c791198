import { maxUint256, recoverTypedDataAddress, zeroAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import type { OfferView } from '#db/market/types';
import { fillCost, permitArgument, Side } from '#protocol/market';
import { MAX_OFFER_BODY } from './market-action.server';
import {
  cancelAllNonce,
  depthPercents,
  FILLABLE_PER_SIDE,
  fillableShown,
  makerGives,
  makerPermitTypedData,
  offerBody,
  offerOf,
  parsePositive,
  parseShareAmount,
  placementVerdict,
  takerGives,
} from './offers';

const MAKER = '0x1111111111111111111111111111111111111111';
const TAKER = '0x2222222222222222222222222222222222222222';

const view: OfferView = {
  offerHash: `0x${'ab'.repeat(32)}`,
  maker: MAKER,
  side: 'buy',
  clusterId: 7n,
  amount: 5n * 10n ** 18n,
  price: 12_500_000n,
  taker: null,
  expiry: 1_900_000_000,
  nonce: 3n,
  signature: `0x${'cd'.repeat(65)}`,
  filled: 10n ** 18n,
  remaining: 4n * 10n ** 18n,
  status: 'open',
  reason: null,
  createdAt: 1_800_000_000,
};

describe('the offer form inputs', () => {
  it('are parsed to exact base units, refusing what is not a positive number of the token', () => {
    expect(parsePositive('12.5', 6)).toBe(12_500_000n);
    expect(parsePositive(' 0.000001 ', 6)).toBe(1n);
    expect(parsePositive('0.0000001', 6)).toBeUndefined();
    expect(parsePositive('0', 6)).toBeUndefined();
    expect(parsePositive('-1', 6)).toBeUndefined();
    expect(parsePositive('1e3', 6)).toBeUndefined();
    expect(parsePositive('', 6)).toBeUndefined();
    expect(parseShareAmount('1.000000000000000001')).toBe(10n ** 18n + 1n);
    expect(parseShareAmount('1.0000000000000000001')).toBeUndefined();
  });
});

describe('an offer view', () => {
  it('is the struct the maker signed: side by number, a public taker as the zero address, bigint expiry', () => {
    expect(offerOf(view)).toEqual({
      maker: MAKER,
      side: Side.Buy,
      clusterId: 7n,
      amount: 5n * 10n ** 18n,
      price: 12_500_000n,
      taker: zeroAddress,
      expiry: 1_900_000_000n,
      nonce: 3n,
    });
    expect(offerOf({ ...view, side: 'sell', taker: TAKER })).toMatchObject({ side: Side.Sell, taker: TAKER });
  });

  it("is posted to the relay with uint256 fields as decimal strings (the API's wire shape)", () => {
    const body = offerBody(offerOf(view), view.signature);
    expect(body).toEqual({
      offer: {
        maker: MAKER,
        side: Side.Buy,
        clusterId: '7',
        amount: '5000000000000000000',
        price: '12500000',
        taker: zeroAddress,
        expiry: '1900000000',
        nonce: '3',
      },
      signature: view.signature,
    });
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});

describe("a maker's first offer of an asset", () => {
  const signer = privateKeyToAccount(`0x${'01'.repeat(32)}`);
  const market = '0x4444444444444444444444444444444444444444';
  const domain = { name: 'Rackshare H100', version: '1', chainId: 31_337, verifyingContract: TAKER } as const;

  it('carries an unlimited EIP-2612 permit to the market that lives as long as the offer, signed by the maker', async () => {
    const offer = { ...offerOf(view), maker: signer.address };
    const typedData = makerPermitTypedData(domain, signer.address, market, 4n, offer);
    expect(typedData.message).toEqual({
      owner: signer.address,
      spender: market,
      value: maxUint256,
      nonce: 4n,
      deadline: offer.expiry,
    });
    const signature = await signer.signTypedData(typedData);
    expect(await recoverTypedDataAddress({ ...typedData, signature })).toBe(signer.address);
  });

  it("posts the permit beside the offer with uint256 fields as decimal strings, within the page action's limit", async () => {
    const offer = { ...offerOf(view), maker: signer.address };
    const typedData = makerPermitTypedData(domain, signer.address, market, 4n, offer);
    const permit = permitArgument(maxUint256, offer.expiry, await signer.signTypedData(typedData));
    const body = offerBody(offer, view.signature, permit);
    expect(body.makerPermit).toEqual({
      value: maxUint256.toString(),
      deadline: '1900000000',
      v: permit.v,
      r: permit.r,
      s: permit.s,
    });
    expect(body.offer).toEqual(offerBody(offer, view.signature).offer);
    expect(offerBody(offer, view.signature)).not.toHaveProperty('makerPermit');
    // The largest body the form can post: every uint256 at its maximum, a permit included.
    const largest = offerBody(
      { ...offer, clusterId: maxUint256, amount: maxUint256, price: maxUint256, nonce: maxUint256, expiry: maxUint256 },
      view.signature,
      { ...permit, deadline: maxUint256 },
    );
    expect(JSON.stringify(largest).length).toBeLessThan(MAX_OFFER_BODY);
  });
});

describe('what each party of a fill gives', () => {
  const assets = { token: '0x3333333333333333333333333333333333333333', stablecoin: zeroAddress } as const;
  const amount = 10n ** 18n / 3n;

  it("is the Sell maker's shares against the taker's stablecoin cost, and the reverse for a Buy offer", () => {
    const sell = offerOf({ ...view, side: 'sell' });
    const buy = offerOf(view);
    expect(makerGives(sell, amount, assets)).toEqual({ asset: assets.token, need: amount });
    expect(takerGives(sell, amount, assets)).toEqual({ asset: assets.stablecoin, need: fillCost(sell, amount) });
    expect(makerGives(buy, amount, assets)).toEqual({ asset: assets.stablecoin, need: fillCost(buy, amount) });
    expect(takerGives(buy, amount, assets)).toEqual({ asset: assets.token, need: amount });
    // The market's rounding: the Sell taker pays the rounded-up cost, the Buy maker the rounded-down one.
    expect(fillCost(sell, amount)).toBe(fillCost(buy, amount) + 1n);
  });
});

describe("the token's verdict on placing an offer", () => {
  const fine = {
    paused: false,
    frozen: false,
    allowlistEnabled: true,
    verified: true,
    shareBalance: 10n,
    stablecoinBalance: 100n,
  };
  const need = { shares: 10n, cost: 100n };

  it('is null when the token and the balance allow the offer', () => {
    expect(placementVerdict(Side.Sell, fine, need)).toBeNull();
    expect(placementVerdict(Side.Buy, fine, need)).toBeNull();
    // A seller need not be verified: the allowlist checks whoever receives the shares.
    expect(placementVerdict(Side.Sell, { ...fine, verified: false }, need)).toBeNull();
    expect(placementVerdict(Side.Buy, { ...fine, allowlistEnabled: false, verified: false }, need)).toBeNull();
  });

  it("refuses an unverified buyer while the allowlist is on, by the token's own error name", () => {
    expect(placementVerdict(Side.Buy, { ...fine, verified: false }, need)).toBe('RecipientNotVerified');
  });

  it('refuses on a paused token or a frozen account, then on a balance short of what the offer gives', () => {
    expect(placementVerdict(Side.Sell, { ...fine, paused: true }, need)).toBe('TokenPaused');
    expect(placementVerdict(Side.Buy, { ...fine, frozen: true }, need)).toBe('AccountFrozen');
    expect(placementVerdict(Side.Sell, { ...fine, shareBalance: 9n }, need)).toBe('balance');
    expect(placementVerdict(Side.Buy, { ...fine, stablecoinBalance: 99n }, need)).toBe('balance');
    // Each side is checked against the asset it gives only.
    expect(placementVerdict(Side.Sell, { ...fine, stablecoinBalance: 0n }, need)).toBeNull();
    expect(placementVerdict(Side.Buy, { ...fine, shareBalance: 0n }, need)).toBeNull();
  });
});

describe("the book's depth bars", () => {
  const level = (amount: bigint) => ({ price: 1n, amount, offers: 1, impliedYieldBps: null });

  it('are each level as a whole percent of the deepest level on either side', () => {
    expect(depthPercents([level(50n), level(200n)], [level(100n), level(1n)])).toEqual({
      bids: [25, 100],
      asks: [50, 0],
    });
    expect(depthPercents([], [])).toEqual({ bids: [], asks: [] });
  });
});

describe('the offers listed to fill', () => {
  it("are the best of each side, in the book's order, even when one side alone could fill the list", () => {
    const of = (side: OfferView['side'], index: number) =>
      ({ ...view, side, offerHash: `0x${index.toString(16).padStart(64, '0')}` }) as OfferView;
    const asks = Array.from({ length: 3 * FILLABLE_PER_SIDE }, (_, index) => of('sell', index));
    const bids = Array.from({ length: 2 }, (_, index) => of('buy', 1_000 + index));
    expect(fillableShown([...asks, ...bids])).toEqual([...asks.slice(0, FILLABLE_PER_SIDE), ...bids]);
    expect(fillableShown([])).toEqual([]);
  });
});

describe("the portfolio's Cancel all", () => {
  it("raises minNonce past every listed offer, the form's (consecutive nonces) and an API client's (any nonce)", () => {
    expect(cancelAllNonce(4n, [{ nonce: 4n }, { nonce: 4n }])).toBe(5n);
    expect(cancelAllNonce(4n, [{ nonce: 4n }, { nonce: 9n }])).toBe(10n);
    expect(cancelAllNonce(4n, [])).toBe(5n);
  });
});
