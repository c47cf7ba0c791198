/**
 * Who may write a cluster's off-chain data (notes, documents): the signed-in (Sign-In with Ethereum) current on-chain
 * operator of the cluster. The registry is read at write time, so a cluster handed to another operator is theirs at
 * once. A refusal is a Rejection (401, 403 or 404) that the caller answers in its own form.
 */
import type { AppLoadContext } from '@remix-run/node';
import { type Address, isAddressEqual, zeroAddress } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { Rejection } from '#protocol/base-error';
import { fromDataSources } from '~/lib/http.server';
import { signedInAddress } from '~/lib/siwe-session.server';

/** The signed-in operator when it may write `clusterId`'s data; otherwise why not. */
export async function signedInOperatorOf(
  request: Request,
  context: AppLoadContext,
  clusterId: bigint | undefined,
): Promise<{ operator: Address } | { rejection: Rejection }> {
  const { chain } = context;
  const signedIn = await signedInAddress(request, context);
  if (!signedIn) return { rejection: new Rejection('not_signed_in', 'Sign in with Ethereum first.', 401) };
  if (clusterId === undefined) return { operator: signedIn };
  const operator = await fromDataSources(() =>
    chain.publicClient.readContract({
      address: chain.deployment.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'operatorOf',
      args: [clusterId],
    }),
  );
  if (isAddressEqual(operator, zeroAddress))
    return { rejection: new Rejection('not_found', `Cluster #${clusterId} does not exist.`, 404) };
  if (!isAddressEqual(operator, signedIn)) {
    return {
      rejection: new Rejection(
        'not_operator',
        `Only the operator of cluster #${clusterId} (${operator}) can change its off-chain data; you are signed in as ${signedIn}.`,
        403,
      ),
    };
  }
  return { operator: signedIn };
}
