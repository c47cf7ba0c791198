/**
 * Placing a sell or a buy offer: the token's verdict and the wallet's balance are read and shown BEFORE anything is
 * signed (a buyer the allowlist would refuse is told why and nothing is signed), then the offer is signed as EIP-712
 * typed data (no gas) and posted through the cluster route's action to the relay. The market must be allowed to move
 * what the offer gives: when the allowance is short, the maker also signs an EIP-2612 permit of that asset (no gas)
 * that the relay keeps with the offer and the first fill applies; only when the asset takes no permit or the wallet
 * will not sign one does an approval transaction come first.
 */
import { useFetcher } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, erc20Abi, zeroAddress } from 'viem';
import { type Config, useConfig, useConnection, useReadContracts } from 'wagmi';
import { getBlock, readContract, signTypedData } from 'wagmi/actions';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import { fillCost, fillFee, marketDomain, type Offer, offerTypedData, permitArgument, Side } from '#protocol/market';
import { refusalSentence } from '~/components/holdings/refusal';
import { TxStatus } from '~/components/TxStatus';
import { type DescribedError, describeError, refusalText } from '~/lib/contract-errors';
import { formatBps, formatShares, formatUsd } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import {
  fetchNextNonce,
  type MakerPermit,
  makerGives,
  makerPermitTypedData,
  OFFER_LIFETIMES,
  type OfferLifetime,
  offerBody,
  parsePositive,
  parseShareAmount,
  placementVerdict,
} from './offers';
import { isUnsupportedSigning, readPermitTerms } from './permit';
import { type RelayAnswer, RelayMessage } from './relay-answer';

/**
 * The maker's EIP-2612 permit of `asset` to the market for `offer` (offers.ts's makerPermitTypedData), or null when the
 * asset takes no permits (its `nonces`/`eip712Domain` views fail) or the wallet refuses to sign it (the caller then
 * falls back to an approval transaction). Any other failure is thrown.
 */
async function signMakerPermit(
  config: Config,
  asset: Address,
  maker: Address,
  market: Address,
  offer: Offer,
): Promise<MakerPermit | null> {
  // An asset without permit views (no nonces / eip712Domain) is approved instead.
  const terms = await readPermitTerms(config, asset, maker).catch(() => null);
  if (!terms) return null;
  const typedData = makerPermitTypedData(terms.domain, maker, market, terms.nonce, offer);
  try {
    const signature = await signTypedData(config, { account: maker, ...typedData });
    return permitArgument(typedData.message.value, typedData.message.deadline, signature);
  } catch (error) {
    if (isUnsupportedSigning(error) || describeError(error).kind === 'rejected') return null;
    throw error;
  }
}

export type MarketRefs = { market: Address; token: Address; stablecoin: Address; chainId: number; clusterId: bigint };

