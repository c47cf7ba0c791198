import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postForm } from '~/lib/post-form';
import type { ClusterListItem } from '~/models/clusters.server';
import type { ClusterNote } from '~/models/notes.server';

/** Notes are plain text and short; the server enforces the same bound (operator_.notes.tsx). */
const NOTE_MAX_LENGTH = 2_000;

/** A cluster's off-chain note: shown as text to everyone, editable by its signed-in operator. */
export function ClusterNoteEditor({
  cluster,
  note,
  editable,
  onSaved,
}: {
  cluster: ClusterListItem;
  note: ClusterNote | undefined;
  editable: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = cluster.id.toString();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = String(new FormData(event.currentTarget).get('body') ?? '');
    setBusy(true);
    setError(undefined);
    try {
      const result = await postForm('/operator/notes', { clusterId: id, body });
      if (result.ok) onSaved();
      else setError(result.error);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <h3>{t('operator.notes')}</h3>
      {note && (
        <p data-testid={`cluster-note-${id}`} style={{ whiteSpace: 'pre-wrap' }}>
          {note.body}
        </p>
      )}
      {editable && (
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
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
          <button type="submit" disabled={busy}>
            {t('operator.saveNote')}
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
