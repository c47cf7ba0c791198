/**
 * Saves a cluster's off-chain note. Only the signed-in (Sign-In with Ethereum) current on-chain operator of the
 * cluster may (app/lib/operator-auth.server.ts).
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { fromDataSources } from '~/lib/http.server';
import { signedInOperatorOf } from '~/lib/operator-auth.server';
import { clusterIdParam } from '~/lib/params';
import { invalidInput, privateJson, rejectionJson } from '~/lib/private-json.server';
import { saveClusterNote } from '~/models/notes.server';

const NOTE_MAX_LENGTH = 2_000;

const noteSchema = z.object({
  clusterId: clusterIdParam,
  body: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(NOTE_MAX_LENGTH, `must be at most ${NOTE_MAX_LENGTH} characters`)),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = noteSchema.safeParse(form);
  const who = await signedInOperatorOf(request, context, parsed.success ? parsed.data.clusterId : undefined);
  if ('rejection' in who) return rejectionJson(who.rejection);
  if (!parsed.success) return rejectionJson(invalidInput(parsed.error, 'note'));
  const { clusterId, body } = parsed.data;
  const note = await fromDataSources(() =>
    saveClusterNote(context.db, { chainId: context.chain.chainId, clusterId, body, author: who.operator }),
  );
  return privateJson({ note: note ?? null });
}
