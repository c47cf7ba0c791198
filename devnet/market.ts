/**
 * Secondary-market actions as the dev accounts, sent for real and waited for (like actions.ts): sign an offer (EIP-712,
 * the maker's dev key), approve the market, fill, fill with EIP-2612 permits, cancel, cancel up to a nonce, set the
 * fee. Used by the demo and the tests; the offer rules themselves (hash, cost, fee, dust) come from protocol/market.ts.
 */
import { type Address, type Hex, parseEventLogs, zeroAddress } from 'viem';
import { shareMarketAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import {
  firstFreeNonce,
  hashOffer,
  marketDomain,
  noPermit,
  type Offer,
  offerTypedData,
  permitArgument,
  permitTypedData,
  Side,
} from '#protocol/market';
import { devAccount } from './accounts';
import { sendAs } from './actions';
import type { ChainHandle } from './chain';

export type SignedOffer = { offer: Offer; signature: Hex; offerHash: Hex };

/**
 * What `signOffer` needs; the rest defaults to an open offer (anyone may fill), valid for a day, with a nonce of its
 * own (nonces are single-use on chain: the maker's next one neither cancelled nor used, nor handed out here before).
 */
export type OfferInput = Pick<Offer, 'side' | 'clusterId' | 'amount' | 'price'> &
  Partial<Pick<Offer, 'taker' | 'expiry' | 'nonce'>>;

type PermitToken = 'shares' | 'stablecoin';

export function marketActions(context: ChainHandle & { deployment: Pick<Deployment, 'contracts'> }) {
  const { publicClient, deployment } = context;
  const { market, stablecoin } = deployment.contracts;
  const domain = marketDomain(context.chain.id, market);
  const send = (index: number, request: object) => sendAs(context, index, request);

  async function tokenOf(clusterId: bigint): Promise<Address> {
    const token = await publicClient.readContract({
      address: market,
      abi: shareMarketAbi,
      functionName: 'tokenOf',
      args: [clusterId],
    });
    if (token === zeroAddress) throw new Error(`cluster ${clusterId} is not tokenized`);
    return token;
  }

  /** Bitmap words a fresh nonce is searched in (a dev chain's makers use few). */
  const NONCE_SEARCH_WORDS = 16;
  const handedOut = new Map<Address, bigint>();
  // One at a time: two offers signed at once (Promise.all) must not both read the same free nonce.
  let nonceQueue: Promise<unknown> = Promise.resolve();
  function freshNonce(maker: Address): Promise<bigint> {
    const run = nonceQueue.then(() => nextFreeNonce(maker));
    nonceQueue = run.catch(() => undefined);
    return run;
  }
  async function nextFreeNonce(maker: Address): Promise<bigint> {
    const minNonce = await publicClient.readContract({
      address: market,
      abi: shareMarketAbi,
      functionName: 'minNonce',
      args: [maker],
    });
    const next = handedOut.get(maker) ?? 0n;
    const nonce = await firstFreeNonce(
      next > minNonce ? next : minNonce,
      (wordPos) =>
        publicClient.readContract({
          address: market,
          abi: shareMarketAbi,
          functionName: 'nonceBitmap',
          args: [maker, wordPos],
        }),
      NONCE_SEARCH_WORDS,
    );
    if (nonce === null) throw new Error(`no unused nonce of ${maker} within ${NONCE_SEARCH_WORDS} bitmap words`);
    handedOut.set(maker, nonce + 1n);
    return nonce;
  }

  async function now() {
    return (await publicClient.getBlock({ blockTag: 'latest' })).timestamp;
  }

  /** Dev account `owner`'s EIP-2612 permit of `value` to the market, valid for an hour of chain time. */
  async function signPermit(owner: number, asset: Address, value: bigint) {
    const [, name, version, chainId, verifyingContract] = await publicClient.readContract({
      address: asset,
      abi: shareTokenAbi,
      functionName: 'eip712Domain',
    });
    const ownerAddress = devAccount(owner).address;
    const nonce = await publicClient.readContract({
      address: asset,
      abi: shareTokenAbi,
      functionName: 'nonces',
      args: [ownerAddress],
    });
    const deadline = (await now()) + 3_600n;
    const signature = await devAccount(owner).signTypedData(
      permitTypedData(
        { name, version, chainId: Number(chainId), verifyingContract },
        { owner: ownerAddress, spender: market, value, nonce, deadline },
      ),
    );
    return permitArgument(value, deadline, signature);
  }

  const actions = {
    domain,
    tokenOf,

    /** Dev account `maker` signs an offer for this market. */
    async signOffer(maker: number, input: OfferInput): Promise<SignedOffer> {
      const offer: Offer = {
        maker: devAccount(maker).address,
        side: input.side,
        clusterId: input.clusterId,
        amount: input.amount,
        price: input.price,
        taker: input.taker ?? zeroAddress,
        expiry: input.expiry ?? (await now()) + 86_400n,
        nonce: input.nonce ?? (await freshNonce(devAccount(maker).address)),
      };
      const signature = await devAccount(maker).signTypedData(offerTypedData(domain, offer));
      return { offer, signature, offerHash: hashOffer(domain, offer) };
    },

    /** `owner` approves the market for `amount` of the cluster's shares. */
    async approveShares(owner: number, clusterId: bigint, amount: bigint) {
      const token = await tokenOf(clusterId);
      return send(owner, { address: token, abi: shareTokenAbi, functionName: 'approve', args: [market, amount] });
    },

    /** `owner` approves the market for `amount` of the stablecoin. */
    async approveStablecoin(owner: number, amount: bigint) {
      return send(owner, {
        address: stablecoin,
        abi: testStablecoinAbi,
        functionName: 'approve',
        args: [market, amount],
      });
    },

    /** `taker` fills `amount` of a signed offer; returns the receipt and the OfferFilled event's figures. */
    async fill(taker: number, signed: SignedOffer, amount: bigint) {
      const receipt = await send(taker, {
        address: market,
        abi: shareMarketAbi,
        functionName: 'fill',
        args: [signed.offer, signed.signature, amount],
      });
      const [filled] = parseEventLogs({ abi: shareMarketAbi, eventName: 'OfferFilled', logs: receipt.logs });
      if (!filled) throw new Error(`fill ${receipt.transactionHash} emitted no OfferFilled`);
      return { receipt, ...filled.args };
    },

    /**
     * `taker` fills with EIP-2612 permits instead of standing approvals: the maker's for its asset (shares of a Sell
     * offer, stablecoin of a Buy offer) when `makerPermits`, the taker's for the other asset. `cost` is what the
     * stablecoin permit allows (the fill's cost, protocol/market.ts `fillCost`).
     */
    async fillWithPermits(
      taker: number,
      maker: number,
      signed: SignedOffer,
      amount: bigint,
      cost: bigint,
      permits: { maker?: boolean; taker?: boolean } = { maker: true, taker: true },
    ) {
      const token = await tokenOf(signed.offer.clusterId);
      const assets: Record<PermitToken, Address> = { shares: token, stablecoin };
      const sell = signed.offer.side === Side.Sell;
      const makerPermit = permits.maker
        ? await signPermit(maker, assets[sell ? 'shares' : 'stablecoin'], sell ? amount : cost)
        : noPermit;
      const takerPermit = permits.taker
        ? await signPermit(taker, assets[sell ? 'stablecoin' : 'shares'], sell ? cost : amount)
        : noPermit;
      return send(taker, {
        address: market,
        abi: shareMarketAbi,
        functionName: 'fillWithPermits',
        args: [signed.offer, signed.signature, amount, makerPermit, takerPermit],
      });
    },

    async cancel(maker: number, offers: readonly Offer[]) {
      return send(maker, { address: market, abi: shareMarketAbi, functionName: 'cancel', args: [offers] });
    },

    async cancelUpTo(maker: number, minNonce: bigint) {
      return send(maker, { address: market, abi: shareMarketAbi, functionName: 'cancelUpTo', args: [minNonce] });
    },

    /** Sets the fee as `governance` (the registry's owner: the deployer of a test chain without a timelock). */
    async setFee(governance: number, feeBps: number, recipient: Address) {
      return send(governance, {
        address: market,
        abi: shareMarketAbi,
        functionName: 'setFee',
        args: [feeBps, recipient],
      });
    },

    /** What the offer has left to fill (0 once filled, cancelled, expired or its nonce used). */
    async remaining(offer: Offer) {
      return publicClient.readContract({
        address: market,
        abi: shareMarketAbi,
        functionName: 'remaining',
        args: [offer],
      });
    },

    /** What fills that left a remainder recorded (a fill that took the offer whole is recorded by its nonce only). */
    async filled(offerHash: Hex) {
      return publicClient.readContract({
        address: market,
        abi: shareMarketAbi,
        functionName: 'filled',
        args: [offerHash],
      });
    },
  };
  return actions;
}
