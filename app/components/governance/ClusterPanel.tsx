/**
 * One cluster, picked by id (a GET form: the page reads only the cluster asked for, never a list of every cluster),
 * with its status, its token's governance pause and its sale's phase, and the acts governance has on each: suspend,
 * lift, retire; pause and unpause the token; cancel the sale into refunds. Suspending and pausing are the guardian's
 * too, at once; lifting either always waits for the owner.
 */
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { clusterRegistryAbi, offeringAbi, shareTokenAbi } from '#contracts';
import type { ClusterControls, GovernanceView } from '~/models/governance.server';
import { ActAs } from './ActAs';
import { type Authority, callSignature, type GovernanceCall } from './use-governance';

type Propose = (call: GovernanceCall, label: string, options?: { asGuardian?: boolean }) => Promise<void>;

/** Phases with no outcome yet: the only ones `cancel` accepts (Offering.sol, `_outcome == None`). */
const CANCELLABLE = new Set(['Pending', 'Open', 'SoldOut']);

export function ClusterPanel({
  view,
  asked,
  cluster,
  authority,
  busy,
  propose,
}: {
  view: GovernanceView;
  asked: string | null;
  cluster: ClusterControls | null;
  authority: Authority;
  busy: boolean;
  propose: Propose;
}) {
  const { t } = useTranslation();
  const verb = view.timelock ? 'governance.labels.schedule' : 'governance.labels.send';
  const act = (call: GovernanceCall, asGuardian = false) =>
    propose(
      call,
      asGuardian
        ? t('governance.labels.send', { call: call.functionName })
        : t(verb, { call: callSignature(call.functionName, call.args) }),
      { asGuardian },
    );
  const owner = !busy && authority.canPropose;
  const guardianAct = authority.isGuardian && !busy;

  return (
    <section className="card" aria-labelledby="cluster-heading" data-testid="governance-cluster">
      <h2 id="cluster-heading">{t('governance.cluster.title')}</h2>
      <Form method="get" preventScrollReset>
        <label>
          {t('governance.cluster.pick')}
          <input
            name="cluster"
            inputMode="numeric"
            defaultValue={asked ?? ''}
            required
            pattern="[0-9]+"
            data-testid="governance-cluster-id"
          />
        </label>
        <button type="submit">{t('governance.cluster.show')}</button>
      </Form>
      {asked && !cluster && (
        <p role="alert" data-testid="governance-cluster-missing">
          {t('governance.cluster.missing', { id: asked })}
        </p>
      )}
      {cluster && (
        <div data-testid={`governance-cluster-${cluster.clusterId}`}>
          <dl>
            <dt>{t('governance.cluster.status')}</dt>
            <dd data-testid="governance-cluster-status" data-value={cluster.status}>
              {t(`status.${cluster.status}`)}
            </dd>
            <dt>{t('governance.cluster.operator')}</dt>
            <dd>
              <code>{cluster.operator}</code>
            </dd>
          </dl>
          <ActAs
            view={view}
            effect={t('governance.cluster.suspendEffect')}
            asGuardian={authority.isGuardian}
            testId="governance-suspend"
          >
            {(describedBy) => (
              <button
                type="button"
                aria-describedby={describedBy}
                disabled={!(guardianAct || owner) || cluster.status === 'Suspended' || cluster.status === 'Retired'}
                onClick={() =>
                  act(
                    {
                      address: view.registry,
                      abi: clusterRegistryAbi,
                      functionName: 'suspendCluster',
                      args: [BigInt(cluster.clusterId)],
                    },
                    authority.isGuardian,
                  )
                }
              >
                {t('governance.cluster.suspend')}
              </button>
            )}
          </ActAs>
          <ActAs view={view} effect={t('governance.cluster.unsuspendEffect')} testId="governance-unsuspend">
            {(describedBy) => (
              <button
                type="button"
                aria-describedby={describedBy}
                disabled={!owner || cluster.status !== 'Suspended'}
                onClick={() =>
                  act({
                    address: view.registry,
                    abi: clusterRegistryAbi,
                    functionName: 'unsuspendCluster',
                    args: [BigInt(cluster.clusterId)],
                  })
                }
              >
                {t('governance.cluster.unsuspend')}
              </button>
            )}
          </ActAs>
          <ActAs view={view} effect={t('governance.cluster.retireEffect')} testId="governance-retire">
            {(describedBy) => (
              <button
                type="button"
                aria-describedby={describedBy}
                disabled={!owner || cluster.status === 'Retired'}
                onClick={() =>
                  act({
                    address: view.registry,
                    abi: clusterRegistryAbi,
                    functionName: 'retireCluster',
                    args: [BigInt(cluster.clusterId)],
                  })
                }
              >
                {t('governance.cluster.retire')}
              </button>
            )}
          </ActAs>

          <h3>{t('governance.cluster.token')}</h3>
          {!cluster.token || !cluster.offering ? (
            <p className="muted">{t('governance.cluster.notTokenized')}</p>
          ) : (
            <>
              <p data-testid="governance-token-paused" data-value={cluster.token.pausedByGovernance}>
                <code>{cluster.token.address}</code> —{' '}
                {cluster.token.pausedByGovernance ? t('governance.cluster.paused') : t('governance.cluster.running')}
              </p>
              {cluster.token.pausedByGovernance ? (
                <ActAs view={view} effect={t('governance.cluster.unpauseEffect')} testId="governance-unpause">
                  {(describedBy) => (
                    <button
                      type="button"
                      aria-describedby={describedBy}
                      disabled={!owner}
                      onClick={() =>
                        act({ address: cluster.token!.address, abi: shareTokenAbi, functionName: 'governanceUnpause' })
                      }
                    >
                      {t('governance.cluster.unpause')}
                    </button>
                  )}
                </ActAs>
              ) : (
                <ActAs
                  view={view}
                  effect={t('governance.cluster.pauseEffect')}
                  asGuardian={authority.isGuardian}
                  testId="governance-pause"
                >
                  {(describedBy) => (
                    <button
                      type="button"
                      aria-describedby={describedBy}
                      disabled={!(guardianAct || owner)}
                      onClick={() =>
                        act(
                          { address: cluster.token!.address, abi: shareTokenAbi, functionName: 'governancePause' },
                          authority.isGuardian,
                        )
                      }
                    >
                      {t('governance.cluster.pause')}
                    </button>
                  )}
                </ActAs>
              )}
              <h3>{t('governance.cluster.offering')}</h3>
              <p data-testid="governance-offering-phase" data-value={cluster.offering.phase}>
                <code>{cluster.offering.address}</code> — {t('governance.cluster.phase')}:{' '}
                {t(`phase.${cluster.offering.phase}`)}
              </p>
              <ActAs view={view} effect={t('governance.cluster.cancelEffect')} testId="governance-cancel-offering">
                {(describedBy) => (
                  <button
                    type="button"
                    aria-describedby={describedBy}
                    disabled={!owner || !CANCELLABLE.has(cluster.offering!.phase)}
                    onClick={() =>
                      act({ address: cluster.offering!.address, abi: offeringAbi, functionName: 'cancel' })
                    }
                  >
                    {t('governance.cluster.cancel')}
                  </button>
                )}
              </ActAs>
            </>
          )}
        </div>
      )}
    </section>
  );
}
