/**
 * Saves a cluster's off-chain note. Only the signed-in (Sign-In with Ethereum) current on-chain operator of the
 * cluster may: the registry is read at write time, so a cluster handed to another operator is theirs at once.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { isAddressEqual, zeroAddress } from 'viem';
import { z } from 'zod';
import { clusterRegistryAbi } from '#contracts';
import { fromDataSources } from '~/lib/http.server';
import { clusterIdParam } from '~/lib/params';
import { signedInAddress } from '~/lib/siwe-session.server';
import { saveClusterNote } from '~/models/notes.server';

const NOTE_MAX_LENGTH = 2_000;

const noteSchema = z.object({
  clusterId: clusterIdParam,
  body: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(NOTE_MAX_LENGTH, `must be at most ${NOTE_MAX_LENGTH} characters`)),
});

const refuse = (status: number, error: string) =>
  Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

export async function action({ request, context }: ActionFunctionArgs) {
  const { chain, db } = context;
  const signedIn = await signedInAddress(request, chain.chainId);
  if (!signedIn) return refuse(401, 'Sign in with Ethereum first.');
  const parsed = noteSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refuse(400, `Invalid ${issue.path.join('.') || 'note'}: ${issue.message}`);
  }
  const { clusterId, body } = parsed.data;
  const operator = await fromDataSources(() =>
    chain.publicClient.readContract({
      address: chain.deployment.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'operatorOf',
      args: [clusterId],
    }),
  );
  if (isAddressEqual(operator, zeroAddress)) return refuse(404, `Cluster #${clusterId} does not exist.`);
  if (!isAddressEqual(operator, signedIn))
    return refuse(
      403,
      `Only the operator of cluster #${clusterId} (${operator}) can edit its notes; you are signed in as ${signedIn}.`,
    );
  const note = await fromDataSources(() =>
    saveClusterNote(db, { chainId: chain.chainId, clusterId, body, author: signedIn }),
  );
  return Response.json({ note: note ?? null }, { headers: { 'cache-control': 'no-store' } });
}
