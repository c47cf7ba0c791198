/**
 * Registering a cluster from the operator page: the GPU UUIDs are hashed into the hardware commitment in the browser
 * (the same function the oracle nodes use), and the wallet sends registerCluster.
 */
import { Link, useRouteLoaderData } from '@remix-run/react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, parseEventLogs } from 'viem';
import { z } from 'zod';
import { clusterRegistryAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { useCommitment } from '~/lib/commitment';
import { listingDocumentHash, listingUriSchema } from '~/lib/listing-document';
import { useTransactionFlow } from '~/lib/tx';
import type { loader as rootLoader } from '~/root';

const registerSchema = z.object({
  gpuModel: z.string().trim().min(1).max(100),
  location: z.string().trim().min(1).max(32),
  uuids: z
    .string()
    .transform((text) => text.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string()).min(1)),
  metadataURI: listingUriSchema,
  metadataContent: z.string(),
});

type FieldErrors = Partial<Record<string, string>>;

export function RegisterForm({
  account,
  onRegistered,
}: {
  account: Address;
  /** The new cluster's id and the UUID list it was registered with (the attestation form starts from it). */
  onRegistered: (clusterId: bigint, uuidText: string) => void;
}) {
  const { t } = useTranslation();
  const flow = useTransactionFlow();
  const [uuidText, setUuidText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [registeredId, setRegisteredId] = useState<bigint>();
  const commitment = useCommitment(uuidText);
  const registry = useRouteLoaderData<typeof rootLoader>('root')?.contracts.clusterRegistry;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = registerSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    const fieldErrors: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        fieldErrors[field] =
          field === 'uuids'
            ? t('validation.uuids')
            : field === 'metadataURI'
              ? t('validation.uri')
              : t('validation.required');
      }
    }
    if (!commitment.root) fieldErrors.uuids = t('validation.uuids');
    setErrors(fieldErrors);
    if (!parsed.success || !commitment.root || !registry || Object.keys(fieldErrors).length > 0) return;
    const form = parsed.data;
    const receipt = await flow.run(({ send }) =>
      send({
        account,
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'registerCluster',
        args: [
          form.gpuModel,
          form.uuids.length,
          form.location,
          commitment.root!,
          form.metadataURI,
          listingDocumentHash(form.metadataContent),
        ],
      }),
    );
    if (receipt) {
      const [registered] = parseEventLogs({
        abi: clusterRegistryAbi,
        logs: receipt.logs,
        eventName: 'ClusterRegistered',
      });
      setRegisteredId(registered?.args.clusterId);
      if (registered) onRegistered(registered.args.clusterId, uuidText);
    }
  }

  return (
    <section className="card" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('operator.register')}</h2>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="gpuModel">{t('operator.gpuModel')}</label>
        <input id="gpuModel" name="gpuModel" required aria-invalid={Boolean(errors.gpuModel)} />
        {errors.gpuModel && <p className="error-text">{errors.gpuModel}</p>}
        <label htmlFor="location">{t('operator.location')}</label>
        <input id="location" name="location" required aria-invalid={Boolean(errors.location)} />
        {errors.location && <p className="error-text">{errors.location}</p>}
        <label htmlFor="uuids">{t('operator.gpuUuids')}</label>
        <textarea
          id="uuids"
          name="uuids"
          rows={5}
          spellCheck={false}
          value={uuidText}
          onChange={(event) => setUuidText(event.target.value)}
          aria-invalid={Boolean(errors.uuids || commitment.error)}
          aria-describedby="commitment-output"
        />
        {(errors.uuids || commitment.error) && <p className="error-text">{commitment.error ?? errors.uuids}</p>}
        <dl id="commitment-output" aria-live="polite">
          <dt>{t('operator.gpuCount')}</dt>
          <dd data-testid="computed-gpu-count">{commitment.count}</dd>
          <dt>{t('operator.commitment')}</dt>
          <dd data-testid="computed-commitment">{commitment.root ?? '—'}</dd>
        </dl>
        <label htmlFor="metadataURI">{t('operator.metadataUri')}</label>
        <input id="metadataURI" name="metadataURI" required aria-invalid={Boolean(errors.metadataURI)} />
        {errors.metadataURI && <p className="error-text">{errors.metadataURI}</p>}
        <label htmlFor="metadataContent">{t('operator.metadataContent')}</label>
        <textarea id="metadataContent" name="metadataContent" rows={3} />
        <button type="submit" disabled={flow.busy}>
          {t('operator.submitRegister')}
        </button>
      </form>
      <TxStatus state={flow.state} testId="register-status" />
      {registeredId !== undefined && (
        <p data-testid="registered-id" data-id={registeredId.toString()}>
          <Link to={`/clusters/${registeredId}`}>{t('operator.registered', { id: registeredId.toString() })}</Link>
        </p>
      )}
    </section>
  );
}
