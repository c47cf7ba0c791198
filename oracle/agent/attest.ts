/**
 * Challenge-response attestation from the operator's side: ask each node for a fresh challenge, answer with the
 * operator-signed inventory, collect the nodes' attestation signatures, and submit k of them (ascending signers).
 */
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import type { ChainContext } from '../eip712';
import { PermanentError, RetryableError } from '../errors';
import { signInventory } from './signing';

export type AttestationSignature = {
  attestation: { clusterId: string; hardwareRoot: Hex; gpuCount: number; validUntil: number; nonce: number };
  signer: Address;
  signature: Hex;
};

async function postJson(url: string, body: unknown) {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new RetryableError(`cannot reach ${url}: ${(error as Error).message}`);
  }
  const json = (await response.json()) as { error?: { code: string; message: string } };
  if (!response.ok) {
    const error = new PermanentError(`${url}: ${json.error?.code ?? response.status} ${json.error?.message ?? ''}`);
    (error as PermanentError & { code?: string }).code = json.error?.code;
    throw error;
  }
  return json;
}

/** Proves the inventory to one node; returns its attestation signature. */
export async function proveInventory(
  nodeUrl: string,
  context: ChainContext,
  operatorKey: Hex,
  clusterId: bigint,
  uuids: string[],
  validUntil: number,
): Promise<AttestationSignature> {
  const { challenge } = (await postJson(`${nodeUrl}/clusters/${clusterId}/attestation/challenge`, {})) as unknown as {
    challenge: Hex;
  };
  const answer = await signInventory(context, operatorKey, clusterId, uuids, challenge, validUntil);
  return (await postJson(`${nodeUrl}/clusters/${clusterId}/attestation`, answer)) as unknown as AttestationSignature;
}

export async function attestCluster(options: {
  nodeUrls: string[];
  context: ChainContext;
  operatorKey: Hex;
  clusterId: bigint;
  uuids: string[];
  validUntil: number;
  threshold: number;
  walletClient: WalletClient<Transport, Chain, Account>;
  publicClient: PublicClient;
}) {
  const results = await Promise.allSettled(
    options.nodeUrls.map((url) =>
      proveInventory(url, options.context, options.operatorKey, options.clusterId, options.uuids, options.validUntil),
    ),
  );
  const signatures = results
    .filter((result): result is PromiseFulfilledResult<AttestationSignature> => result.status === 'fulfilled')
    .map((result) => result.value)
    .sort((a, b) => (a.signer.toLowerCase() < b.signer.toLowerCase() ? -1 : 1));
  if (signatures.length < options.threshold) {
    const reasons = results.filter((result) => result.status === 'rejected').map((result) => String(result.reason));
    throw new PermanentError(`only ${signatures.length} of ${options.threshold} nodes attested: ${reasons.join('; ')}`);
  }
  const first = signatures[0]!.attestation;
  const hash = await options.walletClient.writeContract({
    address: options.context.registry,
    abi: clusterRegistryAbi,
    functionName: 'submitAttestation',
    args: [
      {
        clusterId: BigInt(first.clusterId),
        hardwareRoot: first.hardwareRoot,
        gpuCount: first.gpuCount,
        validUntil: BigInt(first.validUntil),
        nonce: first.nonce,
      },
      signatures.slice(0, options.threshold).map((entry) => entry.signature),
    ],
  });
  const receipt = await options.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new PermanentError(`submitAttestation ${hash} reverted`);
  return { hash, signers: signatures.map((entry) => entry.signer) };
}
