/**
 * The timelock's operations: every pending one first (newest scheduled first), then the newest executed or cancelled
 * ones. Each shows every call it makes — a batch all of them, each decoded with its own target's ABI and naming the
 * contract (and the cluster of a token or offering), an unknown target or selector raw — its state and earliest
 * execution time with a countdown on the chain's clock, and Execute / Cancel for every pending one (a batch executes
 * with executeBatch). What is not listed is said, never cut silently: pending operations beyond the page's bound are
 * one "show all" away, older executed or cancelled ones are counted. The countdown starts from the head block's time
 * the loader read (so the server and the first client render agree) and ticks with the browser's clock after that;
 * the chain's simulation stays the judge of whether an operation is ready.
 */
import { Link, useRevalidator, useSearchParams } from '@remix-run/react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useChainClock } from '~/components/operator/sale/SaleCountdown';
import { formatDateTime } from '~/lib/format';
import type { GovernanceView, TimelockOperation } from '~/models/governance.server';
import type { TimelockCall } from '~/models/governance-operations.server';
import { durationText } from './duration';
import { type Authority, callSignature } from './use-governance';

/** Calls of a batch shown in its row; the rest fold under a disclosure in the same row (still on the page). */
export const CALLS_SHOWN = 8;

/** One call in words: its decoded signature, or its selector and calldata length when nothing decodes it. */
export function callText(call: TimelockCall, t: TFunction) {
  if (call.call) return callSignature(call.call.functionName, call.call.args);
  // Fewer than 4 bytes carry no selector: the calldata itself is shown.
  const selector = call.data.length >= 10 ? call.data.slice(0, 10) : call.data;
  const bytes = (call.data.length - 2) / 2;
  return call.contract.kind === 'unknown'
    ? t('governance.operations.unknownContract', { selector, bytes })
    : t('governance.operations.unknown', { selector, bytes });
}

/** The contract a call targets, in words: the protocol's name for it, or that it is none the console knows. */
function contractText(call: TimelockCall, t: TFunction) {
  const { contract } = call;
  if (contract.kind === 'shareToken' || contract.kind === 'offering') {
    return t(`governance.operations.contract.${contract.kind}`, { clusterId: contract.clusterId });
  }
  return t(`governance.operations.contract.${contract.kind}`);
}

/** An operation's name in a transaction label: its call, or a batch's first call and how many there are. */
function operationText(operation: TimelockOperation, t: TFunction) {
  const first = callText(operation.calls[0]!, t);
  return operation.batch ? t('governance.operations.batchLabel', { count: operation.batchSize, call: first }) : first;
}

function CallItem({ call }: { call: TimelockCall }) {
  const { t } = useTranslation();
  return (
    <li data-testid="operation-call-item" data-kind={call.contract.kind}>
      <code data-testid="operation-call">{callText(call, t)}</code>
      <div className="muted">
        <span data-testid="operation-contract">{contractText(call, t)}</span> <code>{call.target}</code>
        {call.value !== '0' && <> {t('governance.operations.value', { value: call.value })}</>}
      </div>
    </li>
  );
}

function Calls({ operation }: { operation: TimelockOperation }) {
  const { t } = useTranslation();
  const shown = operation.calls.slice(0, CALLS_SHOWN);
  const folded = operation.calls.slice(CALLS_SHOWN);
  return (
    <>
      {/* A batch's calls are numbered: the timelock makes them in this order. */}
      <ol className={operation.batch ? undefined : 'plain-list'} data-testid="operation-calls">
        {shown.map((call) => (
          <CallItem key={call.index} call={call} />
        ))}
      </ol>
      {folded.length > 0 && (
        <details>
          <summary>{t('governance.operations.moreCalls', { count: folded.length })}</summary>
          <ol start={CALLS_SHOWN + 1}>
            {folded.map((call) => (
              <CallItem key={call.index} call={call} />
            ))}
          </ol>
        </details>
      )}
      {operation.batch && (
        <div className="muted" data-testid="operation-batch">
          {t('governance.operations.batch', { count: operation.batchSize })}
        </div>
      )}
    </>
  );
}

export function OperationsPanel({
  view,
  authority,
  busy,
  execute,
  cancel,
}: {
  view: GovernanceView;
  authority: Authority;
  busy: boolean;
  execute: (operation: TimelockOperation, label: string) => Promise<void>;
  cancel: (operation: TimelockOperation, label: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const now = Number(useChainClock(BigInt(view.head.timestamp)));
  const revalidator = useRevalidator();
  const [searchParams] = useSearchParams();
  const all = new URLSearchParams(searchParams);
  all.set('operations', 'all');
  return (
    <section className="card" aria-labelledby="operations-heading" data-testid="governance-operations">
      <h2 id="operations-heading">{t('governance.operations.title')}</h2>
      {/* The chain's clock moves on its own (and anvil's by hand): asking again reads the head block afresh. */}
      <button type="button" onClick={() => revalidator.revalidate()} disabled={revalidator.state !== 'idle'}>
        {t('governance.operations.refresh')}
      </button>
      {view.operations.length === 0 ? (
        <p className="empty">{t('governance.operations.none', { from: view.scannedFrom })}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('governance.operations.call')}</th>
                <th scope="col">{t('governance.operations.state')}</th>
                <th scope="col">{t('governance.operations.readyAt')}</th>
                <th scope="col">{t('governance.operations.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.operations.map((operation) => {
                const label = operationText(operation, t);
                const open = operation.state === 'waiting' || operation.state === 'ready';
                const remaining = operation.readyAt === null ? 0 : Number(operation.readyAt) - now;
                const due = operation.state === 'ready' || (open && remaining <= 0);
                return (
                  <tr
                    key={operation.id}
                    data-testid={`operation-${operation.id}`}
                    data-state={operation.state}
                    data-calls={operation.batchSize}
                  >
                    <td>
                      <Calls operation={operation} />
                    </td>
                    <td data-testid="operation-state">{t(`governance.operations.${operation.state}`)}</td>
                    <td data-testid="operation-ready-at" data-value={operation.readyAt ?? ''}>
                      {operation.readyAt !== null && (
                        <>
                          {formatDateTime(BigInt(operation.readyAt), i18n.language)}
                          {!due && (
                            <div className="muted" data-testid="operation-countdown">
                              {t('governance.operations.in', { duration: durationText(remaining) })}
                            </div>
                          )}
                        </>
                      )}
                    </td>
                    <td>
                      {open && (
                        <>
                          <button
                            type="button"
                            disabled={busy || !authority.canExecute || !due}
                            onClick={() => execute(operation, t('governance.labels.execute', { call: label }))}
                          >
                            {t('governance.operations.execute')}
                          </button>{' '}
                          <button
                            type="button"
                            disabled={busy || !authority.canCancel}
                            onClick={() => cancel(operation, t('governance.labels.cancel', { call: label }))}
                          >
                            {t('governance.operations.cancel')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {view.notShown.pending > 0 && (
        <p data-testid="operations-pending-not-shown" data-value={view.notShown.pending}>
          {t('governance.operations.pendingNotShown', { count: view.notShown.pending, limit: view.notShown.limit })}{' '}
          <Link to={`?${all}`}>{t('governance.operations.showAll')}</Link>
        </p>
      )}
      {view.notShown.done > 0 && (
        <p className="muted" data-testid="operations-done-not-shown" data-value={view.notShown.done}>
          {t('governance.operations.doneNotShown', { count: view.notShown.done, limit: view.notShown.limit })}
        </p>
      )}
    </section>
  );
}