export function OfferForm({ refs, usdDecimals }: { refs: MarketRefs; usdDecimals: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const config = useConfig();
  const connection = useConnection();
  const account = connection.address;
  const flow = useTransactionFlow();
  const fetcher = useFetcher<RelayAnswer>({ key: `offer-${refs.clusterId}` });
  const [signing, setSigning] = useState<'permit' | 'offer' | null>(null);
  const [signError, setSignError] = useState<DescribedError | null>(null);
  const [side, setSide] = useState<Side>(Side.Sell);
  const [amountText, setAmountText] = useState('1');
  const [priceText, setPriceText] = useState('');
  const [lifetime, setLifetime] = useState<OfferLifetime>('week');
  const amount = parseShareAmount(amountText);
  const price = parsePositive(priceText, usdDecimals);
  const who = account ?? zeroAddress;
  const reads = useReadContracts({
    contracts: [
      { address: refs.token, abi: shareTokenAbi, functionName: 'paused' },
      { address: refs.token, abi: shareTokenAbi, functionName: 'isFrozen', args: [who] },
      { address: refs.token, abi: shareTokenAbi, functionName: 'allowlistEnabled' },
      { address: refs.token, abi: shareTokenAbi, functionName: 'isVerified', args: [who] },
      { address: refs.token, abi: erc20Abi, functionName: 'balanceOf', args: [who] },
      { address: refs.stablecoin, abi: erc20Abi, functionName: 'balanceOf', args: [who] },
      { address: refs.market, abi: shareMarketAbi, functionName: 'fee' },
    ],
    allowFailure: false,
    query: { enabled: Boolean(account) },
  });
  const [paused, frozen, allowlistEnabled, verified, shareBalance, stablecoinBalance, fee] = reads.data ?? [];
  const draft =
    account && amount && price
      ? ({
          maker: account,
          side,
          clusterId: refs.clusterId,
          amount,
          price,
          taker: zeroAddress,
          expiry: 0n,
          // Placeholder: the signed offer carries the nonce the relay hands out when it is placed.
          nonce: 0n,
        } satisfies Offer)
      : undefined;
  const cost = draft ? fillCost(draft, draft.amount) : undefined;
  // The fee comes out of the seller's side: a sell offer's maker receives cost − fee.
  const sellerFee = cost !== undefined && fee ? fillFee(cost, fee[0]) : undefined;
  const verdict =
    reads.data && draft && cost !== undefined
      ? placementVerdict(
          side,
          {
            paused: paused ?? false,
            frozen: frozen ?? false,
            allowlistEnabled: allowlistEnabled ?? false,
            verified: verified ?? false,
            shareBalance: shareBalance ?? 0n,
            stablecoinBalance: stablecoinBalance ?? 0n,
          },
          { shares: draft.amount, cost },
        )
      : null;

  async function place() {
    if (!account || !draft || cost === undefined || verdict) return;
    setSignError(null);
    const { asset, need } = makerGives(draft, draft.amount, refs);
    try {
      const allowance = await readContract(config, {
        address: asset,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [account, refs.market],
      });
      // The chain's clock, not the browser's: a test chain may run ahead of wall time.
      const head = await getBlock(config);
      const offer: Offer = {
        ...draft,
        expiry: head.timestamp + OFFER_LIFETIMES[lifetime],
        nonce: await fetchNextNonce(account),
      };
      // Short allowance: a permit signed with the offer (no gas), valid as long as the offer is.
      if (allowance < need) setSigning('permit');
      const makerPermit =
        allowance < need ? await signMakerPermit(config, asset, account, refs.market, offer) : undefined;
      if (makerPermit === null) {
        setSigning(null);
        const approved = await flow.run(({ send }) =>
          send(
            // On top of what is approved already: the maker's other open offers of this asset still need it.
            { account, address: asset, abi: erc20Abi, functionName: 'approve', args: [refs.market, allowance + need] },
            t('trading.place.approve'),
          ),
        );
        if (!approved) return;
      }
      setSigning('offer');
      const signature = await signTypedData(config, {
        account,
        ...offerTypedData(marketDomain(refs.chainId, refs.market), offer),
      });
      fetcher.submit(
        { intent: 'offer', body: JSON.stringify(offerBody(offer, signature, makerPermit ?? undefined)) },
        { method: 'post', preventScrollReset: true },
      );
    } catch (error) {
      setSignError(describeError(error));
    } finally {
      setSigning(null);
      void reads.refetch();
    }
  }

  if (!account) return null;
  const balanceText =
    side === Side.Sell
      ? t('trading.place.shareBalance', { amount: formatShares(shareBalance ?? 0n, locale) })
      : t('trading.place.stablecoinBalance', { amount: formatUsd(stablecoinBalance ?? 0n, usdDecimals, locale) });
  return (
    <section className="card" aria-labelledby="place-heading" data-testid="offer-form">
      <h2 id="place-heading">{t('trading.place.title')}</h2>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void place();
        }}
      >
        <fieldset>
          <legend>{t('trading.place.side')}</legend>
          {[Side.Sell, Side.Buy].map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="side"
                value={value}
                checked={side === value}
                onChange={() => setSide(value)}
                data-testid={`offer-side-${value === Side.Sell ? 'sell' : 'buy'}`}
              />{' '}
              {t(value === Side.Sell ? 'trading.place.sell' : 'trading.place.buy')}
            </label>
          ))}
        </fieldset>
        <label htmlFor="offer-amount">{t('trading.place.amount')}</label>
        <input
          id="offer-amount"
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(event) => setAmountText(event.target.value)}
          aria-invalid={amount === undefined}
        />
        <label htmlFor="offer-price">{t('trading.place.price')}</label>
        <input
          id="offer-price"
          inputMode="decimal"
          autoComplete="off"
          value={priceText}
          onChange={(event) => setPriceText(event.target.value)}
          aria-invalid={priceText !== '' && price === undefined}
        />
        <label htmlFor="offer-lifetime">{t('trading.place.lifetime')}</label>
        <select
          id="offer-lifetime"
          value={lifetime}
          onChange={(event) => setLifetime(event.target.value as OfferLifetime)}
        >
          {(Object.keys(OFFER_LIFETIMES) as OfferLifetime[]).map((key) => (
            <option key={key} value={key}>
              {t(`trading.place.lifetimes.${key}`)}
            </option>
          ))}
        </select>
        <p className="muted" data-testid="offer-balance">
          {balanceText}
        </p>
        {fee && (
          <p className="muted" data-testid="offer-fee" data-value={fee[0]}>
            {t('trading.place.fee', { fee: formatBps(fee[0], locale) })}
          </p>
        )}
        {cost !== undefined && (
          <p data-testid="offer-total" data-value={cost.toString()} data-fee={sellerFee?.toString() ?? ''}>
            {side === Side.Sell
              ? t('trading.place.totalSell', {
                  amount: formatUsd(cost, usdDecimals, locale, 6),
                  proceeds: sellerFee === undefined ? '…' : formatUsd(cost - sellerFee, usdDecimals, locale, 6),
                })
              : t('trading.place.totalBuy', { amount: formatUsd(cost, usdDecimals, locale, 6) })}
          </p>
        )}
        {verdict && (
          <p className="error-text" role="alert" data-testid="offer-verdict" data-value={verdict}>
            {verdict === 'balance' ? t('trading.place.noBalance') : refusalSentence(i18n, verdict)}
          </p>
        )}
        <button
          type="submit"
          disabled={
            !draft ||
            Boolean(verdict) ||
            reads.data === undefined ||
            flow.busy ||
            signing !== null ||
            fetcher.state !== 'idle'
          }
        >
          {t(side === Side.Sell ? 'trading.place.submitSell' : 'trading.place.submitBuy')}
        </button>
      </form>
      <TxStatus state={flow.state} testId="offer-status" />
      {signing !== null && (
        <p role="status" data-testid="offer-signing">
          {t(signing === 'permit' ? 'trading.place.signingPermit' : 'trading.place.signing')}
        </p>
      )}
      {signError && (
        <p className="error-text" role="alert" data-testid="offer-sign-error">
          {signError.kind === 'rejected' ? t('tx.rejected') : t('tx.failed', { reason: refusalText(signError) })}
        </p>
      )}
      {fetcher.state === 'idle' && <RelayMessage answer={fetcher.data} />}
    </section>
  );
}
