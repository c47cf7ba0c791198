/**
 * Attestation answers at the node's HTTP API, on a real local chain with a cluster of 100,000 GPUs registered:
 * what an unauthenticated 100k-UUID answer costs the node when it is refused (junk signature with the right count, and
 * a wrong count), and a valid attestation end to end (challenge, operator-signed answer, the node's signature). The
 * operator knows its hardware root (it registered it), so signing the answer costs it one signature; building the
 * request body is not timed: the figure is the challenge's and the answer's round trips. Last, the hardware root itself against the OpenZeppelin library it must equal.
 * Targets: refused < 100 ms, valid < 1,000 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { inventoryProofDigest, signDigest } from '#protocol/eip712';
import { hardwareRoot } from '#protocol/hardware';
import { devPrivateKey } from '../devnet/accounts';
import { registerClusterOfUuids, simulatedUuids } from '../devnet/actions';
import { testPort } from '../devnet/ports';
import { readAttestationTerms } from '../oracle/agent/attest';
import { hardwareTree } from '../oracle/hardware';
import { startTestChain } from '../oracle/node/harness.test-kit';
import { startOracleNode } from '../oracle/node/node';

const GPUS = 100_000;
const ROUNDS = 5;
const ANVIL_PORT = testPort(8777);
const NODE_PORT = testPort(4178);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => Math.round(value).toLocaleString('en-US');

export async function benchAttest(): Promise<void> {
  const log = pino({ level: 'silent' });
  const directory = mkdtempSync(join(tmpdir(), 'rackshare-bench-attest-'));
  const chain = await startTestChain(ANVIL_PORT, { committee: [7], threshold: 1 });
  const registry = chain.deployment.contracts.clusterRegistry;
  const context = { chainId: 31_337, registry };
  const node = await startOracleNode({
    privateKey: devPrivateKey(7),
    rpcUrl: chain.rpcUrl,
    chainId: 31_337,
    registry,
    committee: [privateKeyToAccount(devPrivateKey(7)).address],
    threshold: 1,
    peers: [],
    port: NODE_PORT,
    journalPath: join(directory, 'node.jsonl'),
    epochSeconds: 3_600,
    log,
  }).catch(async (error) => {
    await chain.anvil.stop();
    throw error;
  });
  try {
    const uuids = simulatedUuids('bench-attest', GPUS);
    const clusterId = await registerClusterOfUuids(chain, registry, 1, uuids);
    const root = hardwareRoot(uuids);
    const terms = await readAttestationTerms(chain.publicClient, registry);
    const validUntil = terms.issuedAt + 86_400;
    const post = async (path: string, body: string, cluster = clusterId) => {
      const response = await fetch(`${node.url}/clusters/${cluster}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const challenge = async (cluster = clusterId) =>
      (await post('attestation/challenge', '{}', cluster)).json.challenge as Hex;
    const answerBody = (challengeHex: Hex, list: string[], signature: Hex) =>
      JSON.stringify({ challenge: challengeHex, uuids: list, validUntil, ...terms, signature });

    const refused = async (list: string[], code: string) => {
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const body = answerBody(await challenge(), list, `0x${'00'.repeat(65)}`);
        const started = performance.now();
        const answer = await post('attestation', body);
        times.push(performance.now() - started);
        const got = (answer.json.error as { code?: string } | undefined)?.code;
        if (got !== code) throw new Error(`expected ${code}, got ${answer.status} ${JSON.stringify(answer.json)}`);
      }
      return median(times);
    };
    const junk = await refused(uuids, 'invalid_signature');
    const wrongCount = await refused(uuids.slice(1), 'gpu_count_mismatch');
    process.stdout.write(
      `refused 100k-UUID attestation answer (junk signature, right count): ${ms(junk)} ms (target < 100 ms)\n`,
    );
    process.stdout.write(
      `refused 100k-UUID attestation answer (wrong GPU count): ${ms(wrongCount)} ms (target < 100 ms)\n`,
    );

    /** Challenge, operator-signed answer, the node's signature: what an operator waits for, at the node's API. */
    const attest = async (cluster: bigint, list: string[], listRoot: Hex) => {
      const asked = performance.now();
      const challengeHex = await challenge(cluster);
      const challengeMs = performance.now() - asked;
      const digest = inventoryProofDigest(context, {
        clusterId: cluster,
        hardwareRoot: listRoot,
        gpuCount: GPUS,
        challenge: challengeHex,
        validUntil: BigInt(validUntil),
      });
      const body = answerBody(challengeHex, list, await signDigest(digest, devPrivateKey(1)));
      const sent = performance.now();
      const answer = await post('attestation', body, cluster);
      if (answer.status !== 200) throw new Error(`attestation refused: ${JSON.stringify(answer.json)}`);
      return challengeMs + performance.now() - sent;
    };
    // First attestations: the tree is built and the inventory journaled (three clusters of their own GPUs).
    const first = [await attest(clusterId, uuids, root)];
    for (let extra = 1; extra < 3; extra++) {
      const list = simulatedUuids(`bench-attest-${extra}`, GPUS);
      first.push(await attest(await registerClusterOfUuids(chain, registry, 1, list), list, hardwareRoot(list)));
    }
    process.stdout.write(`valid 100k-GPU attestation: ${ms(median(first))} ms (target < 1,000 ms)\n`);
    // Renewals of the inventory the node holds: sets compared, no tree, nothing journaled.
    const renewals: number[] = [];
    for (let round = 0; round < 3; round++) renewals.push(await attest(clusterId, uuids, root));
    process.stdout.write(
      `renewal of a held 100k-GPU inventory: ${ms(median(renewals))} ms (${(median(first) / median(renewals)).toFixed(1)}x faster than a first attestation)\n`,
    );

    const rawStarted = performance.now();
    const rawRoot = hardwareRoot(uuids);
    const rawMs = performance.now() - rawStarted;
    const ozStarted = performance.now();
    const ozRoot = hardwareTree(uuids).root;
    const ozMs = performance.now() - ozStarted;
    if (rawRoot !== ozRoot) throw new Error(`hardware roots differ: ${rawRoot} vs ${ozRoot}`);
    process.stdout.write(
      `hardware root of 100k GPUs: ${ms(rawMs)} ms (${Math.round(ozMs / rawMs)}x faster than OZ StandardMerkleTree: ${ms(ozMs)} ms)\n`,
    );
  } finally {
    await node.stop();
    await chain.anvil.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchAttest();
