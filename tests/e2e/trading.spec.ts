/**
 * The secondary market (issue 16) through the development wallet: a holder lists shares (a signed sell offer, no
 * gas), a verified investor buys part of them in one transaction, and the book, both portfolios and the API show the
 * chain's figures (balances, filled, remaining, the OfferFilled event); the seller's claimable stops growing for the
 * sold part at the trade's second (ShareToken.claimable against the per-second model around the trade block); an
 * investor the token's allowlist would refuse is told why before anything is signed, and nothing is stored for it.
 * Every expectation is computed here from the chain and the spec's rules, never imported from the app.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { type Address, type Hex, maxUint256, parseEventLogs, parseUnits } from 'viem';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import { devRoles } from '../../devnet/accounts';
import { E2E_ANVIL_PORT } from '../../playwright.config';
import {
  buyShares,
  deployment,
  depositRevenue,
  finalizeOffering,
  mintStablecoin,
  openOffering,
  publicClient,
  stablecoinBalance,
  walletOf,
  withdrawShares,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { ceilDiv } from './support/figures';
import { expectAccessible, fullPageShot } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

const OPERATOR = devRoles.operators[1]!;
const SELLER_INDEX = devRoles.testWallets[8]!;
const seller = TEST_ACCOUNTS[8]! as Address;
const buyer = TEST_ACCOUNTS[23]! as Address;
const stranger = TEST_ACCOUNTS[25]! as Address;
const SHARE = 10n ** 18n;
const LISTED = 40n * SHARE;
const BOUGHT = 15n * SHARE;
const PRICE = parseUnits('12.5', 6);

const market = () => deployment().contracts.market as Address;

/** The methods the page sent to the wallet's RPC (the development wallet forwards its signing requests there). */
function watchWalletRequests(page: Page) {
  const methods: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().includes(`:${E2E_ANVIL_PORT}`)) return;
    try {
      const body = request.postDataJSON() as { method: string } | { method: string }[];
      for (const call of Array.isArray(body) ? body : [body]) methods.push(call.method);
    } catch {
      // Not JSON-RPC.
    }
  });
  return methods;
}
const SIGNING = ['eth_signTypedData_v4', 'eth_sendTransaction', 'personal_sign', 'eth_sendRawTransaction'];

/** A page in a browser context of its own, with `account` chosen in the development wallet, on `path`, connected. */
async function openAs(browser: Browser, account: Address, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await chooseWallet(page, account);
  const requests = watchWalletRequests(page);
  await page.goto(path);
  await connectWallet(page);
  return { page, requests, close: () => context.close() };
}

async function asOperator(token: Address, functionName: string, args: unknown[]) {
  const hash = await walletOf(OPERATOR).writeContract({
    address: token,
    abi: shareTokenAbi,
    functionName,
    args,
  } as never);
  expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
}

/** How much of `owner`'s `token` shares the market may move. */
const marketAllowance = (token: Address, owner: Address) =>
  publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'allowance', args: [owner, market()] });

const readMarket = <T>(functionName: string, args: unknown[], blockNumber?: bigint) =>
  publicClient.readContract({
    address: market(),
    abi: shareMarketAbi,
    functionName,
    args,
    ...(blockNumber === undefined ? {} : { blockNumber }),
  } as never) as Promise<T>;

const claimableAt = (token: Address, account: Address, blockNumber: bigint, time: bigint) =>
  publicClient.readContract({
    address: token,
    abi: shareTokenAbi,
    functionName: 'claimable',
    args: [account],
    blockNumber,
    blockOverrides: { time },
  });

const shareBalance = (token: Address, account: Address) =>
  publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'balanceOf', args: [account] });

