/**
 * The timelock's operations, newest first: the call (decoded when it is the protocol's), its target, its state and
 * earliest execution time with a countdown on the chain's clock, and Execute / Cancel. The countdown starts from the
 * head block's time the loader read (so the server and the first client render agree) and ticks with the browser's
 * clock after that; the chain's simulation stays the judge of whether an operation is ready.
 */
import { useRevalidator } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useChainClock } from '~/components/operator/sale/SaleCountdown';
import { formatDateTime } from '~/lib/format';
import type { GovernanceView, TimelockOperation } from '~/models/governance.server';
import { durationText } from './duration';
import { type Authority, callSignature } from './use-governance';

export function callText(operation: TimelockOperation, unknown: (selector: string) => string) {
  if (!operation.call) return unknown(operation.data.slice(0, 10));
  return callSignature(operation.call.functionName, operation.call.args);
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
  const unknown = (selector: string) => t('governance.operations.unknown', { selector });
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
                <th scope="col">{t('governance.operations.target')}</th>
                <th scope="col">{t('governance.operations.state')}</th>
                <th scope="col">{t('governance.operations.readyAt')}</th>
                <th scope="col">{t('governance.operations.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.operations.map((operation) => {
                const call = callText(operation, unknown);
                const open = operation.state === 'waiting' || operation.state === 'ready';
                const remaining = operation.readyAt === null ? 0 : Number(operation.readyAt) - now;
                const due = operation.state === 'ready' || (open && remaining <= 0);
                return (
                  <tr key={operation.id} data-testid={`operation-${operation.id}`} data-state={operation.state}>
                    <td>
                      <code data-testid="operation-call">{call}</code>
                      {operation.batchSize > 1 && (
                        <div className="muted">{t('governance.operations.batch', { count: operation.batchSize })}</div>
                      )}
                    </td>
                    <td>
                      <code>{operation.target}</code>
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
                      {open && operation.batchSize === 1 && (
                        <>
                          <button
                            type="button"
                            disabled={busy || !authority.canExecute || !due}
                            onClick={() => execute(operation, t('governance.labels.execute', { call }))}
                          >
                            {t('governance.operations.execute')}
                          </button>{' '}
                          <button
                            type="button"
                            disabled={busy || !authority.canCancel}
                            onClick={() => cancel(operation, t('governance.labels.cancel', { call }))}
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
    </section>
  );
}
