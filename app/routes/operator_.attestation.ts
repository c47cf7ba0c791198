/**
 * Relays an operator's attestation request to the oracle committee: `challenge` collects a fresh challenge from every
 * node, `answer` hands each wallet-signed inventory to the node that issued its challenge and returns the nodes'
 * attestation signatures. The nodes check everything (operator signature, hardware root, GPU count, validity); this
 * route only validates shapes and never names a node the configuration does not list. JSON answers for the page.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { attestationRequestSchema } from '~/lib/attestation';
import { privateJson, refuse, refuseInvalid } from '~/lib/private-json.server';
import { requestChallenges, submitInventoryAnswers } from '~/models/oracle.server';

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = attestationRequestSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return refuseInvalid(parsed.error, 'request');
  const urls = context.web.oracleNodeUrls;
  const nodeCount = urls.length;
  if (nodeCount === 0) return refuse(503, 'No oracle node is configured (ORACLE_NODE_URLS).');
  const body = parsed.data;
  const clusterId = BigInt(body.clusterId);
  if (body.step === 'challenge') return privateJson({ nodes: await requestChallenges(urls, clusterId) });
  const unknown = body.answers.find((answer) => answer.node >= nodeCount);
  if (unknown) return refuse(400, `Invalid answers: no oracle node #${unknown.node}.`);
  return privateJson({ nodes: await submitInventoryAnswers(urls, clusterId, body.answers) });
}
