import { describe, expect, it } from 'vitest';
import { parseDeployEnv } from './deploy';
import { ConfigError } from './stack';

describe('parseDeployEnv', () => {
  it('refuses to deploy without RPC_URL, in one sentence (npm start deploys its local chain itself)', () => {
    expect(() => parseDeployEnv({})).toThrow(ConfigError);
    expect(() => parseDeployEnv({ RPC_URL: '' })).toThrow(/^Invalid configuration: RPC_URL is required \(/);
  });

  it('parses the committee and the record directory, empty values being unset', () => {
    const env = parseDeployEnv({
      RPC_URL: 'https://rpc.example.org',
      ORACLE_SIGNERS: `0x${'a'.repeat(40)}, 0x${'b'.repeat(40)}`,
      ORACLE_THRESHOLD: '2',
      DEPLOYMENTS_DIR: '/srv/rackshare/deployments',
      GUARDIAN_ADDRESS: '',
    });
    expect(env.ORACLE_SIGNERS).toHaveLength(2);
    expect(env.ORACLE_THRESHOLD).toBe(2);
    expect(env.DEPLOYMENTS_DIR).toBe('/srv/rackshare/deployments');
    expect(env.GUARDIAN_ADDRESS).toBeUndefined();
    expect(() => parseDeployEnv({ RPC_URL: 'https://rpc.example.org', ORACLE_THRESHOLD: 'two' })).toThrow(
      /^Invalid configuration: ORACLE_THRESHOLD /,
    );
  });
});
