/**
 * Challenge-response attestation from the operator's side: ask each node for a fresh challenge, answer with the
 * operator-signed inventory, collect the nodes' attestation signatures, and submit k of them (ascending signers).
 */
import type { Account, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import type { z } from 'zod';
import { clusterRegistryAbi } from '#contracts';
import { submitAttestationArgs } from '#protocol/attestation';
import type { ChainContext } from '#protocol/eip712';
import { type AttestationSignature, attestationSignatureSchema, challengeSchema } from '#protocol/wire';
import { PermanentError, RetryableError } from '../errors';
import { signInventory } from './signing';

export type { AttestationSignature };

/** A node answered, but not with the shape its API promises: retrying that node will not help. */
function parseAnswer<T>(schema: z.ZodType<T>, json: unknown, nodeUrl: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new PermanentError(`${nodeUrl}: unexpected answer (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

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

/**
 * What every node must sign alike besides the inventory: the attestation's expiry, the chain time it states it was
 * checked at, and the registry's committee version.
 */
export type AttestationTerms = { validUntil: number; issuedAt: number; committeeVersion: number };

/** The chain's current time and committee version, read once so that every node is asked the same. */
export async function readAttestationTerms(publicClient: PublicClient, registry: ChainContext['registry']) {
  const [block, committeeVersion] = await Promise.all([
    publicClient.getBlock({ blockTag: 'latest' }),
    publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'committeeVersion' }),
  ]);
  return { issuedAt: Number(block.timestamp), committeeVersion: Number(committeeVersion) };
}

/** Proves the inventory to one node; returns its attestation signature. */
export async function proveInventory(
  nodeUrl: string,
  context: ChainContext,
  operatorKey: Hex,
  clusterId: bigint,
  uuids: string[],
  terms: AttestationTerms,
): Promise<AttestationSignature> {
  const { challenge } = parseAnswer(
    challengeSchema,
    await postJson(`${nodeUrl}/clusters/${clusterId}/attestation/challenge`, {}),
    nodeUrl,
  );
  const answer = await signInventory(context, operatorKey, clusterId, uuids, challenge, terms.validUntil);
  return parseAnswer(
    attestationSignatureSchema,
    await postJson(`${nodeUrl}/clusters/${clusterId}/attestation`, {
      ...answer,
      issuedAt: terms.issuedAt,
      committeeVersion: terms.committeeVersion,
    }),
    nodeUrl,
  );
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
  const terms = {
    validUntil: options.validUntil,
    ...(await readAttestationTerms(options.publicClient, options.context.registry)),
  };
  const results = await Promise.allSettled(
    options.nodeUrls.map((url) =>
      proveInventory(url, options.context, options.operatorKey, options.clusterId, options.uuids, terms),
    ),
  );
  const signatures = results
    .filter((result): result is PromiseFulfilledResult<AttestationSignature> => result.status === 'fulfilled')
    .map((result) => result.value);
  if (signatures.length < options.threshold) {
    const reasons = results.filter((result) => result.status === 'rejected').map((result) => String(result.reason));
    throw new PermanentError(`only ${signatures.length} of ${options.threshold} nodes attested: ${reasons.join('; ')}`);
  }
  const hash = await options.walletClient.writeContract({
    address: options.context.registry,
    abi: clusterRegistryAbi,
    functionName: 'submitAttestation',
    args: submitAttestationArgs(signatures, options.threshold),
  });
  const receipt = await options.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new PermanentError(`submitAttestation ${hash} reverted`);
  return { hash, signers: signatures.map((entry) => entry.signer) };
}
