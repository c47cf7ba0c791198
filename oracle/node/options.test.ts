/**
 * One oracle node option schema (config/oracle-node.ts) for the three ways a node is started: the library
 * (`startOracleNode`), the standalone node's JSON file (`npm run oracle -- node --config`) and the demo's child
 * processes (RACKSHARE_NODE_CONFIG). The same options are accepted by all three, and a bad one is refused by all three
 * with the same sentence.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '#config/env';
import { oracleNodeProcessSchema, oracleNodeSettingsSchema } from '#config/oracle-node';
import { testPort } from '../../devnet/ports';
import { loadNodeConfig } from './config';
import { fixtureContext, fixtureNodeKey } from './core.test-kit';
import { startOracleNode } from './node';

const directory = mkdtempSync(join(tmpdir(), 'rackshare-node-options-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const member = privateKeyToAccount(fixtureNodeKey).address;
/** Options as a person writes them: lower-case addresses, most defaults left out. */
const options = {
  // Nothing listens there: a node that only signs needs no chain to start.
  rpcUrl: 'http://127.0.0.1:9',
  chainId: fixtureContext.chainId,
  registry: fixtureContext.registry.toLowerCase(),
  committee: [member.toLowerCase()],
  threshold: 1,
  peers: [],
  port: testPort(4191),
  journalPath: join(directory, 'node.jsonl'),
  epochSeconds: 600,
  relay: false,
};

function writeConfig(name: string, config: object) {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('one oracle node option schema for the CLI, the demo child processes and the library', () => {
  it('reads the same options to the same settings in all three', async () => {
    const settings = oracleNodeSettingsSchema.parse(options);
    expect(settings).toMatchObject({ committee: [member], host: '127.0.0.1', maxClockSkewMs: 40_000 });
    const file = loadNodeConfig(writeConfig('node.json', options), { ORACLE_NODE_PRIVATE_KEY: fixtureNodeKey });
    const { privateKeyEnv, relayerKeyEnv, ...fromFile } = file.config;
    expect(fromFile).toEqual(settings);
    expect([privateKeyEnv, relayerKeyEnv]).toEqual(['ORACLE_NODE_PRIVATE_KEY', 'ORACLE_RELAYER_PRIVATE_KEY']);
    const { warpChain, logLevel, ...fromProcess } = oracleNodeProcessSchema.parse(options);
    expect(fromProcess).toEqual(settings);
    expect([warpChain, logLevel]).toEqual([false, 'warn']);
    const node = await startOracleNode({ ...options, privateKey: fixtureNodeKey, log: pino({ level: 'silent' }) });
    try {
      expect(node.url).toBe(`http://127.0.0.1:${options.port}`);
      expect(node.address).toBe(member);
      expect((await fetch(`${node.url}/health`)).ok).toBe(true);
    } finally {
      await node.stop();
    }
  });

  it('reads an empty key variable as unset, like every other setting', () => {
    const path = writeConfig('relaying.json', { ...options, relay: true });
    const env = { ORACLE_NODE_PRIVATE_KEY: fixtureNodeKey, ORACLE_RELAYER_PRIVATE_KEY: '' };
    expect(loadNodeConfig(path, env).relayerPrivateKey).toBeUndefined();
    expect(() => loadNodeConfig(path, { ...env, ORACLE_NODE_PRIVATE_KEY: '' })).toThrow(
      /^ORACLE_NODE_PRIVATE_KEY must hold this node's/,
    );
  });

  it('refuses a bad option with the same sentence in all three', async () => {
    const bad = { ...options, committee: [] };
    const sentence = /committee must list at least 1\.$/;
    await expect(
      startOracleNode({ ...bad, privateKey: fixtureNodeKey, log: pino({ level: 'silent' }) }),
    ).rejects.toThrow(sentence);
    await expect(
      startOracleNode({ ...bad, privateKey: fixtureNodeKey, log: pino({ level: 'silent' }) }),
    ).rejects.toBeInstanceOf(ConfigError);
    const path = writeConfig('bad.json', bad);
    expect(() => loadNodeConfig(path, { ORACLE_NODE_PRIVATE_KEY: fixtureNodeKey })).toThrow(
      new RegExp(`^Invalid oracle node option in ${path}: ${sentence.source}`),
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'demo/node-process.ts'], {
      env: Object.assign({} as NodeJS.ProcessEnv, {
        PATH: process.env.PATH,
        RACKSHARE_NODE_CONFIG: JSON.stringify(bad),
        RACKSHARE_NODE_KEY: fixtureNodeKey,
      }),
      encoding: 'utf8',
    });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toMatch(
      /Invalid oracle node option in RACKSHARE_NODE_CONFIG: committee must list at least 1\./,
    );
  });
});
