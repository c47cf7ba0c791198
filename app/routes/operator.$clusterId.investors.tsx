/**
 * Investor management (/operator/:clusterId/investors, a tab of the cluster console, operator.$clusterId.tsx): the
 * token's allowlist and pauses, verification one by one and by CSV, freezes, and forced transfers and wallet
 * recoveries (with the lost buyer's purchase still in the offering's escrow, when there is one) with their reason. The token's controls are wallet transactions sent from the components
 * (app/components/operator/investors/); the loader lists what the mirror knows (verified and frozen accounts, the
 * interventions with their reasons), and the action records the reason of an intervention before the wallet sends it
 * and keys it by its hash once mined (app/models/interventions.server.ts says why in that order). Only the signed-in
 * current operator of the cluster writes (signedInOperatorOf), like the note and the documents.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getAddress, isAddress, isAddressEqual } from 'viem';
import { z } from 'zod';
import { Rejection } from '#protocol/base-error';
import { AllowlistControls } from '~/components/operator/investors/AllowlistControls';
import { FreezePanel } from '~/components/operator/investors/FreezePanel';
import { InterventionForm } from '~/components/operator/investors/InterventionForm';
import { InterventionHistory } from '~/components/operator/investors/InterventionHistory';
import { VerifyPanel } from '~/components/operator/investors/VerifyPanel';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';
import { fromDataSources } from '~/lib/http.server';
import { signedInOperatorOf } from '~/lib/operator-auth.server';
import { clusterIdParam } from '~/lib/params';
import { invalidInput, privateData, rejectionData } from '~/lib/private-json.server';
import { clusterDocumentList } from '~/models/documents.server';
import {
  abandonIntervention,
  DOCUMENT_TITLE_MAX_LENGTH,
  DOCUMENT_URI_MAX_LENGTH,
  INTERVENTION_KINDS,
  REASON_MAX_LENGTH,
  recordInterventions,
  TooManyPendingInterventionsError,
} from '~/models/interventions.server';
import { clusterSale, frozenAccounts, verifiedAccounts } from '~/models/interventions-allowlist.server';
import { clusterInterventionPage, parseHistoryCursor } from '~/models/interventions-history.server';
import {
  attachInterventionTx,
  InterventionTxMismatchError,
  InterventionTxPendingError,
} from '~/models/interventions-receipt.server';
import type { loader as consoleLoader } from './operator.$clusterId';

const pageQuery = z.coerce.number().int().min(0).max(10_000).catch(0);

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const parsed = clusterIdParam.safeParse(params.clusterId);
  if (!parsed.success) throw data('Invalid cluster id.', { status: 400 });
  const clusterId = parsed.data;
  const chainId = context.chain.chainId;
  const search = new URL(request.url).searchParams;
  const page = pageQuery.parse(search.get('page') ?? 0);
  // The history's page: interventions older than `before` (an unreadable cursor shows the newest page).
  const before = parseHistoryCursor(search.get('before'));
  // The interventions the operator has just recorded, and the mirror they are matched with: one copy, the primary.
  const db = context.db.$primary;
  return fromDataSources(async () => {
    const sale = await clusterSale(db, chainId, clusterId);
    const [verified, frozen, history] = await Promise.all([
      sale ? verifiedAccounts(db, chainId, sale.token, page) : { accounts: [], hasMore: false },
      sale ? frozenAccounts(db, chainId, sale.token) : [],
      clusterInterventionPage(db, chainId, clusterId, sale, { before }),
    ]);
    return { page, verified, frozen, history, before: before ? search.get('before') : null };
  });
}

const addressText = z
  .string()
  .trim()
  .refine((text) => isAddress(text, { strict: false }), 'must be an address (0x and 40 hex digits)')
  .transform((text) => getAddress(text));

const interventionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('recordIntervention'),
    kind: z.enum(INTERVENTION_KINDS),
    /**
     * With a wallet recovery: also record the reason for moving the same buyer's purchase out of the offering's escrow
     * (recoverPurchase), the second transaction the wallet sends.
     */
    withPurchase: z.literal('true').optional(),
    from: addressText,
    to: addressText,
    // Share-wei of a forced transfer; a recovery moves the whole balance.
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,78}$/, 'must be share-wei (digits)')
      .transform(BigInt)
      .optional(),
    reason: z
      .string()
      .transform((text) => text.replace(/\r\n?/g, '\n').trim())
      .pipe(z.string().min(1, 'is required').max(REASON_MAX_LENGTH, `must be at most ${REASON_MAX_LENGTH} characters`)),
    documentId: z.coerce.number().int().positive().optional(),
    documentTitle: z.string().trim().max(DOCUMENT_TITLE_MAX_LENGTH).optional(),
    documentUri: z
      .string()
      .trim()
      .max(DOCUMENT_URI_MAX_LENGTH, `must be at most ${DOCUMENT_URI_MAX_LENGTH} characters`)
      .regex(/^(https:\/\/|ipfs:\/\/)\S+$/i, 'must be an https:// or ipfs:// address')
      .optional(),
    documentSha256: z
      .string()
      .trim()
      .regex(/^0x[0-9a-f]{64}$/, 'must be a SHA-256 digest (0x and 64 lowercase hex digits)')
      .optional(),
  }),
  z.object({ intent: z.literal('abandon'), id: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal('attachTx'),
    id: z.coerce.number().int().positive(),
    txHash: z
      .string()
      .trim()
      .regex(/^0x[0-9a-f]{64}$/, 'must be a transaction hash'),
  }),
]);

/** Empty fields of the form are absent, not empty strings (the optional document fields). */
const formObject = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, value]) => typeof value !== 'string' || value.trim() !== ''));

