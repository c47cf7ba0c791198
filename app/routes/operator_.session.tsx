/**
 * Sign-In with Ethereum for the operator page: `nonce` hands out a single-use nonce, `signIn` checks the signed
 * message (app/lib/siwe.server.ts) and sets the session cookie, `signOut` clears it. JSON answers for the page's fetch.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { SiweRefusal, signInNonces, signInSchema, verifySignIn } from '~/lib/siwe.server';
import { signInCookie, signOutCookie } from '~/lib/siwe-session.server';

const sessionRequestSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('nonce') }),
  signInSchema.extend({ intent: z.literal('signIn') }),
  z.object({ intent: z.literal('signOut') }),
]);

const NO_STORE = { 'cache-control': 'no-store' };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = sessionRequestSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json(
      { error: `Invalid ${issue.path.join('.') || 'request'}: ${issue.message}` },
      { status: 400, headers: NO_STORE },
    );
  }
  const form = parsed.data;
  switch (form.intent) {
    case 'nonce':
      return Response.json({ nonce: signInNonces.issue() }, { headers: NO_STORE });
    case 'signOut':
      return Response.json({ address: null }, { headers: { ...NO_STORE, 'set-cookie': await signOutCookie(request) } });
    case 'signIn':
      try {
        const grant = await verifySignIn(
          form,
          { domain: new URL(request.url).host, chainId: context.chain.chainId },
          { nonces: signInNonces, client: context.chain.publicClient },
        );
        return Response.json(
          { address: grant.address },
          { headers: { ...NO_STORE, 'set-cookie': await signInCookie(request, grant) } },
        );
      } catch (error) {
        if (error instanceof SiweRefusal)
          return Response.json({ error: error.message, reason: error.reason }, { status: 401, headers: NO_STORE });
        throw error;
      }
  }
}
