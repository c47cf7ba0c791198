/**
 * Sign-In with Ethereum for the operator page: `nonce` hands out a single-use nonce bound to this browser's pre-auth
 * cookie, `signIn` checks the signed message (app/lib/siwe.server.ts) against the configured public origin and that
 * cookie and opens a server-side session, `signOut` revokes it. JSON answers for the page's fetch.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { privateJson, refuseInvalid } from '~/lib/private-json.server';
import { SiweRefusal, signInNonces, signInSchema, verifySignIn } from '~/lib/siwe.server';
import { preAuthClient, presentedPreAuthClient, signInCookie, signOutCookie } from '~/lib/siwe-session.server';

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
    case 'nonce': {
      const { client, setCookie } = await preAuthClient(request, context.web);
      const nonce = signInNonces.issue(client);
      if (nonce === undefined)
        return privateJson(
          { error: 'Too many sign-ins are pending; try again in a few minutes.', reason: 'busy' },
          { status: 503, headers: { 'retry-after': '60' } },
        );
      return privateJson({ nonce }, { headers: { 'set-cookie': setCookie } });
    }
    case 'signOut':
      return privateJson({ address: null }, { headers: { 'set-cookie': await signOutCookie(request, context) } });
    case 'signIn':
      try {
        const grant = await verifySignIn(
          form,
          {
            publicOrigin: context.web.publicOrigin,
            chainId: context.chain.chainId,
            client: await presentedPreAuthClient(request, context.web),
          },
          { nonces: signInNonces, client: context.chain.publicClient },
        );
        return privateJson(
          { address: grant.address },
          { headers: { 'set-cookie': await signInCookie(request, context, grant) } },
        );
      } catch (error) {
        if (error instanceof SiweRefusal)
          return privateJson({ error: error.message, reason: error.reason }, { status: 401 });
        throw error;
      }
  }
}
