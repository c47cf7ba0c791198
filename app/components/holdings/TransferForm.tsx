/**
 * Sending shares to another address, with the token's own verdict (`canTransfer`) shown before anything is signed.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, isAddress, parseUnits } from 'viem';
import { useReadContract } from 'wagmi';
import { shareTokenAbi } from '#contracts';
import { errorNameOfSelector } from '#protocol/errors';
import type { TokenRef } from '~/components/positions';
import { SHARE_DECIMALS } from '~/lib/format';
import { contractRefusal } from './refusal';

export function TransferForm<Token extends TokenRef>({
  account,
  positions,
  onSend,
  busy,
}: {
  account: Address;
  positions: { token: Token; balance: bigint }[];
  onSend: (token: Token, to: Address, amount: bigint) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [tokenAddress, setTokenAddress] = useState(positions[0]?.token.address ?? '');
  const [recipient, setRecipient] = useState('');
  const [amountText, setAmountText] = useState('');
  const token = positions.find((position) => position.token.address === tokenAddress)?.token;
  const to = isAddress(recipient) ? recipient : undefined;
  let amount: bigint | undefined;
  try {
    amount = /^\d+(\.\d{1,18})?$/.test(amountText.trim()) ? parseUnits(amountText.trim(), SHARE_DECIMALS) : undefined;
  } catch {
    amount = undefined;
  }
  const check = useReadContract({
    address: token?.address,
    abi: shareTokenAbi,
    functionName: 'canTransfer',
    args: to && amount ? [account, to, amount] : undefined,
    query: { enabled: Boolean(token && to && amount) },
  });
  const blocked = check.data && !check.data[0] ? errorNameOfSelector(check.data[1]) : undefined;
  return (
    <section className="card" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('portfolio.transfer')}</h2>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (token && to && amount && !blocked) onSend(token, to, amount);
        }}
      >
        <label htmlFor="transfer-token">{t('portfolio.token')}</label>
        <select id="transfer-token" value={tokenAddress} onChange={(event) => setTokenAddress(event.target.value)}>
          {positions.map((position) => (
            <option key={position.token.address} value={position.token.address}>
              {position.token.symbol}
            </option>
          ))}
        </select>
        <label htmlFor="transfer-to">{t('portfolio.recipient')}</label>
        <input
          id="transfer-to"
          autoComplete="off"
          spellCheck={false}
          value={recipient}
          onChange={(event) => setRecipient(event.target.value.trim())}
          aria-invalid={recipient !== '' && !to}
        />
        {recipient !== '' && !to && <p className="error-text">{t('portfolio.invalidAddress')}</p>}
        <label htmlFor="transfer-amount">{t('portfolio.amount')}</label>
        <input
          id="transfer-amount"
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(event) => setAmountText(event.target.value)}
          aria-invalid={amountText !== '' && !amount}
        />
        {amountText !== '' && !amount && <p className="error-text">{t('portfolio.invalidAmount')}</p>}
        {blocked && (
          <p className="error-text" role="alert" data-testid="transfer-blocked">
            {t('portfolio.cannotTransfer', { reason: contractRefusal(blocked) })}
          </p>
        )}
        <button type="submit" disabled={busy || !token || !to || !amount || Boolean(blocked) || check.isLoading}>
          {t('portfolio.send')}
        </button>
      </form>
    </section>
  );
}
