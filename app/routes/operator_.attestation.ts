/**
 * Relays an operator's attestation request to the oracle committee: `challenge` collects a fresh challenge from every
 * node, `answer` hands each wallet-signed inventory to the node that issued its challenge and returns the nodes'
 * attestation signatures. The nodes check everything (operator signature, hardware root, GPU count, validity); this
 * route only validates shapes, bounds each inventory by the cluster's registered GPU count (the body itself is capped
 * in front of Remix, scripts/stack/web-guards.ts) and never names a node the configuration does not list. JSON answers
 * for the page's wallet flow (challenge, then the wallet signs one proof per node, then answer), so a resource route
 * rather than a form action; a refusal is the wire shape `{ error: { code, message } }`.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { clusterRegistryAbi } from '#contracts';
import { Rejection } from '#protocol/base-error';
import { attestationRequestSchema } from '~/lib/attestation';
import { fromDataSources } from '~/lib/http.server';
import { invalidInput, privateJson, rejectionJson } from '~/lib/private-json.server';
import { requestChallenges, submitInventoryAnswers } from '~/models/oracle.server';

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = attestationRequestSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return rejectionJson(invalidInput(parsed.error, 'request'));
  const urls = context.web.oracleNodeUrls;
  const nodeCount = urls.length;
  if (nodeCount === 0)
    return rejectionJson(new Rejection('unavailable', 'No oracle node is configured (ORACLE_NODE_URLS).', 503));
  const body = parsed.data;
  const clusterId = BigInt(body.clusterId);
  if (body.step === 'challenge') return privateJson({ nodes: await requestChallenges(context.log, urls, clusterId) });
  const unknown = body.answers.find((answer) => answer.node >= nodeCount);
  if (unknown)
    return rejectionJson(new Rejection('invalid_parameter', `Invalid answers: no oracle node #${unknown.node}.`, 400));
  // A node spends CPU per UUID before it can refuse an inventory: never hand it more than the cluster can have.
  // Read from the chain, not the mirror: a cluster registered a block ago is attested right away.
  const { chain } = context;
  const { gpuCount } = await fromDataSources(() =>
    chain.publicClient.readContract({
      address: chain.deployment.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [clusterId],
    }),
  );
  if (gpuCount === 0) return rejectionJson(new Rejection('not_found', `Cluster #${clusterId} does not exist.`, 404));
  const oversized = body.answers.find((answer) => answer.uuids.length > gpuCount);
  if (oversized)
    return rejectionJson(
      new Rejection(
        'invalid_parameter',
        `Invalid answers: ${oversized.uuids.length} GPUs for cluster #${clusterId}, which has ${gpuCount}.`,
        400,
      ),
    );
  return privateJson({ nodes: await submitInventoryAnswers(context.log, urls, clusterId, body.answers) });
}
