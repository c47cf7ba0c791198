/**
 * Hand-overs offered to the connected account (the /operator page, handoversOfferedTo): each with what accepting
 * changes, and Accept (acceptOperator). Once accepted, the cluster's console opens as soon as the layout's list (the
 * mirror, a few seconds behind the chain) holds it.
 */
import { useNavigate, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { formatInteger } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import type { OfferedHandover } from '~/models/handover.server';
import type { loader as rootLoader } from '~/root';

/** How often, and how many times, the layout's list is asked again while the mirror catches up with an acceptance. */
const CATCH_UP_INTERVAL_MS = 1_500;
const CATCH_UP_TRIES = 40;

export function OfferedHandovers(props: {
  offers: OfferedHandover[];
  account: Address;
  /** The ids of the clusters the layout lists as the account's own. */
  listed: readonly bigint[];
  refresh: () => void;
}) {
  const { t, i18n } = useTranslation();
  const registry = useRouteLoaderData<typeof rootLoader>('root')?.contracts.clusterRegistry;
  const navigate = useNavigate();
  const flow = useTransactionFlow();
  const [accepted, setAccepted] = useState<bigint>();
  const [tries, setTries] = useState(0);
  const arrived = accepted !== undefined && props.listed.includes(accepted);
  const { refresh } = props;

  useEffect(() => {
    if (accepted === undefined) return;
    if (arrived) {
      navigate(`/operator/${accepted}?operator=${props.account}`);
      return;
    }
    if (tries >= CATCH_UP_TRIES) return;
    const timer = setTimeout(() => {
      setTries((count) => count + 1);
      refresh();
    }, CATCH_UP_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [accepted, arrived, tries, refresh, navigate, props.account]);

  async function accept(id: bigint) {
    if (!registry) return;
    const receipt = await flow.run(({ send }) =>
      send({
        account: props.account,
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'acceptOperator',
        args: [id],
      }),
    );
    if (receipt) {
      setTries(0);
      setAccepted(id);
      refresh();
    }
  }

  if (props.offers.length === 0 && accepted === undefined) return null;
  return (
    <section className="card stack" aria-labelledby="offered-heading" data-testid="handovers-offered">
      <h2 id="offered-heading">{t('handover.offered')}</h2>
      <ul className="plain-list">
        {props.offers.map((offer) => {
          const id = offer.id.toString();
          return (
            <li key={id} className="stack" data-testid={`handover-offer-${id}`}>
              <p>
                {t('common.cluster', { id })} — {offer.gpuModel} × {formatInteger(offer.gpuCount, i18n.language)} ·{' '}
                {offer.location} <span className={`badge status-${offer.status}`}>{t(`status.${offer.status}`)}</span>
              </p>
              <dl>
                <dt>{t('handover.offeredBy')}</dt>
                <dd data-testid={`handover-offer-from-${id}`}>{offer.operator}</dd>
              </dl>
              <p>{t('handover.acceptEffect', { id })}</p>
              <button
                type="button"
                disabled={flow.busy || accepted !== undefined}
                onClick={() => void accept(offer.id)}
              >
                {t('handover.accept', { id })}
              </button>
            </li>
          );
        })}
      </ul>
      {accepted !== undefined && (
        <p role="status" data-testid="handover-moving">
          {t('handover.moving', { id: accepted.toString() })}
        </p>
      )}
      <TxStatus state={flow.state} testId="handover-accept-status" />
    </section>
  );
}
