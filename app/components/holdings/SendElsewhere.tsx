/**
 * "Send to another address": a small disclosure beside the portfolio's claim / withdraw / refund buttons, closed by
 * default so the plain path stays one click. Open, it offers the same acts paid to an address the investor names
 * (elsewhere.ts), checks the address as it is typed, says in words what goes where before anything is signed, and for
 * a withdrawal asks the token first whether the recipient may hold its shares (`canTransfer` from the offering, the
 * transfer the withdrawal makes).
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import { useReadContract } from 'wagmi';
import { shareTokenAbi } from '#contracts';
import { errorNameOfSelector } from '#protocol/errors';
import { formatShares, formatUsd } from '~/lib/format';
import { checkRecipient, type ElsewhereKind, type ElsewherePosition } from './elsewhere';
import { refusalSentence } from './refusal';

type Position = ElsewherePosition & { token: { symbol: string } };

export function SendElsewhere({
  kinds,
  position,
  account,
  usdDecimals,
  busy,
  onSend,
  testId,
}: {
  kinds: ElsewhereKind[];
  position: Position;
  account: Address;
  usdDecimals: number;
  busy: boolean;
  onSend: (kind: ElsewhereKind, recipient: Address) => void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = useId();
  const [chosen, setChosen] = useState<ElsewhereKind | null>(null);
  const [text, setText] = useState('');
  // The choice survives while it is still offered; otherwise the first one offered (a claim paid out disappears).
  const kind = chosen && kinds.includes(chosen) ? chosen : kinds[0];
  const check = checkRecipient(text, account);
  const recipient = check.ok ? check.recipient : undefined;
  const verdict = useReadContract({
    address: position.token.address,
    abi: shareTokenAbi,
    functionName: 'canTransfer',
    args: recipient ? [position.token.offering, recipient, position.escrowedShares] : undefined,
    query: { enabled: Boolean(kind === 'withdrawSharesTo' && recipient && position.escrowedShares > 0n) },
  });
  if (!kind) return null;
  const refused =
    kind === 'withdrawSharesTo' && verdict.data && !verdict.data[0]
      ? refusalSentence(i18n, errorNameOfSelector(verdict.data[1]))
      : undefined;
  const usd = (amount: bigint) => formatUsd(amount, usdDecimals, locale, 6);
  const what = {
    claimTo: { amount: usd(position.claimable) },
    claimEscrowRevenue: { amount: usd(position.escrowRevenue) },
    withdrawSharesTo: { shares: formatShares(position.escrowedShares, locale), amount: usd(position.escrowRevenue) },
    refundTo: { amount: usd(position.paid) },
  }[kind];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (kind && recipient && !refused) onSend(kind, recipient);
  }

  return (
    <details className="send-elsewhere" data-testid={testId}>
      <summary>{t('holdings.elsewhere.summary')}</summary>
      <form className="stack" onSubmit={submit}>
        <p className="muted">{t('holdings.elsewhere.why')}</p>
        {kinds.length > 1 && (
          <fieldset>
            <legend>{t('holdings.elsewhere.what')}</legend>
            {kinds.map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name={`${id}-kind`}
                  value={option}
                  checked={option === kind}
                  onChange={() => setChosen(option)}
                />{' '}
                {t(`holdings.elsewhere.kind.${option}`)}
              </label>
            ))}
          </fieldset>
        )}
        <label htmlFor={`${id}-to`}>{t('holdings.elsewhere.recipient')}</label>
        <input
          id={`${id}-to`}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={!check.ok && check.reason !== 'empty'}
          aria-describedby={`${id}-effect`}
          data-testid="elsewhere-recipient"
        />
        {!check.ok && check.reason !== 'empty' && (
          <p className="error-text" data-testid="elsewhere-invalid">
            {t(`holdings.elsewhere.invalid.${check.reason}`)}
          </p>
        )}
        <p id={`${id}-effect`} data-testid="elsewhere-effect" data-kind={kind}>
          {t(`holdings.elsewhere.effect.${kind}`, {
            ...what,
            symbol: position.token.symbol,
            recipient: recipient ?? t('holdings.elsewhere.theAddress'),
          })}
        </p>
        {refused && (
          <p className="error-text" role="alert" data-testid="elsewhere-refused">
            {t('holdings.elsewhere.refused', { reason: refused })}
          </p>
        )}
        <button
          type="submit"
          className="secondary"
          disabled={busy || !recipient || Boolean(refused) || (kind === 'withdrawSharesTo' && verdict.isLoading)}
          data-testid="elsewhere-send"
        >
          {t(`holdings.elsewhere.send.${kind}`)}
        </button>
      </form>
    </details>
  );
}
