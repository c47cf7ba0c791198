/**
 * Forced transfer and wallet recovery, each with a required reason and a document reference. The reason is recorded
 * through the tab's action FIRST (intent `recordIntervention`), then the wallet sends the transaction, then the mined
 * hash keys the record (`attachTx`); a transaction the wallet refused or the chain reverted drops its record
 * (`abandon`). app/models/interventions.server.ts says why in this order. What the move does to the holders' shares
 * and revenue is read from the chain (balance, claimable) and said before the button.
 *
 * A lost wallet may also hold a purchase still in the offering's escrow (bought, not yet withdrawn): a recovery then
 * offers to move it too (Offering.recoverPurchase, a second transaction with its own record of the same reason). It is
 * sent FIRST: the offering's conditions (the buyer frozen, the sale settled successfully) are the stricter, so a
 * refusal leaves nothing half done. Without shares or revenue on the token, only the purchase moves.
 */
import { useFetcher } from '@remix-run/react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, getAddress, isAddress, parseUnits } from 'viem';
import { useConfig, useReadContracts } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { offeringAbi, shareTokenAbi } from '#contracts';
import { offeringPhaseName } from '#protocol/status-names';
import { TxStatus } from '~/components/TxStatus';
import { describeError } from '~/lib/contract-errors';
import { formatShares, formatUsd, SHARE_DECIMALS } from '~/lib/format';
import { refusalMessage } from '~/lib/refusal';
import { TransactionRevertedError, useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';
import type { ClusterDocument } from '~/models/documents.server';

type Kind = 'forced_transfer' | 'wallet_recovered';
type StepKind = Kind | 'purchase_recovered';
type Step = { kind: StepKind; id: number };
type Planned = {
  kind: Kind;
  from: Address;
  to: Address;
  amount: bigint;
  /** The kinds recorded, in the order the wallet sends them. */
  sends: StepKind[];
  steps?: Step[];
};
/** The replacement's purchase in the offering's escrow, read at the block that moved it. */
type Moved = { to: Address; shares: bigint; revenue: bigint };
const OTHER_DOCUMENT = 'other';
/**
 * The server checks a reported hash against its own node's receipt: a node a block behind the wallet's answers
 * `transaction_not_mined` (409, retryable). The report is sent again, a bounded number of times; should they all fail,
 * the history still pairs the reason with its mined event, and the next reason recorded keys it.
 */
const ATTACH_RETRIES = 5;
const ATTACH_RETRY_MS = 2_000;
const SHARE_AMOUNT = new RegExp(`^\\d+(\\.\\d{1,${SHARE_DECIMALS}})?$`);

const addressOf = (text: string) => (isAddress(text.trim(), { strict: true }) ? getAddress(text.trim()) : undefined);

export function InterventionForm({
  clusterId,
  token,
  offering,
  account,
  signedIn,
  documents,
  onDone,
}: {
  clusterId: string;
  token: Address;
  offering: Address;
  account: Address;
  signedIn: boolean;
  documents: ClusterDocument[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const usdDecimals = useStablecoinDecimals();
  const flow = useTransactionFlow();
  const config = useConfig();
  const record = useFetcher<unknown>();
  // One fetcher per transaction of an intervention (at most two): a second submit on one fetcher would cancel the first.
  const follow = useFetcher<unknown>();
  const followNext = useFetcher<unknown>();
  /** The attachTx report each follower sent last, and how many times it was sent again. */
  const reports = useRef<({ id: string; txHash: string; tries: number } | undefined)[]>([]);
  const action = `/operator/${clusterId}/investors`;
  const [kind, setKind] = useState<Kind>('wallet_recovered');
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [documentChoice, setDocumentChoice] = useState(documents[0] ? String(documents[0].id) : OTHER_DOCUMENT);
  const [invalid, setInvalid] = useState<string>();
  const [movePurchase, setMovePurchase] = useState(true);
  const [moved, setMoved] = useState<Moved>();
  const planned = useRef<Planned | null>(null);
  const from = addressOf(fromText);
  const to = addressOf(toText);
  const reads = useReadContracts({
    contracts: [
      { address: token, abi: shareTokenAbi, functionName: 'balanceOf', args: [from!] },
      { address: token, abi: shareTokenAbi, functionName: 'claimable', args: [from!] },
      { address: token, abi: shareTokenAbi, functionName: 'isFrozen', args: [from!] },
      { address: offering, abi: offeringAbi, functionName: 'purchasedOf', args: [from!] },
      { address: offering, abi: offeringAbi, functionName: 'escrowRevenueOf', args: [from!] },
      { address: offering, abi: offeringAbi, functionName: 'phase' },
    ],
    allowFailure: false,
    query: { enabled: from !== undefined, refetchInterval: 15_000 },
  });
  const [balance, claimable, frozen, purchase, escrowRevenue, phaseValue] = reads.data ?? [];
  const [purchaseShares, purchasePaid] = purchase ?? [];
  const phase = phaseValue === undefined ? undefined : offeringPhaseName(phaseValue);
  /** The lost wallet still has a purchase in the offering's escrow: the recovery offers to move it too. */
  const hasPurchase = kind === 'wallet_recovered' && purchaseShares !== undefined && purchaseShares > 0n;
  /** Nothing of the lost wallet on the token itself: recoverWallet would refuse (NothingToRecover), only the purchase moves. */
  const tokenEmpty = balance === 0n && claimable === 0n;
  const withPurchase = hasPurchase && movePurchase;
  const sends: StepKind[] =
    kind === 'forced_transfer'
      ? ['forced_transfer']
      : withPurchase
        ? tokenEmpty
          ? ['purchase_recovered']
          : ['purchase_recovered', 'wallet_recovered']
        : ['wallet_recovered'];
  const amount = (() => {
    try {
      return SHARE_AMOUNT.test(amountText.trim()) ? parseUnits(amountText.trim(), SHARE_DECIMALS) : undefined;
    } catch {
      return undefined;
    }
  })();

  // The reasons are on record: now the wallet sends the transactions they explain, one after the other.
  useEffect(() => {
    const answer = record.data as { intervention?: { id: number }; purchase?: { id: number } } | undefined;
    const plan = planned.current;
    if (record.state !== 'idle' || !answer?.intervention || !plan || plan.steps !== undefined) return;
    // The action answers `intervention` for the kind asked, `purchase` for the purchase recorded with a recovery.
    const idOf = (kind: StepKind) =>
      kind === 'purchase_recovered' && answer.purchase ? answer.purchase.id : answer.intervention!.id;
    const steps = plan.sends.map((kind) => ({ kind, id: idOf(kind) }));
    plan.steps = steps;
    const followers = [follow, followNext];
    const requestOf = (kind: StepKind) =>
      kind === 'forced_transfer'
        ? {
            account,
            address: token,
            abi: shareTokenAbi,
            functionName: 'forcedTransfer',
            args: [plan.from, plan.to, plan.amount],
          }
        : kind === 'wallet_recovered'
          ? { account, address: token, abi: shareTokenAbi, functionName: 'recoverWallet', args: [plan.from, plan.to] }
          : {
              account,
              address: offering,
              abi: offeringAbi,
              functionName: 'recoverPurchase',
              args: [plan.from, plan.to],
            };
    void (async () => {
      let mined = 0;
      let failure: unknown;
      let purchaseBlock: bigint | undefined;
      const receipt = await flow.run(async ({ send }) => {
        let last: Awaited<ReturnType<typeof send>> | undefined;
        for (const [index, step] of steps.entries()) {
          try {
            last = await send(requestOf(step.kind), t(`investors.tx.${step.kind}`));
          } catch (error) {
            failure = error;
            throw error;
          }
          mined += 1;
          if (step.kind === 'purchase_recovered') purchaseBlock = last.blockNumber;
          reports.current[index] = { id: String(step.id), txHash: last.transactionHash, tries: 0 };
          followers[index]!.submit(
            { intent: 'attachTx', id: String(step.id), txHash: last.transactionHash },
            { method: 'post', action },
          );
        }
        return last!;
      });
      planned.current = null;
      if (!receipt) {
        // A transaction certainly not mined (refused in the wallet, or reverted) leaves no reason behind it, nor do
        // the ones after it, never sent. An unclear failure (the node stopped answering) keeps its reason: it may
        // have been mined, and the history matches it then (interventions.server.ts).
        const described = failure instanceof TransactionRevertedError ? undefined : describeError(failure);
        steps.forEach((step, index) => {
          if (index < mined || (index === mined && described?.kind === 'other')) return;
          followers[index]!.submit({ intent: 'abandon', id: String(step.id) }, { method: 'post', action });
        });
      }
      if (purchaseBlock !== undefined) {
        // What the replacement now holds in the escrow, as the chain has it at the block that moved it.
        const read = { address: offering, abi: offeringAbi, args: [plan.to], blockNumber: purchaseBlock } as const;
        const [[shares], revenue] = await Promise.all([
          readContract(config, { ...read, functionName: 'purchasedOf' }),
          readContract(config, { ...read, functionName: 'escrowRevenueOf' }),
        ]);
        setMoved({ to: plan.to, shares, revenue });
      }
      if (mined > 0) {
        await reads.refetch();
        onDone();
      }
    })();
  }, [record.state, record.data, flow, config, account, token, offering, t, follow, followNext, action, reads, onDone]);

  // A report the server's node could not check yet is sent again (ATTACH_RETRIES), counted when it is sent.
  const followerRefs = useRef([follow, followNext]);
  followerRefs.current = [follow, followNext];
  const answers = [
    follow.state === 'idle' ? follow.data : undefined,
    followNext.state === 'idle' ? followNext.data : undefined,
  ];
  const [firstAnswer, secondAnswer] = answers;
  useEffect(() => {
    const timers = [firstAnswer, secondAnswer].flatMap((answer, index) => {
      const report = reports.current[index];
      const code = (answer as { error?: { code?: string } } | undefined)?.error?.code;
      if (!report || code !== 'transaction_not_mined' || report.tries >= ATTACH_RETRIES) return [];
      return [
        setTimeout(() => {
          report.tries += 1;
          followerRefs.current[index]!.submit(
            { intent: 'attachTx', id: report.id, txHash: report.txHash },
            { method: 'post', action },
          );
        }, ATTACH_RETRY_MS),
      ];
    });
    return () => {
      for (const timer of timers) clearTimeout(timer);
    };
  }, [firstAnswer, secondAnswer, action]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!from) return setInvalid(t('investors.intervene.invalidFrom'));
    if (!to || to === from) return setInvalid(t('investors.intervene.invalidTo'));
    if (kind === 'forced_transfer' && (amount === undefined || amount === 0n))
      return setInvalid(t('investors.intervene.invalidAmount'));
    if (reason.trim() === '') return setInvalid(t('investors.intervene.reasonRequired'));
    setInvalid(undefined);
    setMoved(undefined);
    // A failure of the previous attempt must not read as this one's.
    flow.reset();
    planned.current = { kind, from, to, amount: amount ?? 0n, sends };
    const form = new FormData(event.currentTarget);
    form.set('intent', 'recordIntervention');
    // The action records one reason per transaction: the kind asked, and the purchase's with a recovery.
    form.set('kind', sends.length === 1 ? sends[0]! : kind);
    if (sends.length > 1) form.set('withPurchase', 'true');
    form.set('from', from);
    form.set('to', to);
    if (kind === 'forced_transfer') form.set('amount', (amount ?? 0n).toString());
    else form.delete('amount');
    if (documentChoice !== OTHER_DOCUMENT) form.set('documentId', documentChoice);
    record.submit(form, { method: 'post', action });
  }

  const refusal = record.state === 'idle' ? refusalMessage(record.data) : undefined;
  const busy = flow.busy || record.state !== 'idle';
  const purchaseEffect =
    hasPurchase && purchasePaid !== undefined && escrowRevenue !== undefined
      ? [
          t('investors.intervene.purchaseEffect', {
            shares: formatShares(purchaseShares!, i18n.language),
            paid: formatUsd(purchasePaid, usdDecimals, i18n.language, usdDecimals),
            revenue: formatUsd(escrowRevenue, usdDecimals, i18n.language, usdDecimals),
          }),
          ...(phase !== 'Finalized' ? [t('investors.intervene.purchaseNotSettled', { phase })] : []),
          ...(frozen === false ? [t('investors.intervene.purchaseNotFrozen')] : []),
          ...(tokenEmpty ? [t('investors.intervene.purchaseOnly')] : []),
        ].join(' ')
      : undefined;
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
        {hasPurchase && (
          <>
            <label>
              <input
                type="checkbox"
                checked={movePurchase}
                onChange={(e) => setMovePurchase(e.currentTarget.checked)}
                aria-describedby="intervene-purchase-effect"
                data-testid="intervene-move-purchase"
              />{' '}
              {t('investors.intervene.movePurchase')}
            </label>
            <p className="muted" id="intervene-purchase-effect" data-testid="intervene-purchase-effect">
              {purchaseEffect}
            </p>
          </>
        )}
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
        {!(withPurchase && tokenEmpty) && (
          <p className="muted" id="intervene-effect" data-testid="intervene-effect">
            {effect}
          </p>
        )}
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
          aria-describedby={
            [!(withPurchase && tokenEmpty) && 'intervene-effect', hasPurchase && 'intervene-purchase-effect']
              .filter(Boolean)
              .join(' ') || undefined
          }
          data-testid="intervene-submit"
        >
          {t(`investors.intervene.submit.${sends.length > 1 ? 'withPurchase' : sends.length === 1 ? sends[0]! : kind}`)}
        </button>
        <TxStatus state={flow.state} testId="intervene-status" />
        {moved && (
          <p data-testid="intervene-moved">
            {t('investors.intervene.moved', { to: moved.to })}{' '}
            <span data-testid="intervene-moved-shares">
              {formatShares(moved.shares, i18n.language, SHARE_DECIMALS)}
            </span>{' '}
            {t('investors.intervene.movedShares')} ·{' '}
            <span data-testid="intervene-moved-revenue">
              {formatUsd(moved.revenue, usdDecimals, i18n.language, usdDecimals)}
            </span>{' '}
            {t('investors.intervene.movedRevenue')}
          </p>
        )}
      </form>
    </section>
  );
}