/** Who may write is checked before what is written: a stranger learns nothing about the form's rules. */
export async function action({ params, request, context }: ActionFunctionArgs) {
  const cluster = clusterIdParam.safeParse(params.clusterId);
  const parsed = interventionSchema.safeParse(formObject(await request.formData()));
  const who = await signedInOperatorOf(request, context, cluster.success ? cluster.data : undefined);
  if ('rejection' in who) return rejectionData(who.rejection);
  if (!cluster.success) return rejectionData(invalidInput(cluster.error, 'cluster id'));
  if (!parsed.success) return rejectionData(invalidInput(parsed.error, 'request'));
  const clusterId = cluster.data;
  const chainId = context.chain.chainId;
  const form = parsed.data;
  const db = context.db.$primary;
  if (form.intent === 'abandon') {
    const abandoned = await fromDataSources(() =>
      abandonIntervention(db, { chainId, clusterId, id: form.id, author: who.operator }),
    );
    if (!abandoned)
      return rejectionData(
        new Rejection('not_found', `Cluster #${clusterId} has no intervention #${form.id} waiting for its hash.`, 404),
      );
    return privateData({ abandoned: form.id });
  }
  if (form.intent === 'attachTx') {
    let attached: boolean;
    try {
      attached = await fromDataSources(() =>
        attachInterventionTx(db, context.chain, {
          chainId,
          clusterId,
          id: form.id,
          txHash: form.txHash as `0x${string}`,
          author: who.operator,
        }),
      );
    } catch (error) {
      // Not mined yet as far as the server's node knows (409, retryable), or not the intervention the reason explains (422).
      if (error instanceof InterventionTxPendingError || error instanceof InterventionTxMismatchError)
        return rejectionData(error);
      throw error;
    }
    if (!attached)
      return rejectionData(
        new Rejection('not_found', `Cluster #${clusterId} has no intervention #${form.id} waiting for its hash.`, 404),
      );
    return privateData({ attached: form.id });
  }
  if (isAddressEqual(form.from, form.to))
    return rejectionData(new Rejection('invalid_parameter', 'Invalid to: must differ from from', 400));
  if (form.kind === 'forced_transfer' && (form.amount === undefined || form.amount === 0n))
    return rejectionData(new Rejection('invalid_parameter', 'Invalid amount: is required (share-wei above 0)', 400));
  if (form.withPurchase && form.kind !== 'wallet_recovered')
    return rejectionData(
      new Rejection('invalid_parameter', 'Invalid withPurchase: only goes with a wallet recovery', 400),
    );
  let document: { title: string | null; uri: string; sha256: `0x${string}` };
  if (form.documentId !== undefined) {
    const documents = await fromDataSources(() => clusterDocumentList(db, chainId, clusterId));
    const chosen = documents.find((listed) => listed.id === form.documentId);
    if (!chosen)
      return rejectionData(
        new Rejection('not_found', `Cluster #${clusterId} has no document #${form.documentId}.`, 404),
      );
    document = { title: chosen.title, uri: chosen.uri, sha256: chosen.sha256 };
  } else if (form.documentUri && form.documentSha256) {
    document = {
      title: form.documentTitle || null,
      uri: form.documentUri,
      sha256: form.documentSha256 as `0x${string}`,
    };
  } else {
    return rejectionData(
      new Rejection(
        'invalid_parameter',
        'Invalid document: choose one of the cluster’s documents, or give an https:// or ipfs:// address and its SHA-256',
        400,
      ),
    );
  }
  try {
    const [intervention, purchase] = await fromDataSources(() =>
      recordInterventions(
        db,
        {
          chainId,
          clusterId,
          from: form.from,
          to: form.to,
          amount: form.kind === 'forced_transfer' ? (form.amount ?? null) : null,
          reason: form.reason,
          document,
          author: who.operator,
        },
        form.withPurchase ? [form.kind, 'purchase_recovered'] : [form.kind],
      ),
    );
    return privateData({
      intervention: { id: intervention!.id },
      ...(purchase ? { purchase: { id: purchase.id } } : {}),
    });
  } catch (error) {
    if (error instanceof TooManyPendingInterventionsError) return rejectionData(error);
    throw error;
  }
}

export default function OperatorInvestors() {
  const { account, signedIn, cluster, refresh } = useOperatorClusterOutlet();
  const { page, verified, frozen, history, before } = useLoaderData<typeof loader>();
  const saved = useRouteLoaderData<typeof consoleLoader>('routes/operator.$clusterId');
  const { t } = useTranslation();
  const token = cluster.token;
  if (!token)
    return (
      <p className="muted" data-testid="operator-investors">
        {t('investors.notTokenized')}
      </p>
    );
  return (
    <div className="stack" data-testid="operator-investors">
      <p className="muted">{t('investors.intro', { symbol: token.symbol })}</p>
      <AllowlistControls token={token.address} account={account} onDone={refresh} />
      <VerifyPanel token={token.address} account={account} verified={verified} page={page} onDone={refresh} />
      <FreezePanel token={token.address} account={account} frozen={frozen} onDone={refresh} />
      <InterventionForm
        clusterId={cluster.id.toString()}
        token={token.address}
        offering={token.offering}
        account={account}
        signedIn={signedIn}
        documents={saved?.documents ?? []}
        onDone={refresh}
      />
      <section className="stack" aria-labelledby="interventions-heading">
        <h3 id="interventions-heading">{t('investors.history.title')}</h3>
        <InterventionHistory entries={history.entries} older={history.older} paged={before !== null} />
      </section>
    </div>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
