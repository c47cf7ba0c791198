/**
 * Forced transfer and wallet recovery, each with a required reason and a document reference. The reason is recorded
 * through the tab's action FIRST (intent `recordIntervention`), then the wallet sends the transaction, then the mined
 * hash keys the record (`attachTx`); a transaction the wallet refused or the chain reverted drops its record
 * (`abandon`). app/models/interventions.server.ts says why in this order. What the move does to the holders' shares
 * and revenue is read from the chain (balance, claimable) and said before the button.
 */
import { useFetcher } from '@remix-run/react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, getAddress, isAddress, parseUnits } from 'viem';
import { useReadContracts } from 'wagmi';
import { shareTokenAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { formatShares, formatUsd, SHARE_DECIMALS } from '~/lib/format';
import { refusalMessage } from '~/lib/refusal';
import { useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';
import type { ClusterDocument } from '~/models/documents.server';

type Kind = 'forced_transfer' | 'wallet_recovered';
type Planned = { id?: number; kind: Kind; from: Address; to: Address; amount: bigint };
const OTHER_DOCUMENT = 'other';
const SHARE_AMOUNT = new RegExp(`^\\d+(\\.\\d{1,${SHARE_DECIMALS}})?$`);

const addressOf = (text: string) => (isAddress(text.trim(), { strict: true }) ? getAddress(text.trim()) : undefined);

export function InterventionForm({
  clusterId,
  token,
  account,
  signedIn,
  documents,
  onDone,
}: {
  clusterId: string;
  token: Address;
  account: Address;
  signedIn: boolean;
  documents: ClusterDocument[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const usdDecimals = useStablecoinDecimals();
  const flow = useTransactionFlow();
  const record = useFetcher<unknown>();
  const follow = useFetcher<unknown>();
  const action = `/operator/${clusterId}/investors`;
  const [kind, setKind] = useState<Kind>('wallet_recovered');
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [documentChoice, setDocumentChoice] = useState(documents[0] ? String(documents[0].id) : OTHER_DOCUMENT);
  const [invalid, setInvalid] = useState<string>();
  const planned = useRef<Planned | null>(null);
  const from = addressOf(fromText);
  const to = addressOf(toText);
  const reads = useReadContracts({
    contracts: [
      { address: token, abi: shareTokenAbi, functionName: 'balanceOf', args: [from!] },
      { address: token, abi: shareTokenAbi, functionName: 'claimable', args: [from!] },
    ],
    allowFailure: false,
    query: { enabled: from !== undefined, refetchInterval: 15_000 },
  });
  const [balance, claimable] = reads.data ?? [];
  const amount = (() => {
    try {
      return SHARE_AMOUNT.test(amountText.trim()) ? parseUnits(amountText.trim(), SHARE_DECIMALS) : undefined;
    } catch {
      return undefined;
    }
  })();

  // The reason is on record: now the wallet sends the transaction it explains.
  useEffect(() => {
    const answer = record.data as { intervention?: { id: number } } | undefined;
    const plan = planned.current;
    if (record.state !== 'idle' || !answer?.intervention || !plan || plan.id !== undefined) return;
    const id = answer.intervention.id;
    plan.id = id;
    void (async () => {
      const receipt = await flow.run(({ send }) =>
        send(
          plan.kind === 'forced_transfer'
            ? {
                account,
                address: token,
                abi: shareTokenAbi,
                functionName: 'forcedTransfer',
                args: [plan.from, plan.to, plan.amount],
              }
            : {
                account,
                address: token,
                abi: shareTokenAbi,
                functionName: 'recoverWallet',
                args: [plan.from, plan.to],
              },
          t(`investors.tx.${plan.kind}`),
        ),
      );
      planned.current = null;
      if (receipt) {
        follow.submit(
          { intent: 'attachTx', id: String(id), txHash: receipt.transactionHash },
          { method: 'post', action },
        );
        await reads.refetch();
        onDone();
      }
    })();
  }, [record.state, record.data, flow, account, token, t, follow, action, reads, onDone]);

  // A transaction certainly not mined (refused in the wallet, or reverted) leaves no reason behind it.
  const state = flow.state;
  const lastId = useRef<number>();
  useEffect(() => {
    const answer = record.data as { intervention?: { id: number } } | undefined;
    const id = answer?.intervention?.id;
    if (state.step !== 'failed' || id === undefined || lastId.current === id) return;
    if (state.error.kind === 'other') return;
    lastId.current = id;
    follow.submit({ intent: 'abandon', id: String(id) }, { method: 'post', action });
  }, [state, record.data, follow, action]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!from) return setInvalid(t('investors.intervene.invalidFrom'));
    if (!to || to === from) return setInvalid(t('investors.intervene.invalidTo'));
    if (kind === 'forced_transfer' && (amount === undefined || amount === 0n))
      return setInvalid(t('investors.intervene.invalidAmount'));
    if (reason.trim() === '') return setInvalid(t('investors.intervene.reasonRequired'));
    setInvalid(undefined);
    // A failure of the previous attempt must not read as this one's (the abandon effect above).
    flow.reset();
    planned.current = { kind, from, to, amount: amount ?? 0n };
    const form = new FormData(event.currentTarget);
    form.set('intent', 'recordIntervention');
    form.set('kind', kind);
    form.set('from', from);
    form.set('to', to);
    if (kind === 'forced_transfer') form.set('amount', (amount ?? 0n).toString());
    else form.delete('amount');
    if (documentChoice !== OTHER_DOCUMENT) form.set('documentId', documentChoice);
    record.submit(form, { method: 'post', action });
  }

  const refusal = record.state === 'idle' ? refusalMessage(record.data) : undefined;
  const busy = flow.busy || record.state !== 'idle';
  const effect =
    from && balance !== undefined && claimable !== undefined
      ? kind === 'wallet_recovered'
        ? t('investors.intervene.recoverEffect', {
            shares: formatShares(balance, i18n.language),
            revenue: formatUsd(claimable, usdDecimals, i18n.language, usdDecimals),
          })
        : t('investors.intervene.forcedEffect', {
            shares: formatShares(amount ?? 0n, i18n.language),
            balance: formatShares(balance, i18n.language),
            revenue: formatUsd(claimable, usdDecimals, i18n.language, usdDecimals),
          })
      : t(kind === 'wallet_recovered' ? 'investors.intervene.recoverRule' : 'investors.intervene.forcedRule');

  return (
    <section className="stack" aria-labelledby="intervene-heading">
      <h3 id="intervene-heading">{t('investors.intervene.title')}</h3>
      {!signedIn && <p className="error-text">{t('investors.intervene.signInFirst')}</p>}
      <form className="stack" onSubmit={submit} noValidate aria-labelledby="intervene-heading">
        <fieldset>
          <legend>{t('investors.intervene.kind')}</legend>
          {(['wallet_recovered', 'forced_transfer'] as const).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="kindChoice"
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
                data-testid={`intervene-kind-${option}`}
              />{' '}
              {t(`investors.kinds.${option}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="intervene-from">
          {kind === 'wallet_recovered' ? t('investors.intervene.lost') : t('investors.intervene.from')}
        </label>
        <input
          id="intervene-from"
          value={fromText}
          onChange={(e) => setFromText(e.currentTarget.value)}
          autoComplete="off"
        />
        <label htmlFor="intervene-to">
          {kind === 'wallet_recovered' ? t('investors.intervene.replacement') : t('investors.intervene.to')}
        </label>
        <input id="intervene-to" value={toText} onChange={(e) => setToText(e.currentTarget.value)} autoComplete="off" />
        {kind === 'forced_transfer' && (
          <>
            <label htmlFor="intervene-amount">{t('investors.intervene.amount')}</label>
            <input
              id="intervene-amount"
              inputMode="decimal"
              value={amountText}
              onChange={(e) => setAmountText(e.currentTarget.value)}
            />
          </>
        )}
        <label htmlFor="intervene-reason">{t('investors.intervene.reason')}</label>
        <textarea
          id="intervene-reason"
          name="reason"
          rows={3}
          maxLength={1_000}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <label htmlFor="intervene-document">{t('investors.intervene.document')}</label>
        <select
          id="intervene-document"
          value={documentChoice}
          onChange={(e) => setDocumentChoice(e.currentTarget.value)}
        >
          {documents.map((document) => (
            <option key={document.id} value={String(document.id)}>
              {document.title}
            </option>
          ))}
          <option value={OTHER_DOCUMENT}>{t('investors.intervene.otherDocument')}</option>
        </select>
        {documentChoice === OTHER_DOCUMENT && (
          <>
            <label htmlFor="intervene-document-title">{t('investors.intervene.documentTitle')}</label>
            <input id="intervene-document-title" name="documentTitle" maxLength={120} />
            <label htmlFor="intervene-document-uri">{t('investors.intervene.documentUri')}</label>
            <input id="intervene-document-uri" name="documentUri" placeholder="https://… / ipfs://…" />
            <label htmlFor="intervene-document-sha256">{t('investors.intervene.documentSha256')}</label>
            <input id="intervene-document-sha256" name="documentSha256" placeholder="0x…" />
          </>
        )}
        <p className="muted" id="intervene-effect" data-testid="intervene-effect">
          {effect}
        </p>
        {invalid && (
          <p className="error-text" role="alert">
            {invalid}
          </p>
        )}
        {refusal && (
          <p className="error-text" role="alert" data-testid="intervene-refusal">
            {refusal}
          </p>
        )}
        <button
          type="submit"
          disabled={busy || !signedIn}
          aria-describedby="intervene-effect"
          data-testid="intervene-submit"
        >
          {t(`investors.intervene.submit.${kind}`)}
        </button>
        <TxStatus state={flow.state} testId="intervene-status" />
      </form>
    </section>
  );
}
