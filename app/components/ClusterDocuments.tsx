/**
 * A cluster's off-chain documents: the list (on the passport and the operator page) and, for its signed-in operator,
 * the form that adds one — the SHA-256 is computed here from the chosen file, so what investors check a download
 * against is the file the operator actually had.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bytesToHex } from 'viem';
import { formatDateTime, shortAddress } from '~/lib/format';
import { safeHttpUrl } from '~/lib/params';
import { postForm } from '~/lib/post-form';
import type { ClusterDocument } from '~/models/documents.server';

export function DocumentList({
  documents,
  onRemove,
}: {
  documents: ClusterDocument[];
  onRemove?: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  if (documents.length === 0) return <p className="muted">{t('documents.none')}</p>;
  return (
    <ul className="plain-list" data-testid="cluster-documents">
      {documents.map((document) => {
        const href = safeHttpUrl(document.uri);
        return (
          <li key={document.id} data-testid={`document-${document.id}`}>
            {href ? (
              <a href={href} rel="noreferrer noopener" target="_blank">
                {document.title}
              </a>
            ) : (
              <span>
                {document.title} ({document.uri})
              </span>
            )}
            <br />
            <small className="muted">
              SHA-256 <code data-testid="document-sha256">{document.sha256.slice(2)}</code> ·{' '}
              {t('documents.added', {
                when: formatDateTime(Math.floor(Date.parse(document.addedAt) / 1000), i18n.language),
                by: shortAddress(document.author),
              })}
            </small>
            {onRemove && (
              <>
                {' '}
                <button type="button" className="secondary" onClick={() => onRemove(document.id)}>
                  {t('documents.remove', { title: document.title })}
                </button>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

async function sha256Of(file: File) {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())));
}

export function DocumentsEditor(props: {
  clusterId: string;
  documents: ClusterDocument[];
  editable: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [digest, setDigest] = useState<string>();
  const id = props.clusterId;

  async function act(fields: Record<string, string>) {
    setBusy(true);
    setError(undefined);
    try {
      const result = await postForm('/operator/documents', { clusterId: id, ...fields });
      if (result.ok) props.onChanged();
      else setError(result.error);
      return result.ok;
    } catch (failure) {
      setError((failure as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    if (!digest) {
      setError(t('documents.chooseFile'));
      return;
    }
    const added = await act({
      intent: 'add',
      title: String(data.get('title') ?? ''),
      uri: String(data.get('uri') ?? ''),
      sha256: digest,
    });
    if (added) {
      form.reset();
      setDigest(undefined);
    }
  }

  return (
    <div className="stack">
      <h3>{t('documents.title')}</h3>
      <DocumentList
        documents={props.documents}
        onRemove={props.editable ? (document) => void act({ intent: 'remove', id: String(document) }) : undefined}
      />
      {props.editable && (
        <form className="stack" onSubmit={(event) => void add(event)} noValidate>
          <label htmlFor={`document-title-${id}`}>{t('documents.name')}</label>
          <input id={`document-title-${id}`} name="title" maxLength={120} />
          <label htmlFor={`document-uri-${id}`}>{t('documents.uri')}</label>
          <input id={`document-uri-${id}`} name="uri" placeholder="https://…" />
          <label htmlFor={`document-file-${id}`}>{t('documents.file')}</label>
          <input
            id={`document-file-${id}`}
            type="file"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              setDigest(undefined);
              if (file) void sha256Of(file).then(setDigest);
            }}
          />
          <p className="muted" data-testid={`document-digest-${id}`}>
            SHA-256: {digest ? <code>{digest.slice(2)}</code> : '—'}
          </p>
          <button type="submit" disabled={busy || !digest}>
            {t('documents.add')}
          </button>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
