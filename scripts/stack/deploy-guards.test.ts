/**
 * What `npm run deploy` and `npm start` with RPC_URL refuse about a recorded deployment (review 12, both reviewers):
 * a record is replaced only with --new, whatever a lagging RPC backend answers about its block, and a record naming
 * dev-mnemonic accounts as committee or governance is never run off the local chain.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deploymentPath, readDeployment } from '#contracts/deployments';
import { parseDeployEnv } from '../../config/deploy';
import { startTestChain, type TestChain } from '../../db/fixtures.test-kit';
import { devAccount, devPrivateKey, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { DeploymentRecordError, deployToChain, resolveDeployment } from './deployment';

let chain: TestChain;
let lagging: Server;
let laggingUrl: string;
let hiddenBlock: bigint | undefined;
const directories: string[] = [];
const directory = () => {
  const made = mkdtempSync(join(tmpdir(), 'rackshare-deploy-guards-'));
  directories.push(made);
  return made;
};

beforeAll(async () => {
  chain = await startTestChain(testPort(8799));
  // A backend that has not reached `hiddenBlock` yet: it answers null for that block, everything else as the node.
  lagging = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', async () => {
      const body = JSON.parse(Buffer.concat(parts).toString()) as { id: number; method: string; params: unknown[] };
      response.setHeader('content-type', 'application/json');
      if (
        body.method === 'eth_getBlockByNumber' &&
        hiddenBlock !== undefined &&
        body.params[0] === toHex(hiddenBlock)
      ) {
        response.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: null }));
        return;
      }
      const upstream = await fetch(chain.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      response.end(await upstream.text());
    });
  });
  await new Promise<void>((done) => lagging.listen(0, '127.0.0.1', done));
  laggingUrl = `http://127.0.0.1:${(lagging.address() as AddressInfo).port}`;
});

afterAll(async () => {
  lagging?.close();
  await chain?.stop();
  for (const made of directories) rmSync(made, { recursive: true, force: true });
});

const deployEnv = (rpcUrl: string, deploymentsDir: string) =>
  parseDeployEnv({
    RPC_URL: rpcUrl,
    DEPLOYER_PRIVATE_KEY: devPrivateKey(devRoles.deployer),
    ORACLE_SIGNERS: devRoles.oracleNodes.map((index) => devAccount(index).address).join(','),
    ORACLE_THRESHOLD: '2',
    GOVERNANCE_ADDRESS: devAccount(1).address,
    DEPLOYMENTS_DIR: deploymentsDir,
  });

describe('npm run deploy replaces a recorded deployment only with --new (review 12 H-4)', () => {
  it('refuses to replace a live record when a lagging backend answers "block not found" for its block (H-4 attack)', async () => {
    const made = directory();
    const first = await deployToChain(deployEnv(chain.rpcUrl, made), { replace: false, print: () => {} });
    hiddenBlock = first.deployment.deployBlock;
    const nonce = await chain.publicClient.getTransactionCount({ address: devAccount(devRoles.deployer).address });
    try {
      const refusal = deployToChain(deployEnv(laggingUrl, made), { replace: false, print: () => {} });
      await expect(refusal).rejects.toThrow(DeploymentRecordError);
      await expect(refusal).rejects.toThrow(
        `A deployment of chain 31337 is already recorded in ${deploymentPath(31_337, made)} (block ${first.deployment.deployBlock}, ClusterRegistry ${first.deployment.contracts.clusterRegistry}): pass --new to deploy another protocol and replace that record deliberately.`,
      );
    } finally {
      hiddenBlock = undefined;
    }
    expect(await chain.publicClient.getTransactionCount({ address: devAccount(devRoles.deployer).address })).toBe(
      nonce,
    );
    expect(readDeployment(31_337, made)).toEqual(first.deployment);
  }, 120_000);

  it('does not take "block not found" from a lagging RPC backend as "the deployment is gone" (H-4 maint)', async () => {
    // Every block is unknown to this backend, and it refuses every other call but the chain id.
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const call = JSON.parse(body) as { id: number; method: string };
        const result =
          call.method === 'eth_chainId' ? '0xaa36a7' : call.method === 'eth_getBlockByNumber' ? null : undefined;
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify(
            result === undefined
              ? { jsonrpc: '2.0', id: call.id, error: { code: -32000, message: `refused ${call.method}` } }
              : { jsonrpc: '2.0', id: call.id, result },
          ),
        );
      });
    });
    await new Promise<void>((done) => server.listen(testPort(8990), '127.0.0.1', done));
    try {
      const made = directory();
      const own = (digit: string) => `0x${digit.repeat(40)}`;
      const record = JSON.stringify({
        chainId: 11_155_111,
        deployBlock: '100',
        deployBlockHash: `0x${'ab'.repeat(32)}`,
        contracts: {
          clusterRegistry: own('1'),
          shareTokenImplementation: own('2'),
          offeringImplementation: own('3'),
          factory: own('4'),
          market: own('6'),
          stablecoin: own('5'),
        },
        committee: { signers: [own('a'), own('b'), own('c')], threshold: 2, heartbeatSeconds: 600 },
      });
      writeFileSync(join(made, '11155111.json'), record);
      const printed: string[] = [];
      const env = parseDeployEnv({
        RPC_URL: `http://127.0.0.1:${testPort(8990)}`,
        DEPLOYER_PRIVATE_KEY: `0x${'11'.repeat(32)}`,
        ORACLE_SIGNERS: [own('a'), own('b'), own('c')].join(','),
        ORACLE_THRESHOLD: '2',
        GOVERNANCE_ADDRESS: own('d'),
        STABLECOIN_ADDRESS: own('5'),
        DEPLOYMENTS_DIR: made,
      });
      await expect(deployToChain(env, { replace: false, print: (line) => printed.push(line) })).rejects.toThrow(
        /^A deployment of chain 11155111 is already recorded in .*11155111\.json \(block 100, ClusterRegistry 0x1111111111111111111111111111111111111111\): pass --new/,
      );
      expect(printed.join('\n')).not.toMatch(/replacing/i);
      expect(readFileSync(join(made, '11155111.json'), 'utf8')).toBe(record);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('npm start with RPC_URL re-checks the recorded committee and governance (review 12 attack #5)', () => {
  const own = (digit: string) => `0x${digit.repeat(40)}`;
  const record = (overrides: Record<string, unknown>) => ({
    chainId: 11_155_111,
    deployBlock: '100',
    deployBlockHash: `0x${'ab'.repeat(32)}`,
    contracts: {
      clusterRegistry: own('1'),
      shareTokenImplementation: own('2'),
      offeringImplementation: own('3'),
      factory: own('4'),
      market: own('6'),
      stablecoin: own('5'),
    },
    committee: { signers: [own('a'), own('b'), own('c')], threshold: 2, heartbeatSeconds: 600 },
    governance: { owner: own('e'), proposer: own('d'), guardian: null, timelockDelaySeconds: 172_800 },
    ...overrides,
  });
  /** A source for chain 11155111 whose chain must never be asked: the record alone is refused. */
  const sepoliaSource = (made: string) => {
    const getBlock = vi.fn(() => Promise.reject(new Error('the chain was asked')));
    const wallet = vi.fn();
    return {
      source: {
        publicClient: { getBlock, getCode: getBlock } as never,
        chainId: 11_155_111,
        localChain: false,
        directory: made,
        wallet: wallet as never,
        deployOptions: () => ({ committee: { signers: [], threshold: 1, heartbeatSeconds: 600 } }) as never,
      },
      getBlock,
      wallet,
    };
  };

  it.each([
    [
      'committee signer',
      { committee: { signers: [own('a'), devAccount(7).address], threshold: 2, heartbeatSeconds: 600 } },
      devAccount(7).address,
    ],
    [
      'governance owner',
      { governance: { owner: devAccount(0).address, proposer: own('d'), guardian: null, timelockDelaySeconds: 1 } },
      devAccount(0).address,
    ],
    [
      'governance proposer',
      { governance: { owner: own('e'), proposer: devAccount(1).address, guardian: null, timelockDelaySeconds: 1 } },
      devAccount(1).address,
    ],
    [
      'guardian',
      { governance: { owner: own('e'), proposer: own('d'), guardian: devAccount(2).address, timelockDelaySeconds: 1 } },
      devAccount(2).address,
    ],
  ])(
    'refuses a recorded %s of the dev mnemonic on chain 11155111 with one sentence (attack #5)',
    async (role, overrides, dev) => {
      const made = directory();
      writeFileSync(join(made, '11155111.json'), JSON.stringify(record(overrides)));
      const { source, getBlock, wallet } = sepoliaSource(made);
      const refusal = resolveDeployment(source);
      await expect(refusal).rejects.toThrow(DeploymentRecordError);
      await expect(refusal).rejects.toThrow(
        `The deployment recorded in ${join(made, '11155111.json')} has ${role} ${dev}, an account of the public dev mnemonic that anyone can sign with, on chain 11155111: redeploy with real keys (\`npm run deploy -- --new\`).`,
      );
      expect(getBlock).not.toHaveBeenCalled();
      expect(wallet).not.toHaveBeenCalled();
    },
  );

  it('goes on to the chain for a record with real committee and governance (attack #5 control)', async () => {
    const made = directory();
    writeFileSync(join(made, '11155111.json'), JSON.stringify(record({})));
    const { source, getBlock } = sepoliaSource(made);
    await expect(resolveDeployment(source)).rejects.toThrow('the chain was asked');
    expect(getBlock).toHaveBeenCalled();
  });
});
