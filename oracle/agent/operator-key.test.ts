import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keccak256, toBytes } from 'viem';
import { afterAll, describe, expect, it } from 'vitest';
import { devPrivateKey, devRoles } from '../../devnet/accounts';
import { loadAgentConfig } from './agent';

const env = (key: string) => ({ OPERATOR_PRIVATE_KEY: key }) as unknown as NodeJS.ProcessEnv;
const directory = mkdtempSync(join(tmpdir(), 'rackshare-agent-key-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function configFile(chainId: number) {
  const path = join(directory, `agent-${chainId}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      chainId,
      registry: `0x${'12'.repeat(20)}`,
      nodes: ['http://127.0.0.1:4700'],
      spoolDir: join(directory, 'spool'),
      clusters: [{ clusterId: 1, source: { kind: 'dcgm', url: 'http://127.0.0.1:9400/metrics' } }],
    }),
  );
  return path;
}

describe('the agent operator key (H-1)', () => {
  const devKey = devPrivateKey(devRoles.operators[0]);
  const ownKey = keccak256(toBytes('rackshare operator key'));

  it('refuses an operator key of the public dev mnemonic off chain 31337', () => {
    expect(() => loadAgentConfig(configFile(8_453), env(devKey))).toThrow(
      /OPERATOR_PRIVATE_KEY is a key of the public dev mnemonic .* chain 8453 is not the local chain/,
    );
    expect(loadAgentConfig(configFile(8_453), env(ownKey)).operatorKey).toBe(ownKey);
  });

  it('accepts it on the local chain', () => {
    expect(loadAgentConfig(configFile(31_337), env(devKey)).operatorKey).toBe(devKey);
  });
});
