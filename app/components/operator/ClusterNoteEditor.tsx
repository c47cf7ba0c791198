import { useFetcher } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { refusalMessage } from '~/lib/refusal';
import type { ClusterNote } from '~/models/notes.server';

/** Notes are plain text and short; the cluster route's action enforces the same bound (operator.$clusterId.tsx). */
export const NOTE_MAX_LENGTH = 2_000;

/**
 * A cluster's off-chain note: shown as text to everyone, editable by its signed-in operator. The form posts the
 * `saveNote` intent to the cluster's route (/operator/:clusterId) through a fetcher; Remix reloads the note after it.
 */
export function ClusterNoteEditor({
  clusterId: id,
  note,
  editable,
}: {
  clusterId: string;
  note: ClusterNote | undefined;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<unknown>();
  const error = fetcher.state === 'idle' ? refusalMessage(fetcher.data) : undefined;

  return (
    <div className="stack">
      <h3>{t('operator.notes')}</h3>
      {note && (
        <p data-testid={`cluster-note-${id}`} style={{ whiteSpace: 'pre-wrap' }}>
          {note.body}
        </p>
      )}
      {editable && (
        <fetcher.Form method="post" action={`/operator/${id}`} className="stack" noValidate>
          <input type="hidden" name="intent" value="saveNote" />
          <label htmlFor={`note-${id}`}>{t('operator.noteLabel', { id })}</label>
          <textarea
            id={`note-${id}`}
            name="body"
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            defaultValue={note?.body ?? ''}
            key={note?.updatedAt}
            aria-invalid={Boolean(error)}
          />
          <button type="submit" disabled={fetcher.state !== 'idle'}>
            {t('operator.saveNote')}
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
