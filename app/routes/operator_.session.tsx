/**
 * Sign-In with Ethereum for the operator page: `nonce` hands out a single-use nonce, `signIn` checks the signed
 * message (app/lib/siwe.server.ts) and sets the session cookie, `signOut` clears it. JSON answers for the page's fetch.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { privateJson, refuseInvalid } from '~/lib/private-json.server';
import { SiweRefusal, signInNonces, signInSchema, verifySignIn } from '~/lib/siwe.server';
import { signInCookie, signOutCookie } from '~/lib/siwe-session.server';

const sessionRequestSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('nonce') }),
  signInSchema.extend({ intent: z.literal('signIn') }),
  z.object({ intent: z.literal('signOut') }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = sessionRequestSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return refuseInvalid(parsed.error, 'request');
  const form = parsed.data;
  switch (form.intent) {
    case 'nonce':
      return privateJson({ nonce: signInNonces.issue() });
    case 'signOut':
      return privateJson({ address: null }, { headers: { 'set-cookie': await signOutCookie(request, context.web) } });
    case 'signIn':
      try {
        const grant = await verifySignIn(
          form,
          { domain: new URL(request.url).host, chainId: context.chain.chainId },
          { nonces: signInNonces, client: context.chain.publicClient },
        );
        return privateJson(
          { address: grant.address },
          { headers: { 'set-cookie': await signInCookie(request, context.web, grant) } },
        );
      } catch (error) {
        if (error instanceof SiweRefusal)
          return privateJson({ error: error.message, reason: error.reason }, { status: 401 });
        throw error;
      }
  }
}
