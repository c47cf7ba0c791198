/**
 * Challenge-response attestation from the operator's side: ask each node for a fresh challenge, answer with the
 * operator-signed inventory, collect the nodes' attestation signatures, and submit k of them (ascending signers).
 */
import type { Account, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { submitAttestationArgs } from '#protocol/attestation';
import { BaseError } from '#protocol/base-error';
import type { ChainContext } from '#protocol/eip712';
import { NodeClient } from '#protocol/node-client';
import type { AttestationSignature } from '#protocol/wire';
import { signInventory } from './signing';

export type { AttestationSignature };

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
  const node = new NodeClient(nodeUrl);
  const { challenge } = await node.challenge(clusterId);
  const answer = await signInventory(context, operatorKey, clusterId, uuids, challenge, terms.validUntil);
  return node.answer(clusterId, { ...answer, issuedAt: terms.issuedAt, committeeVersion: terms.committeeVersion });
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
    throw new BaseError(`only ${signatures.length} of ${options.threshold} nodes attested: ${reasons.join('; ')}`, {
      code: 'attestation_short',
      cause: results.find((result) => result.status === 'rejected')?.reason,
    });
  }
  const hash = await options.walletClient.writeContract({
    address: options.context.registry,
    abi: clusterRegistryAbi,
    functionName: 'submitAttestation',
    args: submitAttestationArgs(signatures, options.threshold),
  });
  const receipt = await options.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success')
    throw new BaseError(`submitAttestation ${hash} reverted`, { code: 'attestation_reverted' });
  return { hash, signers: signatures.map((entry) => entry.signer) };
}
