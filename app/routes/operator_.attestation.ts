/**
 * Relays an operator's attestation request to the oracle committee: `challenge` collects a fresh challenge from every
 * node, `answer` hands each wallet-signed inventory to the node that issued its challenge and returns the nodes'
 * attestation signatures. The nodes check everything (operator signature, hardware root, GPU count, validity); this
 * route only validates shapes and never names a node the configuration does not list. JSON answers for the page.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { attestationRequestSchema, type NodeOutcome } from '~/lib/attestation';
import { type NodeAnswer, oracleNodeUrls, requestChallenges, submitInventoryAnswers } from '~/models/oracle.server';

const NO_STORE = { 'cache-control': 'no-store' };

const outcome = <T>({ url: _url, ...answer }: NodeAnswer<T>): NodeOutcome<T> => answer;

export async function action({ request }: ActionFunctionArgs) {
  const parsed = attestationRequestSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json(
      { error: `Invalid ${issue.path.join('.') || 'request'}: ${issue.message}` },
      { status: 400, headers: NO_STORE },
    );
  }
  const nodeCount = oracleNodeUrls().length;
  if (nodeCount === 0) {
    return Response.json(
      { error: 'No oracle node is configured (ORACLE_NODE_URLS).' },
      { status: 503, headers: NO_STORE },
    );
  }
  const body = parsed.data;
  const clusterId = BigInt(body.clusterId);
  if (body.step === 'challenge') {
    return Response.json({ nodes: (await requestChallenges(clusterId)).map(outcome) }, { headers: NO_STORE });
  }
  const unknown = body.answers.find((answer) => answer.node >= nodeCount);
  if (unknown) {
    return Response.json(
      { error: `Invalid answers: no oracle node #${unknown.node}.` },
      { status: 400, headers: NO_STORE },
    );
  }
  return Response.json(
    { nodes: (await submitInventoryAnswers(clusterId, body.answers)).map(outcome) },
    { headers: NO_STORE },
  );
}
