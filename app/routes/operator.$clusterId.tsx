/**
 * The console of one of the operator's clusters (/operator/:clusterId, inside the /operator layout): its heading and
 * status, and one tab per part of its life, each a child route (operator.$clusterId._index.tsx the overview: attest,
 * tokenize, deposit, telemetry, note and documents; .sale, .revenue, .hardware, .investors, .handover). The layout
 * hands its children the operator outlet plus the cluster (OperatorClusterOutlet). Its loader reads the off-chain note
 * and documents, which the overview shows. The note and the documents are written through this route's action, one intent per form, only by
 * the signed-in (Sign-In with Ethereum) current on-chain operator of the cluster (app/lib/operator-auth.server.ts);
 * Remix reloads the loaders after it. The web tier caps the body of a POST here at its form limit
 * (scripts/stack/web-guards.ts) before the action reads it.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, NavLink, Outlet, useLoaderData, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isAddressEqual } from 'viem';
import { z } from 'zod';
import { Rejection } from '#protocol/base-error';
import { NOTE_MAX_LENGTH } from '~/components/operator/ClusterNoteEditor';
import { type OperatorClusterOutlet, useOperatorOutlet } from '~/components/operator/operator-outlet';
import { formatInteger } from '~/lib/format';
import { fromDataSources } from '~/lib/http.server';
import { signedInOperatorOf } from '~/lib/operator-auth.server';
import { clusterIdParam } from '~/lib/params';
import { invalidInput, privateData, rejectionData } from '~/lib/private-json.server';
import {
  addClusterDocument,
  clusterDocumentList,
  removeClusterDocument,
  TooManyDocumentsError,
} from '~/models/documents.server';
import { clusterNote, saveClusterNote } from '~/models/notes.server';

export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = clusterIdParam.safeParse(params.clusterId);
  if (!parsed.success) throw data('Invalid cluster id.', { status: 400 });
  const clusterId = parsed.data;
  const chainId = context.chain.chainId;
  // The operator's own writes, read back after each save: from the primary, never a replica that may lag.
  const db = context.db.$primary;
  const [note, documents] = await fromDataSources(() =>
    Promise.all([clusterNote(db, chainId, clusterId), clusterDocumentList(db, chainId, clusterId)]),
  );
  return { clusterId: clusterId.toString(), note: note ?? null, documents };
}

const clusterWriteSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('saveNote'),
    body: z
      .string()
      .transform((text) => text.replace(/\r\n?/g, '\n').trim())
      .pipe(z.string().max(NOTE_MAX_LENGTH, `must be at most ${NOTE_MAX_LENGTH} characters`)),
  }),
  z.object({
    intent: z.literal('addDocument'),
    title: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
    uri: z
      .string()
      .trim()
      .max(512, 'must be at most 512 characters')
      .regex(/^(https:\/\/|ipfs:\/\/|ar:\/\/)\S+$/i, 'must be an https://, ipfs:// or ar:// address'),
    sha256: z
      .string()
      .trim()
      .regex(/^0x[0-9a-f]{64}$/, 'must be a SHA-256 digest (0x and 64 lowercase hex digits)'),
  }),
  z.object({ intent: z.literal('removeDocument'), id: z.coerce.number().int().positive() }),
]);

/** The forms' writes. Who may write is checked before what is written: a stranger learns nothing about a form's rules. */
export async function action({ params, request, context }: ActionFunctionArgs) {
  const cluster = clusterIdParam.safeParse(params.clusterId);
  const parsed = clusterWriteSchema.safeParse(Object.fromEntries(await request.formData()));
  const who = await signedInOperatorOf(request, context, cluster.success ? cluster.data : undefined);
  if ('rejection' in who) return rejectionData(who.rejection);
  if (!cluster.success) return rejectionData(invalidInput(cluster.error, 'cluster id'));
  if (!parsed.success) return rejectionData(invalidInput(parsed.error, 'request'));
  const clusterId = cluster.data;
  const form = parsed.data;
  const chainId = context.chain.chainId;
  const db = context.db.$primary;
  switch (form.intent) {
    case 'saveNote': {
      const note = await fromDataSources(() =>
        saveClusterNote(db, { chainId, clusterId, body: form.body, author: who.operator }),
      );
      return privateData({ note: note ?? null });
    }
    case 'removeDocument': {
      const removed = await fromDataSources(() => removeClusterDocument(db, chainId, clusterId, form.id));
      if (!removed)
        return rejectionData(new Rejection('not_found', `Cluster #${clusterId} has no document #${form.id}.`, 404));
      return privateData({ removed: form.id });
    }
    case 'addDocument':
      try {
        const document = await fromDataSources(() =>
          addClusterDocument(db, {
            chainId,
            clusterId,
            title: form.title,
            uri: form.uri,
            sha256: form.sha256 as `0x${string}`,
            author: who.operator,
          }),
        );
        return privateData({ document });
      } catch (error) {
        if (error instanceof TooManyDocumentsError) return rejectionData(error);
        throw error;
      }
  }
}

/** The console's sections, one child route each (operator.$clusterId.<tab>.tsx); '' is the overview (index). */
const CONSOLE_TABS = [
  ['', 'overview'],
  ['sale', 'sale'],
  ['revenue', 'revenue'],
  ['hardware', 'hardware'],
  ['investors', 'investors'],
  ['handover', 'handover'],
] as const;

export default function OperatorCluster() {
  const outlet = useOperatorOutlet();
  const { account, clusters } = outlet;
  const { clusterId: id } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const cluster = clusters.find((listed) => listed.id.toString() === id);
  if (!cluster || !isAddressEqual(cluster.operator, account))
    return (
      <section className="card">
        <p className="empty" data-testid="operator-not-yours">
          {t('operator.notYours', { id })}
        </p>
      </section>
    );

  return (
    // Keyed by cluster: the forms' state (typed UUIDs, amounts) belongs to one cluster, not to the next one opened.
    <section key={id} className="card stack" aria-labelledby="cluster-heading" data-testid={`operator-cluster-${id}`}>
      <h2 id="cluster-heading">
        <Link to={`/clusters/${id}`}>{t('common.cluster', { id })}</Link>
      </h2>
      <p>
        {cluster.gpuModel} × {formatInteger(cluster.gpuCount, i18n.language)} · {cluster.location}{' '}
        <span className={`badge status-${cluster.status}`} data-testid="operator-cluster-status">
          {t(`status.${cluster.status}`)}
        </span>
      </p>
      <nav aria-label={t('operator.consoleNav')} className="tabs" data-testid="operator-console-tabs">
        <ul>
          {CONSOLE_TABS.map(([path, tab]) => (
            <li key={tab}>
              <NavLink
                to={{ pathname: path ? `/operator/${id}/${path}` : `/operator/${id}`, search }}
                end
                preventScrollReset
                data-testid={`operator-tab-${tab}`}
              >
                {t(`operator.tabs.${tab}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={{ ...outlet, cluster } satisfies OperatorClusterOutlet} />
    </section>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