test('a holder lists shares without gas, a verified investor buys part in one transaction, every figure is the chain’s', async ({
  browser,
  request,
}, testInfo) => {
  // A settled sale whose only holder is the seller, revenue streaming, the allowlist on with the buyer verified.
  const sale = await openOffering(OPERATOR, { symbol: 'MKT', supply: '100', price: '10' });
  const { clusterId, token, offering } = sale;
  await buyShares(SELLER_INDEX, offering, 100n);
  await finalizeOffering(OPERATOR, offering);
  await withdrawShares(SELLER_INDEX, offering);
  await depositRevenue(OPERATOR, token, parseUnits('5', 6), 7n * 86_400n);
  const head = await publicClient.getBlock();
  await asOperator(token, 'setVerified', [buyer, head.timestamp + 365n * 86_400n]);
  await asOperator(token, 'setAllowlistEnabled', [true]);
  await mintStablecoin(buyer, parseUnits('1000', 6));
  await mintStablecoin(stranger, parseUnits('1000', 6));

  // The seller has never let the market move its shares: the first listing signs a permit with the offer instead.
  expect(await marketAllowance(token, seller)).toBe(0n);
  // The seller lists 40 shares at 12.50: two signatures (the shares' EIP-2612 permit, the offer), no transaction.
  const sellerNonce = await publicClient.getTransactionCount({ address: seller });
  const listing = await openAs(browser, seller, `/clusters/${clusterId}`);
  const form = listing.page.getByTestId('offer-form');
  await form.getByLabel('Sell shares').check();
  await form.getByLabel('Shares', { exact: true }).fill('40');
  await form.getByLabel('Price per share (tUSD)').fill('12.50');
  // ceil(40 × 12.50) in base units: the seller's offer as the spec prices it.
  await expect(form.getByTestId('offer-total')).toHaveAttribute(
    'data-value',
    ceilDiv(LISTED * PRICE, SHARE).toString(),
  );
  await form.getByRole('button', { name: 'Sign the sell offer' }).click();
  const placed = listing.page.getByTestId('offer-placed');
  await expect(placed).toBeVisible();
  const offerHash = (await placed.getAttribute('data-hash')) as Hex;
  expect(await publicClient.getTransactionCount({ address: seller })).toBe(sellerNonce);
  expect(listing.requests.filter((method) => SIGNING.includes(method))).toEqual([
    'eth_signTypedData_v4',
    'eth_signTypedData_v4',
  ]);
  expect(await marketAllowance(token, seller)).toBe(0n);

  // The relay holds it, open, as the chain sees it: the market's own hash, nothing filled.
  const mine = await (await request.get(`/api/v1/offers?maker=${seller}`)).json();
  const stored = mine.offers.find((offer: { offerHash: string }) => offer.offerHash === offerHash);
  expect(stored).toMatchObject({ side: 'sell', amount: LISTED.toString(), price: PRICE.toString(), status: 'open' });
  // A nonce is single-use: the form signed the one the relay handed out, and the next offer gets the one after it.
  expect(BigInt(mine.nextNonce)).toBe(BigInt(stored.nonce) + 1n);
  // The relay keeps the permit with the offer: unlimited, to the market, as long as the offer lives.
  expect(stored.makerPermit.value).toBe(maxUint256.toString());
  expect(BigInt(stored.makerPermit.deadline)).toBe(BigInt(stored.expiry));
  const offer = {
    maker: seller,
    side: 0,
    clusterId,
    amount: LISTED,
    price: PRICE,
    taker: stored.taker ?? '0x0000000000000000000000000000000000000000',
    expiry: BigInt(stored.expiry),
    nonce: BigInt(stored.nonce),
  };
  expect(await readMarket<Hex>('hashOffer', [offer])).toBe(offerHash);
  expect(await readMarket<bigint>('remaining', [offer])).toBe(LISTED);
  await listing.close();

  // The buyer takes 15 of the 40: a permit signature and ONE transaction.
  const buyerNonce = await publicClient.getTransactionCount({ address: buyer });
  const [buyerCashBefore, sellerCashBefore] = await Promise.all([stablecoinBalance(buyer), stablecoinBalance(seller)]);
  const buying = await openAs(browser, buyer, `/clusters/${clusterId}`);
  const row = buying.page.locator(`[data-testid="fillable-offer"][data-hash="${offerHash}"]`);
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Buy from this offer' }).click();
  await buying.page.getByLabel('Shares to fill').fill('15');
  const cost = ceilDiv(BOUGHT * PRICE, SHARE);
  await expect(buying.page.getByTestId('fill-cost')).toHaveAttribute('data-cost', cost.toString());
  await buying.page.getByTestId('fill-form').getByRole('button', { name: 'Fill', exact: true }).click();
  await expect(buying.page.getByTestId('fill-status')).toHaveAttribute('data-step', 'confirmed');
  expect(await publicClient.getTransactionCount({ address: buyer })).toBe(buyerNonce + 1);
  const txHref = await buying.page.getByTestId('fill-status-link').getAttribute('href');
  const receipt = await publicClient.getTransactionReceipt({ hash: txHref!.slice('/tx/'.length) as Hex });
  const [filled] = parseEventLogs({ abi: shareMarketAbi, logs: receipt.logs, eventName: 'OfferFilled' });
  const [feeBps] = await readMarket<readonly [number, Address]>('fee', []);
  const fee = (cost * BigInt(feeBps)) / 10_000n;
  expect(filled!.args).toMatchObject({
    offerHash,
    maker: seller,
    taker: buyer,
    clusterId,
    side: 0,
    amount: BOUGHT,
    price: PRICE,
    cost,
    fee,
  });
  // The chain: filled, remaining, shares and stablecoin moved by exactly the trade.
  expect(await readMarket<bigint>('filled', [offerHash])).toBe(BOUGHT);
  const remaining = await readMarket<bigint>('remaining', [offer]);
  expect(remaining).toBe(LISTED - BOUGHT);
  expect(await shareBalance(token, seller)).toBe(100n * SHARE - BOUGHT);
  expect(await shareBalance(token, buyer)).toBe(BOUGHT);
  // The fill applied the seller's permit: the market may now move the seller's shares for its next offers.
  expect(await marketAllowance(token, seller)).toBe(maxUint256);
  expect(await stablecoinBalance(buyer)).toBe(buyerCashBefore - cost);
  expect(await stablecoinBalance(seller)).toBe(sellerCashBefore + cost - fee);

  // The book shows what is left of the offer at its price once the indexer has mirrored the fill: the API's book
  // first (the same model as the page's), then the page.
  const askAmount = async () => {
    const { book } = await (await request.get(`/api/v1/clusters/${clusterId}/book`)).json();
    return book.asks.find((entry: { price: string }) => entry.price === PRICE.toString())?.amount;
  };
  await expect.poll(askAmount, { timeout: 30_000 }).toBe(remaining.toString());
  await buying.page.reload();
  await connectWallet(buying.page);
  const ask = buying.page.locator(`[data-testid="book-ask"][data-price="${PRICE}"]`);
  await expect(ask).toHaveAttribute('data-amount', remaining.toString());
  await fullPageShot(buying.page, testInfo, 'cluster-market');
  await expectAccessible(buying.page);

  // The buyer's portfolio: 15 shares and the trade, as the chain has them.
  await buying.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await expect(buying.page.getByTestId(`holding-${clusterId}`).getByTestId('holding-balance')).toHaveAttribute(
    'data-value',
    BOUGHT.toString(),
  );
  const buyerTrade = buying.page.getByTestId('my-trades').getByTestId('trade');
  await expect(buyerTrade).toHaveCount(1);
  await expect(buyerTrade.getByTestId('trade-amount')).toHaveAttribute('data-value', BOUGHT.toString());
  await expect(buyerTrade.getByTestId('trade-cost')).toHaveAttribute('data-value', cost.toString());
  await buying.close();

  // The seller's portfolio: 85 shares, the offer with 25 left, the trade.
  const after = await openAs(browser, seller, '/portfolio');
  await expect(after.page.getByTestId(`holding-${clusterId}`).getByTestId('holding-balance')).toHaveAttribute(
    'data-value',
    (100n * SHARE - BOUGHT).toString(),
  );
  const myOffer = after.page.locator(`[data-testid="my-offer"][data-hash="${offerHash}"]`);
  await expect(myOffer.getByTestId('my-offer-remaining')).toHaveAttribute('data-value', remaining.toString());
  await expect(after.page.getByTestId('my-trades').getByTestId('trade').getByTestId('trade-price')).toHaveAttribute(
    'data-value',
    PRICE.toString(),
  );
  await fullPageShot(after.page, testInfo, 'portfolio-market');
  await after.close();

  // The seller's claimable stops growing for the sold part at the trade's second. At the trade block's time the
  // trade changes nothing of what was earned; from then on the seller earns 85 shares' part, the buyer 15 shares',
  // and together exactly what the seller's 100 shares would have earned without the trade.
  const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  const before = receipt.blockNumber - 1n;
  const at = block.timestamp;
  const later = at + 600n;
  expect(await claimableAt(token, seller, receipt.blockNumber, at)).toBe(await claimableAt(token, seller, before, at));
  const sellerGrowth =
    (await claimableAt(token, seller, receipt.blockNumber, later)) -
    (await claimableAt(token, seller, receipt.blockNumber, at));
  const buyerGrowth =
    (await claimableAt(token, buyer, receipt.blockNumber, later)) -
    (await claimableAt(token, buyer, receipt.blockNumber, at));
  const untraded = (await claimableAt(token, seller, before, later)) - (await claimableAt(token, seller, before, at));
  const [stream, rateScale, supply] = await Promise.all([
    publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'stream',
      blockNumber: receipt.blockNumber,
    }),
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'RATE_SCALE' }),
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'totalSupply' }),
  ]);
  // The per-second model: balance × rate × seconds ÷ (supply × scale), within the token's rounding (a base unit).
  const model = (balance: bigint) => (balance * stream.ratePerSecond * (later - at)) / (supply * rateScale);
  expect(stream.end).toBeGreaterThan(later);
  for (const [what, growth, shares] of [
    ['seller', sellerGrowth, 100n * SHARE - BOUGHT],
    ['buyer', buyerGrowth, BOUGHT],
    ['seller without the trade', untraded, 100n * SHARE],
  ] as const) {
    expect(growth, what).toBeGreaterThanOrEqual(model(shares) - 1n);
    expect(growth, what).toBeLessThanOrEqual(model(shares) + 1n);
  }
  expect(sellerGrowth).toBeLessThan(untraded);
  expect(sellerGrowth + buyerGrowth).toBeGreaterThanOrEqual(untraded - 2n);
  expect(sellerGrowth + buyerGrowth).toBeLessThanOrEqual(untraded + 2n);

  // The API's book and trades are the chain's.
  const { book } = await (await request.get(`/api/v1/clusters/${clusterId}/book`)).json();
  const level = book.asks.find((entry: { price: string }) => entry.price === PRICE.toString());
  expect(level.amount).toBe(remaining.toString());
  const listed = book.offers.find((entry: { offerHash: string }) => entry.offerHash === offerHash);
  expect(listed).toMatchObject({ filled: BOUGHT.toString(), remaining: remaining.toString(), status: 'open' });
  const trades = await (await request.get(`/api/v1/clusters/${clusterId}/trades?limit=10`)).json();
  expect(trades.trades).toHaveLength(1);
  expect(trades.trades[0]).toMatchObject({
    txHash: receipt.transactionHash,
    blockNumber: receipt.blockNumber.toString(),
    time: Number(block.timestamp),
    offerHash,
    seller,
    buyer,
    amount: BOUGHT.toString(),
    price: PRICE.toString(),
    cost: cost.toString(),
    fee: fee.toString(),
  });
});

