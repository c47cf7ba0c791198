/**
 * A chain with a traded share token and a ShareMarket for the market's data-layer tests: the devnet scenario (cluster
 * tokenized, investors A 50, B 40, C 10 whole shares), the deployment's market (deployed here from the generated
 * bytecode where the deployment record has none), and helpers to sign, relay and fill offers. Never used outside tests.
 */
import pino from 'pino';
import { type Address, type Hex, zeroAddress } from 'viem';
import { offeringAbi, shareMarketAbi, shareMarketBytecode, shareTokenAbi, testStablecoinAbi } from '#contracts';
import { marketDomain, type Offer, offerTypedData, SHARE_UNIT } from '#protocol/market';
import { devAccount, devRoles } from '../../devnet/accounts';
import { sendAs } from '../../devnet/actions';
import type { Database } from '../database';
import { runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import { createIndexer } from '../indexer/indexer';
import { offerings } from '../schema';
import type { MarketChain } from './fillability';
import { offerBody as wireOfferBody } from './offer-body';
import { marketUpkeepHooks } from './upkeep';

export const SHARE = SHARE_UNIT;
export const [investorA, investorB, investorC] = devRoles.investors as unknown as [number, number, number];

export type MarketFixture = {
  chain: TestChain;
  market: Address;
  token: Address;
  /** The token's primary sale and its price per whole share, as the chain states them (the relay's price band). */
  offering: Address;
  primaryPrice: bigint;
  clusterId: bigint;
  marketChain: MarketChain;
  sign: (signer: number, offer: Offer) => Promise<Hex>;
  offer: (maker: number, fields: Partial<Offer>) => Promise<Offer>;
  approveShares: (owner: number, amount: bigint) => Promise<void>;
  fundStablecoin: (owner: number, amount: bigint) => Promise<void>;
  fill: (taker: number, offer: Offer, signature: Hex, amount: bigint) => Promise<void>;
  chainTime: () => Promise<bigint>;
};

export async function startMarketChain(port: number): Promise<MarketFixture> {
  const chain = await startTestChain(port);
  const { sale, clusters } = await runScenario(chain);
  let market = (chain.contracts as { market?: Address }).market;
  if (!market) {
    const wallet = chain.wallet(devRoles.deployer);
    const hash = await wallet.deployContract({
      abi: shareMarketAbi,
      bytecode: shareMarketBytecode,
      args: [chain.contracts.factory],
    });
    market = (await chain.publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
  }
  const marketChain: MarketChain = {
    publicClient: chain.publicClient as never,
    chainId: 31_337,
    market,
    stablecoin: chain.contracts.stablecoin,
  };
  const domain = marketDomain(31_337, market);
  let offerNonce = 0n;
  const { pricePerShare: primaryPrice } = await chain.publicClient.readContract({
    address: sale.offering,
    abi: offeringAbi,
    functionName: 'terms',
  });
  const chainTime = async () => (await chain.publicClient.getBlock({ blockTag: 'latest' })).timestamp;
  return {
    chain,
    market,
    token: sale.token,
    offering: sale.offering,
    primaryPrice,
    clusterId: clusters[0]!,
    marketChain,
    chainTime,
    sign: (signer, offer) => chain.wallet(signer).signTypedData(offerTypedData(domain, offer) as never),
    async offer(maker, fields) {
      return {
        maker: devAccount(maker).address,
        side: 0,
        clusterId: clusters[0]!,
        amount: 10n * SHARE,
        price: 12_000_000n,
        taker: zeroAddress,
        expiry: (await chainTime()) + 3_600n,
        // A nonce is single-use on chain and per live offer in the relay: each offer of the fixture gets its own.
        nonce: offerNonce++,
        ...fields,
      };
    },
    async approveShares(owner, amount) {
      await sendAs(chain, owner, {
        address: sale.token,
        abi: shareTokenAbi,
        functionName: 'approve',
        args: [market, amount],
      });
    },
    async fundStablecoin(owner, amount) {
      await chain.mintStablecoin(devAccount(owner).address, amount);
      await sendAs(chain, owner, {
        address: chain.contracts.stablecoin,
        abi: testStablecoinAbi,
        functionName: 'approve',
        args: [market, amount],
      });
    },
    async fill(taker, offer, signature, amount) {
      await sendAs(chain, taker, {
        address: market,
        abi: shareMarketAbi,
        functionName: 'fill',
        args: [offer, signature, amount],
      });
    },
  };
}

/** The JSON body a client posts for `offer` (./offer-body.ts), with `extra` fields a test sets as it likes. */
export function offerBody(offer: Offer, signature: Hex, extra: Record<string, unknown> = {}) {
  return { ...wireOfferBody(offer, signature), ...extra };
}

/** Indexes the fixture's chain into `db` up to its head, the market's upkeep running after each range as in the stack. */
export function indexMarket(fx: MarketFixture, db: Database) {
  return createIndexer({
    db,
    publicClient: fx.chain.publicClient,
    chainId: fx.chain.deployment.chainId,
    contracts: { ...fx.chain.contracts, market: fx.market },
    deployBlock: fx.chain.deployment.deployBlock,
    maxBlockRange: 1_000,
    signal: new AbortController().signal,
    log: pino({ level: 'silent' }),
    ...marketUpkeepHooks({
      db,
      publicClient: fx.chain.publicClient as never,
      chainId: fx.chain.deployment.chainId,
      contracts: { stablecoin: fx.chain.contracts.stablecoin, market: fx.market },
    }),
  }).catchUp();
}

/**
 * The mirror's row of the scenario's primary sale (its real offering and price, read from the chain), for the relay's
 * price band, without indexing the whole chain first.
 */
export async function seedPrimarySale(db: Database, fx: MarketFixture) {
  const now = new Date();
  await db
    .insert(offerings)
    .values({
      chainId: 31_337,
      blockNumber: 1n,
      blockHash: `0x${'ab'.repeat(32)}`,
      logIndex: 0,
      transactionHash: `0x${'cd'.repeat(32)}`,
      blockTime: now,
      offering: fx.offering,
      token: fx.token,
      clusterId: fx.clusterId,
      pricePerShare: fx.primaryPrice,
      saleStart: now,
      saleEnd: now,
      softCap: 0n,
      perBuyerCap: 0n,
    })
    .onConflictDoNothing();
}
