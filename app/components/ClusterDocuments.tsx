/**
 * A cluster's off-chain documents: the list (on the passport and the operator page) and, for its signed-in operator,
 * the form that adds one — the SHA-256 is computed here from the chosen file, so what investors check a download
 * against is the file the operator actually had.
 */
import { useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bytesToHex } from 'viem';
import { formatDateTime, shortAddress } from '~/lib/format';
import { safeHttpUrl } from '~/lib/params';
import { refusalMessage } from '~/lib/refusal';
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

/**
 * The operator's side of the list: each form posts its intent (`addDocument`, `removeDocument`) to the cluster's route
 * (/operator/:clusterId) through one fetcher; Remix reloads the list after it.
 */
export function DocumentsEditor(props: { clusterId: string; documents: ClusterDocument[]; editable: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<unknown>();
  const [digest, setDigest] = useState<string>();
  const [missingFile, setMissingFile] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = props.clusterId;
  const action = `/operator/${id}`;
  const idle = fetcher.state === 'idle';
  const added = idle && typeof fetcher.data === 'object' && fetcher.data !== null && 'document' in fetcher.data;
  const error = missingFile ? t('documents.chooseFile') : idle ? refusalMessage(fetcher.data) : undefined;

  // A published document empties the form for the next one.
  useEffect(() => {
    if (!added) return;
    form.current?.reset();
    setDigest(undefined);
  }, [added]);

  return (
    <div className="stack">
      <h3>{t('documents.title')}</h3>
      <DocumentList
        documents={props.documents}
        onRemove={
          props.editable
            ? (document) =>
                fetcher.submit({ intent: 'removeDocument', id: String(document) }, { method: 'post', action })
            : undefined
        }
      />
      {props.editable && (
        <fetcher.Form
          method="post"
          action={action}
          ref={form}
          className="stack"
          noValidate
          onSubmit={(event) => {
            setMissingFile(!digest);
            if (!digest) event.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="addDocument" />
          <input type="hidden" name="sha256" value={digest ?? ''} />
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
          <button type="submit" disabled={!idle || !digest}>
            {t('documents.add')}
          </button>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
        </fetcher.Form>
      )}
    </div>
  );
}
