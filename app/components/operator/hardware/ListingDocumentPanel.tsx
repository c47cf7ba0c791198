/**
 * The Hardware tab's listing document: the URI and content hash the registry holds for the cluster (what the public
 * cluster page shows, and what anyone who fetches the document checks it against), and updateMetadata with a new URI
 * and the new document's keccak256, computed in the browser by the same rule as registration (~/lib/listing-document).
 * The values shown after the update are the registry's own (the MetadataUpdated event of the receipt, and clusterOf
 * read again), not the form's.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, type Hex, parseEventLogs } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { LISTING_URI_MAX_LENGTH, listingDocumentHash, listingUriSchema } from '~/lib/listing-document';
import { safeHttpUrl } from '~/lib/params';
import { useTransactionFlow } from '~/lib/tx';
import { useClusterInfo } from './use-cluster-info';

/** Longest document typed into the form: the hash is computed on every keystroke, in the browser. */
const MAX_DOCUMENT_TEXT = 256 * 1024;

function ListingUri({ uri, testId }: { uri: string; testId: string }) {
  const href = safeHttpUrl(uri);
  // On-chain strings are text: a link only for http(s), opened without the page's context.
  return href ? (
    <a href={href} rel="noreferrer noopener" target="_blank" data-testid={testId}>
      {uri}
    </a>
  ) : (
    <span data-testid={testId}>{uri}</span>
  );
}

export function ListingDocumentPanel(props: { clusterId: bigint; account: Address; onChanged: () => void }) {
  const { t } = useTranslation();
  const flow = useTransactionFlow();
  const { registry, info, refetch } = useClusterInfo(props.clusterId);
  const [uriText, setUriText] = useState('');
  const [content, setContent] = useState('');
  const [recorded, setRecorded] = useState<{ uri: string; hash: Hex }>();
  const id = props.clusterId.toString();

  const uri = listingUriSchema.safeParse(uriText);
  const hash = listingDocumentHash(content);
  const unchanged = Boolean(info && uri.success && uri.data === info.metadataURI && hash === info.metadataHash);
  const inputError =
    uriText.trim() === ''
      ? undefined
      : !uri.success
        ? t('validation.uri')
        : unchanged
          ? t('listing.unchanged')
          : undefined;
  const canSend = Boolean(uri.success && !unchanged && info && !info.retired && registry);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canSend || !registry || !uri.success) return;
    setRecorded(undefined);
    const receipt = await flow.run(({ send }) =>
      send(
        {
          account: props.account,
          address: registry,
          abi: clusterRegistryAbi,
          functionName: 'updateMetadata',
          args: [props.clusterId, uri.data, hash],
        },
        t('listing.submit'),
      ),
    );
    if (!receipt) return;
    const [updated] = parseEventLogs({ abi: clusterRegistryAbi, logs: receipt.logs, eventName: 'MetadataUpdated' });
    if (updated) setRecorded({ uri: updated.args.metadataURI, hash: updated.args.metadataHash });
    await refetch();
    props.onChanged();
  }

  if (!info) return null;
  return (
    <section className="stack" aria-labelledby="listing-heading" data-testid="operator-listing">
      <h3 id="listing-heading">{t('listing.title')}</h3>
      <p className="muted">{t('listing.intro')}</p>
      <dl>
        <dt>{t('listing.uri')}</dt>
        <dd>{info.metadataURI ? <ListingUri uri={info.metadataURI} testId="listing-uri" /> : t('listing.none')}</dd>
        <dt>{t('listing.hash')}</dt>
        <dd data-testid="listing-hash">{info.metadataHash}</dd>
      </dl>

      {info.retired ? (
        <p className="muted">{t('listing.retired')}</p>
      ) : (
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="listing-heading">
          <label htmlFor={`listing-uri-${id}`}>{t('listing.newUri')}</label>
          <input
            id={`listing-uri-${id}`}
            value={uriText}
            maxLength={LISTING_URI_MAX_LENGTH}
            onChange={(event) => setUriText(event.target.value)}
            aria-invalid={Boolean(inputError)}
            autoComplete="off"
            spellCheck={false}
          />
          {inputError && <p className="error-text">{inputError}</p>}
          <label htmlFor={`listing-content-${id}`}>{t('listing.content')}</label>
          <textarea
            id={`listing-content-${id}`}
            rows={5}
            spellCheck={false}
            maxLength={MAX_DOCUMENT_TEXT}
            value={content}
            onChange={(event) => setContent(event.target.value)}
            aria-describedby={`listing-new-${id}`}
          />
          <dl id={`listing-new-${id}`} aria-live="polite">
            <dt>{t('listing.newHash')}</dt>
            <dd data-testid="listing-new-hash">{hash}</dd>
          </dl>
          <p data-testid="listing-effect" id={`listing-effect-${id}`}>
            {t('listing.effect')}
          </p>
          <button type="submit" disabled={!canSend || flow.busy} aria-describedby={`listing-effect-${id}`}>
            {t('listing.submit')}
          </button>
        </form>
      )}
      <TxStatus state={flow.state} testId="listing-update-status" />
      {recorded && flow.state.step === 'confirmed' && (
        <p data-testid="listing-recorded">
          {t('listing.recorded')} <ListingUri uri={recorded.uri} testId="listing-recorded-uri" /> ·{' '}
          <code data-testid="listing-recorded-hash">{recorded.hash}</code>
        </p>
      )}
    </section>
  );
}
