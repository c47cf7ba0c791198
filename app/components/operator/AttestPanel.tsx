/**
 * Requesting the oracle committee's attestation from the operator page: the operator lists the cluster's GPU UUIDs
 * (prefilled after registering in this tab), each oracle node issues a challenge, the wallet signs one InventoryProof
 * (EIP-712) per node, each node that accepts signs the attestation, and the operator submits k of those on-chain.
 * Each node's refusal is shown with its own reason (wrong inventory, other cluster's GPU, …).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address, Hex } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock, readContract, signTypedData } from 'wagmi/actions';
import { clusterRegistryAbi } from '#contracts';
import { submitAttestationArgs } from '#protocol/attestation';
import { telemetryDomain, telemetryTypes } from '#protocol/eip712';
import { errorBodySchema } from '#protocol/wire';
import { TxStatus } from '~/components/TxStatus';
import type { AttestationSignature, NodeOutcome } from '~/lib/attestation';
import { useCommitment } from '~/lib/commitment';
import { useTransactionFlow } from '~/lib/tx';

/** How long an attestation requested here stays valid (the nodes accept up to 400 days). */
const VALIDITY_SECONDS = 30 * 86_400;

type NodeLine = { node: number; state: 'signed' | 'refused' | 'waiting'; reason?: string };

async function relay<T>(body: unknown): Promise<NodeOutcome<T>[]> {
  const response = await fetch('/operator/attestation', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { nodes?: NodeOutcome<T>[] };
  if (response.ok && json.nodes) return json.nodes;
  const refusal = errorBodySchema.safeParse(json);
  throw new Error(refusal.success ? refusal.data.error.message : `the attestation relay answered ${response.status}`);
}

export function AttestPanel(props: {
  cluster: { id: bigint; gpuCount: number; hardwareRoot: Hex };
  account: Address;
  registry: Address;
  chainId: number;
  initialUuids?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const config = useConfig();
  const flow = useTransactionFlow();
  const [uuidText, setUuidText] = useState(props.initialUuids ?? '');
  // A list remembered after the form opened (the Hardware tab's update lands while the form is on screen) replaces it.
  useEffect(() => {
    if (props.initialUuids !== undefined) setUuidText(props.initialUuids);
  }, [props.initialUuids]);
  const [nodes, setNodes] = useState<NodeLine[]>([]);
  const id = props.cluster.id.toString();
  const commitment = useCommitment(uuidText);
  const { uuids } = commitment;
  const inventoryError =
    commitment.error ??
    (commitment.root && commitment.root !== props.cluster.hardwareRoot ? t('attest.mismatch') : undefined);
  const ready = commitment.root === props.cluster.hardwareRoot && uuids.length === props.cluster.gpuCount;

  async function request() {
    setNodes([]);
    const receipt = await flow.run(async ({ send, setSigning }) => {
      const [threshold, committeeVersion, head] = await Promise.all([
        readContract(config, { address: props.registry, abi: clusterRegistryAbi, functionName: 'threshold' }),
        readContract(config, { address: props.registry, abi: clusterRegistryAbi, functionName: 'committeeVersion' }),
        getBlock(config),
      ]);
      // The chain's clock: a test chain may run ahead of wall time, and the nodes judge validity by it. Every node
      // signs the same statement, so the time it was checked at (issuedAt) is chosen here, once.
      const issuedAt = Number(head.timestamp);
      const validUntil = issuedAt + VALIDITY_SECONDS;
      const challenges = await relay<{ challenge: Hex }>({ step: 'challenge', clusterId: id });
      const lines = new Map<number, NodeLine>(
        challenges.map((outcome) => [
          outcome.node,
          outcome.ok
            ? { node: outcome.node, state: 'waiting' }
            : { node: outcome.node, state: 'refused', reason: outcome.message },
        ]),
      );
      setNodes([...lines.values()]);
      const signatures: AttestationSignature[] = [];
      for (const outcome of challenges) {
        // Every node gets the inventory, as the oracle's own agent does: a node that never saw it would refuse the
        // cluster's telemetry and could not tell that these GPUs are taken.
        if (!outcome.ok) continue;
        setSigning(t('attest.signingFor', { node: outcome.node + 1, of: challenges.length }));
        const signature = await signTypedData(config, {
          account: props.account,
          domain: telemetryDomain({ chainId: props.chainId, registry: props.registry }),
          types: telemetryTypes,
          primaryType: 'InventoryProof',
          message: {
            clusterId: props.cluster.id,
            hardwareRoot: props.cluster.hardwareRoot,
            gpuCount: uuids.length,
            challenge: outcome.data.challenge,
            validUntil: BigInt(validUntil),
          },
        });
        const [answer] = await relay<AttestationSignature>({
          step: 'answer',
          clusterId: id,
          answers: [
            {
              node: outcome.node,
              challenge: outcome.data.challenge,
              uuids,
              validUntil,
              issuedAt,
              committeeVersion,
              signature,
            },
          ],
        });
        if (answer?.ok) signatures.push(answer.data);
        lines.set(
          outcome.node,
          answer?.ok
            ? { node: outcome.node, state: 'signed' }
            : { node: outcome.node, state: 'refused', reason: answer?.message ?? 'no answer' },
        );
        setNodes([...lines.values()]);
      }
      if (signatures.length < Number(threshold)) {
        throw new Error(t('attest.tooFew', { signed: signatures.length, needed: threshold.toString() }));
      }
      return send(
        {
          account: props.account,
          address: props.registry,
          abi: clusterRegistryAbi,
          functionName: 'submitAttestation',
          args: submitAttestationArgs(signatures, Number(threshold)),
        },
        t('attest.submit'),
      );
    });
    if (receipt) props.onDone();
  }

  return (
    <div className="stack" data-testid={`attest-${id}`}>
      <label htmlFor={`attest-uuids-${id}`}>{t('attest.uuids', { count: props.cluster.gpuCount })}</label>
      <textarea
        id={`attest-uuids-${id}`}
        rows={3}
        spellCheck={false}
        value={uuidText}
        onChange={(event) => setUuidText(event.target.value)}
        aria-invalid={Boolean(inventoryError)}
      />
      {inventoryError && <p className="error-text">{inventoryError}</p>}
      <button type="button" disabled={!ready || flow.busy} onClick={() => void request()}>
        {t('attest.request')}
      </button>
      {nodes.length > 0 && (
        <ul className="plain-list" aria-label={t('attest.nodes')}>
          {nodes.map((line) => (
            <li key={line.node} data-testid={`attest-node-${line.node}`} data-state={line.state}>
              {t('attest.node', { node: line.node + 1 })}: {t(`attest.${line.state}`)}
              {line.reason && ` — ${line.reason}`}
            </li>
          ))}
        </ul>
      )}
      <TxStatus state={flow.state} testId={`attest-status-${id}`} />
    </div>
  );
}