test('an investor the allowlist would refuse is told why before signing anything, and nothing is stored', async ({
  browser,
  request,
}) => {
  const sale = await openOffering(OPERATOR, { symbol: 'MKTV', supply: '100', price: '10' });
  await buyShares(SELLER_INDEX, sale.offering, 100n);
  await finalizeOffering(OPERATOR, sale.offering);
  await withdrawShares(SELLER_INDEX, sale.offering);
  await asOperator(sale.token, 'setAllowlistEnabled', [true]);
  await mintStablecoin(stranger, parseUnits('1000', 6));
  // A sell offer on the book for the stranger to try (the seller's permit signed with it, no approval sent).
  const listing = await openAs(browser, seller, `/clusters/${sale.clusterId}`);
  const form = listing.page.getByTestId('offer-form');
  await form.getByLabel('Sell shares').check();
  await form.getByLabel('Shares', { exact: true }).fill('10');
  await form.getByLabel('Price per share (tUSD)').fill('11');
  await form.getByRole('button', { name: 'Sign the sell offer' }).click();
  const offerHash = await listing.page.getByTestId('offer-placed').getAttribute('data-hash');
  await listing.close();

  const strangerNonce = await publicClient.getTransactionCount({ address: stranger });
  const trying = await openAs(browser, stranger, `/clusters/${sale.clusterId}`);
  // Filling the ask: the token's own reason, the button disabled.
  await trying.page
    .locator(`[data-testid="fillable-offer"][data-hash="${offerHash}"]`)
    .getByRole('button', { name: 'Buy from this offer' })
    .click();
  await trying.page.getByLabel('Shares to fill').fill('5');
  await expect(trying.page.getByTestId('fill-blocked')).toHaveAttribute('data-value', 'RecipientNotVerified');
  await expect(trying.page.getByTestId('fill-form').getByRole('button', { name: 'Fill', exact: true })).toBeDisabled();
  // Placing a bid: the same reason, before any signature.
  const form2 = trying.page.getByTestId('offer-form');
  await form2.getByLabel('Buy shares').check();
  await form2.getByLabel('Shares', { exact: true }).fill('5');
  await form2.getByLabel('Price per share (tUSD)').fill('10');
  await expect(form2.getByTestId('offer-verdict')).toHaveAttribute('data-value', 'RecipientNotVerified');
  await expect(form2.getByRole('button', { name: 'Sign the buy offer' })).toBeDisabled();
  // No signature request reached the wallet, no transaction was sent, no offer was stored.
  expect(trying.requests.filter((method) => SIGNING.includes(method))).toEqual([]);
  expect(await publicClient.getTransactionCount({ address: stranger })).toBe(strangerNonce);
  const stored = await (await request.get(`/api/v1/offers?maker=${stranger}`)).json();
  expect(stored.offers).toEqual([]);
  await trying.close();
});
