/**
 * Who may write a cluster's off-chain data (notes, documents): the signed-in (Sign-In with Ethereum) current on-chain
 * operator of the cluster. The registry is read at write time, so a cluster handed to another operator is theirs at
 * once. Refusals are JSON answers for the operator page's fetches.
 */
import type { AppLoadContext } from '@remix-run/node';
import { type Address, isAddressEqual, zeroAddress } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { fromDataSources } from '~/lib/http.server';
import { refuse } from '~/lib/private-json.server';
import { signedInAddress } from '~/lib/siwe-session.server';

/** The signed-in operator when it may write `clusterId`'s data; otherwise the answer that refuses it. */
export async function signedInOperatorOf(
  request: Request,
  context: AppLoadContext,
  clusterId: bigint | undefined,
): Promise<{ operator: Address } | { refusal: Response }> {
  const { chain } = context;
  const signedIn = await signedInAddress(request, context);
  if (!signedIn) return { refusal: refuse(401, 'Sign in with Ethereum first.') };
  if (clusterId === undefined) return { operator: signedIn };
  const operator = await fromDataSources(() =>
    chain.publicClient.readContract({
      address: chain.deployment.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'operatorOf',
      args: [clusterId],
    }),
  );
  if (isAddressEqual(operator, zeroAddress)) return { refusal: refuse(404, `Cluster #${clusterId} does not exist.`) };
  if (!isAddressEqual(operator, signedIn)) {
    return {
      refusal: refuse(
        403,
        `Only the operator of cluster #${clusterId} (${operator}) can change its off-chain data; you are signed in as ${signedIn}.`,
      ),
    };
  }
  return { operator: signedIn };
}
