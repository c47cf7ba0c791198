/**
 * protocol/market.ts: the pure rules on paper, then the same rules against a deployed ShareMarket on anvil (the
 * contract's own hashOffer, eip712Domain, OfferFilled figures, filled() and its DustRemainder refusal).
 */
import { type Address, type BaseError, ContractFunctionRevertedError, zeroAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareMarketAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import { devAccount, devRoles } from '../devnet/accounts';
import { startTestChain, type TestChain } from '../devnet/chain';
import { marketActions } from '../devnet/market';
import { testPort } from '../devnet/ports';
import {
  asSide,
  fillCost,
  fillFee,
  fillParties,
  fillTaken,
  firstClearBit,
  firstFreeNonce,
  hashOffer,
  isCanonicalSignature,
  leavesDustRemainder,
  MAX_FEE_BPS,
  marketDomain,
  marketTypes,
  NONCES_PER_WORD,
  noncePosition,
  OFFER_TYPE_STRING,
  type Offer,
  offerOfView,
  recoverOfferSigner,
  Side,
  sideName,
} from './market';

const SHARE = 10n ** 18n;
const USD = 10n ** 6n;
const alice = '0x00000000000000000000000000000000000a11ce' as Address;
const offer = (side: Side, amount: bigint, price: bigint): Offer => ({
  maker: alice,
  side,
  clusterId: 1n,
  amount,
  price,
  taker: zeroAddress,
  expiry: 2_000_000_000n,
  nonce: 0n,
});

describe('market rules on paper', () => {
  it('takes the type string from the contract', () => {
    expect(OFFER_TYPE_STRING).toBe(
      'Offer(address maker,uint8 side,uint256 clusterId,uint256 amount,uint256 price,address taker,uint256 expiry,uint256 nonce)',
    );
    expect(Side).toEqual({ Sell: 0, Buy: 1 });
    expect(MAX_FEE_BPS).toBe(100);
  });

  it('rounds a Sell fill up and a Buy fill down (the maker is favoured)', () => {
    // 1e11 + 1 share-wei at 60 tUSD per share: 6.00000000006 base units.
    expect(fillCost(offer(Side.Sell, 10n * SHARE, 60n * USD), 100_000_000_001n)).toBe(7n);
    expect(fillCost(offer(Side.Buy, 10n * SHARE, 60n * USD), 100_000_000_001n)).toBe(6n);
    expect(fillCost(offer(Side.Sell, 10n * SHARE, 60n * USD), 10n * SHARE)).toBe(600n * USD);
    expect(fillCost(offer(Side.Sell, 10n * SHARE, 0n), SHARE)).toBe(0n);
    expect(fillCost(offer(Side.Buy, 10n * SHARE, 60n * USD), 10_000_000_000n)).toBe(0n);
  });

  it('rounds the fee down', () => {
    expect(fillFee(600n * USD, 100)).toBe(6n * USD);
    expect(fillFee(61n, 100)).toBe(0n);
    expect(fillFee(199n, 50n)).toBe(0n);
    expect(fillFee(200n, 50n)).toBe(1n);
  });

  it('flags a Buy fill that leaves an unfillable remainder, never a Sell fill', () => {
    const buy = offer(Side.Buy, 10n * SHARE, 60n * USD);
    expect(leavesDustRemainder(buy, 0n, 10n * SHARE - 10_000_000_000n)).toBe(true);
    expect(leavesDustRemainder(buy, 0n, 10n * SHARE - 100_000_000_000n)).toBe(false);
    expect(leavesDustRemainder(buy, 0n, 10n * SHARE)).toBe(false);
    expect(leavesDustRemainder(offer(Side.Sell, 10n * SHARE, 60n * USD), 0n, 10n * SHARE - 1n)).toBe(false);
  });

  it('takes min(asked, left): a fill asking for more than is left takes the rest, nothing when none is left', () => {
    const sell = offer(Side.Sell, 10n * SHARE, 60n * USD);
    expect(fillTaken(sell, 0n, 4n * SHARE)).toBe(4n * SHARE);
    expect(fillTaken(sell, 1n, 10n * SHARE)).toBe(10n * SHARE - 1n);
    expect(fillTaken(sell, 10n * SHARE, 1n)).toBe(0n);
    expect(leavesDustRemainder(offer(Side.Buy, 10n * SHARE, 60n * USD), 1n, 10n * SHARE)).toBe(false);
  });

  it('names the seller and the buyer of each side', () => {
    const bob = '0x0000000000000000000000000000000000000b0b' as Address;
    expect(fillParties(offer(Side.Sell, 1n, 1n), bob)).toEqual({ seller: alice, buyer: bob });
    expect(fillParties(offer(Side.Buy, 1n, 1n), bob)).toEqual({ seller: bob, buyer: alice });
  });

  it('accepts only 65-byte low-s signatures, like OZ ECDSA', async () => {
    const account = devAccount(3);
    const domain = marketDomain(31_337, '0x0000000000000000000000000000000000000001');
    const signed = { ...offer(Side.Sell, SHARE, USD), maker: account.address };
    const good = await account.signTypedData({
      domain,
      types: marketTypes,
      primaryType: 'Offer',
      message: signed,
    });
    expect(isCanonicalSignature(good)).toBe(true);
    expect(await recoverOfferSigner(domain, signed, good)).toBe(account.address);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(`0x${good.slice(66, 130)}`);
    const v = Number.parseInt(good.slice(130), 16);
    const twin = `${good.slice(0, 66)}${(n - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}`;
    expect(isCanonicalSignature(twin as `0x${string}`)).toBe(false);
    expect(await recoverOfferSigner(domain, signed, twin as `0x${string}`)).toBeNull();
    expect(await recoverOfferSigner(domain, signed, good.slice(0, 130) as `0x${string}`)).toBeNull();
  });
});

describe("a maker's single-use nonces on paper", () => {
  const FULL = 2n ** NONCES_PER_WORD - 1n;

  it('places a nonce at word nonce / 256, bit nonce % 256', () => {
    expect(NONCES_PER_WORD).toBe(256n);
    expect(noncePosition(0n)).toEqual({ wordPos: 0n, bit: 0n });
    expect(noncePosition(300n)).toEqual({ wordPos: 1n, bit: 44n });
  });

  it('finds the lowest clear bit at or above the start, or none in a full word', () => {
    expect(firstClearBit(0n, 0n)).toBe(0n);
    expect(firstClearBit(0b1011n, 0n)).toBe(2n);
    expect(firstClearBit(0b1011n, 3n)).toBe(4n);
    expect(firstClearBit(FULL, 0n)).toBeNull();
    expect(firstClearBit(FULL >> 1n, 10n)).toBe(255n);
  });

  it('searches the bitmap from the start, jumping ahead by doubling steps past full words, within its reads', async () => {
    const words = new Map<bigint, bigint>([
      [0n, FULL],
      [1n, FULL],
      [3n, 0b111n],
    ]);
    const asked: bigint[] = [];
    const readWord = async (wordPos: bigint) => {
      asked.push(wordPos);
      return words.get(wordPos) ?? 0n;
    };
    // Word 0 full: one word on; word 1 full: two words on (word 2, free, is skipped); word 3's first clear bit.
    expect(await firstFreeNonce(5n, readWord, 8)).toBe(3n * 256n + 3n);
    expect(asked).toEqual([0n, 1n, 3n]);
    // A partly used word: the first clear bit at or above the start, in one read.
    asked.length = 0;
    expect(await firstFreeNonce(3n * 256n + 1n, readWord, 8)).toBe(3n * 256n + 3n);
    expect(asked).toEqual([3n]);
    expect(await firstFreeNonce(0n, async () => FULL, 3)).toBeNull();
    expect(await firstFreeNonce(2n ** 256n - 1n, async () => FULL, 8)).toBeNull();
    expect(await firstFreeNonce(2n ** 256n - 1n, async () => 0n, 8)).toBe(2n ** 256n - 1n);
  });
});

describe('sides and the off-chain form of an offer', () => {
  it('names the generated sides and refuses any other value', () => {
    expect(sideName(Side.Sell)).toBe('sell');
    expect(sideName(Side.Buy)).toBe('buy');
    expect(asSide(Side.Buy)).toBe(Side.Buy);
    expect(() => asSide(2)).toThrow(RangeError);
    expect(() => sideName(-1)).toThrow(RangeError);
  });

  it('turns a view back into the signed struct: named side, null taker as the zero address, expiry as bigint', () => {
    const maker: Address = '0x00000000000000000000000000000000000000aa';
    const view = {
      maker,
      side: 'buy',
      clusterId: 3n,
      amount: 5n,
      price: 7n,
      taker: null,
      expiry: 99,
      nonce: 4n,
    } as const;
    expect(offerOfView(view)).toEqual({ ...view, side: Side.Buy, taker: zeroAddress, expiry: 99n });
    expect(offerOfView({ ...view, side: 'sell', taker: maker }).side).toBe(Side.Sell);
  });
});

describe('market rules against the deployed ShareMarket', () => {
  let chain: TestChain;
  let market: ReturnType<typeof marketActions>;
  let clusterId: bigint;
  let token: Address;
  const [operator] = devRoles.operators;
  const [seller, buyer] = devRoles.investors;

  const revertName = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      const reverted = (error as BaseError).walk?.((e) => e instanceof ContractFunctionRevertedError);
      if (reverted instanceof ContractFunctionRevertedError) return reverted.data?.errorName;
      throw error;
    }
    return undefined;
  };

  beforeAll(async () => {
    chain = await startTestChain(testPort(4480));
    market = marketActions(chain);
    clusterId = await chain.registerCluster(operator!, { gpuModel: 'H100', gpuCount: 8, location: 'KR-SEL-01' });
    await chain.attest(clusterId);
    const sale = await chain.tokenize(operator!, clusterId, 100n);
    token = sale.token;
    await chain.buy(seller!, sale.offering, 100n);
    await chain.finalize(operator!, sale.offering);
    await chain.withdrawShares(seller!, sale.offering);
    await market.approveShares(seller!, clusterId, 2n ** 256n - 1n);
    await chain.mintStablecoin(devAccount(buyer!).address, 1_000_000n * USD);
    await market.approveStablecoin(buyer!, 2n ** 256n - 1n);
  });
  afterAll(async () => {
    await chain?.stop();
  });

  it('hashes an offer as the contract does, under the domain eip712Domain() answers', async () => {
    const { offer: signed, offerHash } = await market.signOffer(seller!, {
      side: Side.Sell,
      clusterId,
      amount: 7n * SHARE + 3n,
      price: 12_345_678n,
      nonce: 42n,
    });
    const onChain = await chain.publicClient.readContract({
      address: chain.deployment.contracts.market,
      abi: shareMarketAbi,
      functionName: 'hashOffer',
      args: [signed],
    });
    expect(offerHash).toBe(onChain);
    expect(hashOffer(market.domain, signed)).toBe(onChain);
    const [, name, version, chainId, verifyingContract] = await chain.publicClient.readContract({
      address: chain.deployment.contracts.market,
      abi: shareMarketAbi,
      functionName: 'eip712Domain',
    });
    expect({ name, version, chainId: Number(chainId), verifyingContract }).toEqual(market.domain);
    expect(await market.tokenOf(clusterId)).toBe(token);
  });

  it('charges what fillCost and fillFee say, and records the fill under the offer hash', async () => {
    const deployer = devAccount(devRoles.deployer).address;
    await market.setFee(devRoles.deployer, 30, deployer);
    const signed = await market.signOffer(seller!, {
      side: Side.Sell,
      clusterId,
      amount: 10n * SHARE,
      price: 33_333_333n,
    });
    expect(await recoverOfferSigner(market.domain, signed.offer, signed.signature)).toBe(devAccount(seller!).address);
    const amount = 3n * SHARE + 1n;
    const before = await chain.publicClient.readContract({
      address: chain.deployment.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'balanceOf',
      args: [devAccount(seller!).address],
    });
    const filled = await market.fill(buyer!, signed, amount);
    const cost = fillCost(signed.offer, amount);
    expect(filled.cost).toBe(cost);
    expect(filled.fee).toBe(fillFee(cost, 30));
    expect(filled.offerHash).toBe(signed.offerHash);
    expect(await market.filled(signed.offerHash)).toBe(amount);
    const after = await chain.publicClient.readContract({
      address: chain.deployment.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'balanceOf',
      args: [devAccount(seller!).address],
    });
    expect(after - before).toBe(cost - fillFee(cost, 30));
    expect(
      await chain.publicClient.readContract({
        address: token,
        abi: shareTokenAbi,
        functionName: 'balanceOf',
        args: [devAccount(buyer!).address],
      }),
    ).toBe(amount);
    await market.setFee(devRoles.deployer, 0, zeroAddress);
  });

  it('refuses exactly the Buy fills leavesDustRemainder flags', async () => {
    const signed = await market.signOffer(buyer!, { side: Side.Buy, clusterId, amount: 2n * SHARE, price: 60n * USD });
    const dusty = 2n * SHARE - 10_000_000_000n;
    expect(leavesDustRemainder(signed.offer, 0n, dusty)).toBe(true);
    expect(await revertName(market.fill(seller!, signed, dusty))).toBe('DustRemainder');
    const fine = 2n * SHARE - 100_000_000_000n;
    expect(leavesDustRemainder(signed.offer, 0n, fine)).toBe(false);
    const filled = await market.fill(seller!, signed, fine);
    expect(filled.cost).toBe(fillCost(signed.offer, fine));
  });

  it('takes what is left when a fill asks for more, and charges fillCost of fillTaken', async () => {
    const signed = await market.signOffer(seller!, { side: Side.Sell, clusterId, amount: SHARE, price: 60n * USD });
    await market.fill(buyer!, signed, 1n);
    const taken = fillTaken(signed.offer, 1n, SHARE);
    const filled = await market.fill(buyer!, signed, SHARE);
    expect(filled.amount).toBe(taken);
    expect(filled.amount).toBe(SHARE - 1n);
    expect(filled.cost).toBe(fillCost(signed.offer, taken));
    expect(await market.filled(signed.offerHash)).toBe(SHARE);
    expect(await revertName(market.fill(buyer!, signed, 1n))).toBe('FillExceedsRemaining');
  });

  it('fills with permits instead of standing approvals', async () => {
    await market.approveShares(seller!, clusterId, 0n);
    await market.approveStablecoin(buyer!, 0n);
    const signed = await market.signOffer(seller!, { side: Side.Sell, clusterId, amount: SHARE, price: 50n * USD });
    const cost = fillCost(signed.offer, SHARE);
    await market.fillWithPermits(buyer!, seller!, signed, SHARE, cost);
    // Filled whole by one fill: the market records it by the nonce alone.
    expect(await market.remaining(signed.offer)).toBe(0n);
    expect(await market.filled(signed.offerHash)).toBe(0n);
    expect(await revertName(market.fill(buyer!, signed, 1n))).toBe('NonceUsed');
  });

  it("sets the bit noncePosition names in the maker's nonceBitmap when an offer is cancelled", async () => {
    const signed = await market.signOffer(seller!, {
      side: Side.Sell,
      clusterId,
      amount: SHARE,
      price: 50n * USD,
      nonce: 300n,
    });
    await market.cancel(seller!, [signed.offer]);
    const { wordPos, bit } = noncePosition(300n);
    const word = await chain.publicClient.readContract({
      address: chain.deployment.contracts.market,
      abi: shareMarketAbi,
      functionName: 'nonceBitmap',
      args: [devAccount(seller!).address, wordPos],
    });
    expect(word).toBe(1n << bit);
  });

  it('cancels one offer, then every offer below a nonce', async () => {
    const one = await market.signOffer(seller!, { side: Side.Sell, clusterId, amount: SHARE, price: 50n * USD });
    await market.approveShares(seller!, clusterId, 2n ** 256n - 1n);
    await market.approveStablecoin(buyer!, 2n ** 256n - 1n);
    await market.cancel(seller!, [one.offer]);
    expect(await revertName(market.fill(buyer!, one, SHARE))).toBe('OfferIsCancelled');
    const two = await market.signOffer(seller!, {
      side: Side.Sell,
      clusterId,
      amount: SHARE,
      price: 50n * USD,
      nonce: 4n,
    });
    await market.cancelUpTo(seller!, 5n);
    expect(await revertName(market.fill(buyer!, two, SHARE))).toBe('NonceCancelled');
  });
});
