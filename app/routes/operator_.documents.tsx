/**
 * Adds or removes a cluster's off-chain document (title, public URI, SHA-256 of the file computed in the operator's
 * browser). Only the signed-in current on-chain operator of the cluster may (app/lib/operator-auth.server.ts).
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { Rejection } from '#protocol/base-error';
import { fromDataSources } from '~/lib/http.server';
import { signedInOperatorOf } from '~/lib/operator-auth.server';
import { clusterIdParam } from '~/lib/params';
import { invalidInput, privateJson, rejectionJson } from '~/lib/private-json.server';
import { addClusterDocument, removeClusterDocument, TooManyDocumentsError } from '~/models/documents.server';

const documentRequestSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('add'),
    clusterId: clusterIdParam,
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
  z.object({ intent: z.literal('remove'), clusterId: clusterIdParam, id: z.coerce.number().int().positive() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = documentRequestSchema.safeParse(Object.fromEntries(await request.formData()));
  const who = await signedInOperatorOf(request, context, parsed.success ? parsed.data.clusterId : undefined);
  if ('rejection' in who) return rejectionJson(who.rejection);
  if (!parsed.success) return rejectionJson(invalidInput(parsed.error, 'document'));
  const form = parsed.data;
  const chainId = context.chain.chainId;
  if (form.intent === 'remove') {
    const removed = await fromDataSources(() => removeClusterDocument(context.db, chainId, form.clusterId, form.id));
    if (!removed)
      return rejectionJson(new Rejection('not_found', `Cluster #${form.clusterId} has no document #${form.id}.`, 404));
    return privateJson({ removed: form.id });
  }
  try {
    const document = await fromDataSources(() =>
      addClusterDocument(context.db, {
        chainId,
        clusterId: form.clusterId,
        title: form.title,
        uri: form.uri,
        sha256: form.sha256 as `0x${string}`,
        author: who.operator,
      }),
    );
    return privateJson({ document });
  } catch (error) {
    if (error instanceof TooManyDocumentsError)
      return rejectionJson(new Rejection('too_many_documents', error.message, 409, {}, { cause: error }));
    throw error;
  }
}
