/**
 * The cluster page's market action: `intent=offer` posts a signed offer to the relay (app/models/offers.server.ts,
 * the same checks as POST /api/v1/offers: a refusal stores nothing), `intent=exit` asks for a holder's exit quote. Every
 * refusal is `{ intent, ok: false, error: { code, reason, message } }` with its status, for the fetcher to word.
 */
import type { ActionFunctionArgs, AppLoadContext } from '@remix-run/node';
import { isAddress } from 'viem';
import { z } from 'zod';
import { MAX_OFFER_BODY_BYTES } from '#db/market/bounds';
import { fromDataSources } from '~/lib/http.server';
import { clusterIdParam } from '~/lib/params';
import { privateData } from '~/lib/private-json.server';
import { relayOffer } from '~/models/offers.server';
import { getExitQuote } from '~/models/trading-portfolio.server';
import { parseShareAmount } from './offers';
import type { MarketAnswer } from './relay-answer';

/** The relay's bound, as the API applies it (a contract wallet's signature makes a body far larger than an EOA's). */
export const MAX_OFFER_BODY = MAX_OFFER_BODY_BYTES;

const marketWriteSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('offer'), body: z.string().max(MAX_OFFER_BODY) }),
  z.object({
    intent: z.literal('exit'),
    holder: z.string().refine((value) => isAddress(value), 'must be a 20-byte hex address'),
    shares: z.string().max(80),
  }),
]);

type Intent = 'offer' | 'exit';

function refused(intent: Intent, status: number, code: string, message: string) {
  const answer: Extract<MarketAnswer, { ok: false }> = { intent, ok: false, error: { code, reason: code, message } };
  return privateData(answer, { status });
}

export async function marketAction(params: ActionFunctionArgs['params'], request: Request, context: AppLoadContext) {
  const cluster = clusterIdParam.safeParse(params.id);
  const fields = Object.fromEntries(await request.formData());
  const form = marketWriteSchema.safeParse(fields);
  // A refusal answers the fetcher that asked: the exit quote's, or the offer form's for anything else.
  const intent: Intent = fields.intent === 'exit' ? 'exit' : 'offer';
  if (!cluster.success) return refused(intent, 400, 'invalid_parameter', 'The cluster id is not a number.');
  if (!form.success) {
    const issue = form.error.issues[0]!;
    const tooLarge = issue.code === 'too_big' && issue.path[0] === 'body';
    return refused(
      intent,
      tooLarge ? 413 : 400,
      tooLarge ? 'body_too_large' : 'invalid_parameter',
      `Invalid ${issue.path.join('.') || 'request'}: ${issue.message}`,
    );
  }
  const clusterId = cluster.data;
  if (form.data.intent === 'exit') {
    const shares = parseShareAmount(form.data.shares);
    if (shares === undefined)
      return refused('exit', 400, 'invalid_parameter', 'The number of shares must be a positive decimal.');
    const holder = form.data.holder as `0x${string}`;
    const quote = await fromDataSources(() => getExitQuote(context, clusterId, holder, shares));
    return privateData({ intent: 'exit', ok: true, quote } satisfies MarketAnswer);
  }
  let body: unknown;
  try {
    body = JSON.parse(form.data.body);
  } catch {
    return refused('offer', 400, 'invalid_body', 'The offer is not valid JSON.');
  }
  // The page posts offers for its own cluster only: one for another cluster was not made here.
  const offerCluster = (body as { offer?: { clusterId?: unknown } } | null)?.offer?.clusterId;
  if (offerCluster !== clusterId.toString())
    return refused('offer', 400, 'cluster_mismatch', `The offer is not for cluster #${clusterId}.`);
  const result = await fromDataSources(() => relayOffer(context, body));
  if (!result.ok)
    return privateData({ intent: 'offer', ok: false, error: result.error } satisfies MarketAnswer, {
      status: result.status,
    });
  return privateData({ intent: 'offer', ok: true, offer: result.offer } satisfies MarketAnswer, { status: 201 });
}
