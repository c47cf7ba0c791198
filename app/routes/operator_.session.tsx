/**
 * Sign-In with Ethereum for the operator area: `nonce` hands out a single-use nonce bound to this browser's pre-auth
 * cookie, `signIn` checks the signed message (app/lib/siwe.server.ts) against the configured public origin and that
 * cookie and opens a server-side session, `signOut` revokes it. A nonce is authenticated with the secret every web
 * process shares (issuing stores nothing; spent ones and sessions live in the database), so any web process accepts
 * what another issued. The page posts these from its sign-in button
 * (app/components/operator/SignInPanel.tsx). A resource route of its own, not an intent of the /operator layout: the
 * wallet must hold the nonce (JSON, in the middle of the click) before it signs, and the web tier limits sign-in
 * attempts by this path before it reads a body (scripts/stack/web-guards.ts); direct clients get JSON.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { invalidInput, privateJson, rejectionJson } from '~/lib/private-json.server';
import { nonceStoreFor, SiweRefusal, signInSchema, verifySignIn } from '~/lib/siwe.server';
import { preAuthClient, presentedPreAuthClient, signInCookie, signOutCookie } from '~/lib/siwe-session.server';

const sessionRequestSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('nonce') }),
  signInSchema.extend({ intent: z.literal('signIn') }),
  z.object({ intent: z.literal('signOut') }),
]);

/** What the sign-in exchange answers when it does not refuse. */
export type SessionAnswer = { nonce: string } | { address: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = sessionRequestSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return rejectionJson(invalidInput(parsed.error, 'request'));
  const form = parsed.data;
  switch (form.intent) {
    case 'nonce': {
      const { client, setCookie } = await preAuthClient(request, context.web);
      const nonce = nonceStoreFor(context).issue(client);
      return privateJson({ nonce } satisfies SessionAnswer, { headers: { 'set-cookie': setCookie } });
    }
    case 'signOut':
      return privateJson({ address: null } satisfies SessionAnswer, {
        headers: { 'set-cookie': await signOutCookie(request, context) },
      });
    case 'signIn':
      try {
        const grant = await verifySignIn(
          form,
          {
            publicOrigin: context.web.publicOrigin,
            chainId: context.chain.chainId,
            client: await presentedPreAuthClient(request, context.web),
          },
          { nonces: nonceStoreFor(context), client: context.chain.publicClient },
        );
        return privateJson({ address: grant.address } satisfies SessionAnswer, {
          headers: { 'set-cookie': await signInCookie(request, context, grant) },
        });
      } catch (error) {
        if (error instanceof SiweRefusal) return rejectionJson(error);
        throw error;
      }
  }
}
