/**
 * Buying offering shares: an EIP-2612 permit signature plus buyWithPermit when the wallet can sign typed data
 * (eth_signTypedData_v4), else approve → buy. The cost is the offering's own quote (exact bigint), used as maxCost.
 */
import { useRevalidator } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, BaseError, MethodNotSupportedRpcError, parseSignature, parseUnits } from 'viem';
import { useConfig, useConnection, useReadContract } from 'wagmi';
import { getBlock, readContract, signTypedData, watchAsset } from 'wagmi/actions';
import { offeringAbi, testStablecoinAbi } from '#contracts';
import { ConnectWallet } from '~/components/ConnectWallet';
import { TxStatus } from '~/components/TxStatus';
import { formatShares, formatUsd, SHARE_DECIMALS } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';

const PERMIT_LIFETIME_SECONDS = 3_600n;

function parseShares(value: string): bigint | undefined {
  if (!/^\d+(\.\d{1,18})?$/.test(value.trim())) return undefined;
  const shares = parseUnits(value.trim(), SHARE_DECIMALS);
  return shares > 0n ? shares : undefined;
}

/** True when the wallet says it cannot sign typed data (so approve → buy is the way). */
function isUnsupportedSigning(error: unknown) {
  if (error instanceof BaseError && error.walk((inner) => inner instanceof MethodNotSupportedRpcError)) return true;
  const code =
    (error as { code?: number; cause?: { code?: number } }).code ??
    (error as { cause?: { code?: number } }).cause?.code;
  return code === 4200 || code === -32601;
}

export function BuyPanel(props: {
  offering: Address;
  token: { address: Address; symbol: string };
  stablecoin: Address;
  open: boolean;
}) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const config = useConfig();
  const connection = useConnection();
  const revalidator = useRevalidator();
  const flow = useTransactionFlow();
  const [amount, setAmount] = useState('1');
  const [method, setMethod] = useState<'permit' | 'approve' | null>(null);
  const [added, setAdded] = useState(false);
  const shares = parseShares(amount);
  const quote = useReadContract({
    address: props.offering,
    abi: offeringAbi,
    functionName: 'quote',
    args: shares ? [shares] : undefined,
    query: { enabled: Boolean(shares) },
  });

  async function buy() {
    const account = connection.address;
    if (!account || !shares) return;
    const receipt = await flow.run(async ({ send, setSigning }) => {
      const cost = await readContract(config, {
        address: props.offering,
        abi: offeringAbi,
        functionName: 'quote',
        args: [shares],
      });
      try {
        setSigning(t('buy.permit'));
        const [nonce, domain, head] = await Promise.all([
          readContract(config, {
            address: props.stablecoin,
            abi: testStablecoinAbi,
            functionName: 'nonces',
            args: [account],
          }),
          readContract(config, { address: props.stablecoin, abi: testStablecoinAbi, functionName: 'eip712Domain' }),
          getBlock(config),
        ]);
        // The chain's clock, not the browser's: a test chain may run ahead of wall time.
        const deadline = head.timestamp + PERMIT_LIFETIME_SECONDS;
        const signature = await signTypedData(config, {
          account,
          domain: { name: domain[1], version: domain[2], chainId: domain[3], verifyingContract: domain[4] },
          types: {
            Permit: [
              { name: 'owner', type: 'address' },
              { name: 'spender', type: 'address' },
              { name: 'value', type: 'uint256' },
              { name: 'nonce', type: 'uint256' },
              { name: 'deadline', type: 'uint256' },
            ],
          },
          primaryType: 'Permit',
          message: { owner: account, spender: props.offering, value: cost, nonce, deadline },
        });
        const { r, s, v, yParity } = parseSignature(signature);
        setMethod('permit');
        return await send({
          account,
          address: props.offering,
          abi: offeringAbi,
          functionName: 'buyWithPermit',
          args: [shares, cost, deadline, Number(v ?? BigInt(yParity + 27)), r, s],
        });
      } catch (error) {
        if (!isUnsupportedSigning(error)) throw error;
      }
      setMethod('approve');
      const allowance = await readContract(config, {
        address: props.stablecoin,
        abi: testStablecoinAbi,
        functionName: 'allowance',
        args: [account, props.offering],
      });
      if (allowance < cost) {
        await send(
          {
            account,
            address: props.stablecoin,
            abi: testStablecoinAbi,
            functionName: 'approve',
            args: [props.offering, cost],
          },
          'approve',
        );
      }
      return send(
        { account, address: props.offering, abi: offeringAbi, functionName: 'buy', args: [shares, cost] },
        'buy',
      );
    });
    if (receipt) revalidator.revalidate();
  }

  async function addToWallet() {
    await watchAsset(config, {
      type: 'ERC20',
      options: { address: props.token.address, symbol: props.token.symbol.slice(0, 11), decimals: SHARE_DECIMALS },
    });
    setAdded(true);
  }

  return (
    <section className="card" aria-labelledby="buy-heading">
      <h2 id="buy-heading">{t('buy.title')}</h2>
      {!connection.isConnected ? (
        <ConnectWallet />
      ) : !props.open ? (
        <p>{t('buy.notOpen')}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void buy();
          }}
        >
          <label htmlFor="buy-amount">{t('buy.amount')}</label>
          <input
            id="buy-amount"
            name="shares"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            aria-invalid={shares === undefined}
            aria-describedby="buy-cost"
          />
          <p id="buy-cost">
            {shares === undefined ? (
              <span className="error-text">{t('buy.invalid')}</span>
            ) : (
              <>
                {t('buy.cost')}:{' '}
                <strong data-testid="buy-cost">
                  {quote.data === undefined ? '…' : formatUsd(quote.data, usdDecimals, i18n.language, 6)}
                </strong>
              </>
            )}
          </p>
          <button type="submit" disabled={!shares || flow.busy}>
            {t('buy.submit')}
          </button>
        </form>
      )}
      {method && (
        <p className="muted" data-testid="buy-method" data-method={method}>
          {t('buy.method')}: {t(`buy.${method}`)}
        </p>
      )}
      <TxStatus state={flow.state} testId="buy-status" />
      {flow.state.step === 'confirmed' && shares !== undefined && (
        <p>
          {t('buy.bought', { shares: formatShares(shares, i18n.language) })}{' '}
          <button type="button" className="secondary" onClick={() => void addToWallet()}>
            {t('passport.addToWallet')}
          </button>
          {added && <span role="status"> {t('passport.added')}</span>}
        </p>
      )}
    </section>
  );
}
