import { describe, expect, it } from 'vitest';
import { DEV_ADDRESSES } from '#contracts/dev-keys';
import { devPrivateKey } from '../devnet/accounts';
import { checkProductionSettings, type ProductionSettings } from './production';
import { ConfigError, parseStackEnv } from './stack';

const own = (digit: string) => `0x${digit.repeat(40)}`;
const ownKey = `0x${'11'.repeat(32)}`;
const deploySettings: ProductionSettings = {
  RPC_URL: 'https://rpc.example.org/v2/key',
  DEPLOYER_PRIVATE_KEY: ownKey,
  ORACLE_SIGNERS: [own('a'), own('b'), own('c')],
  ORACLE_THRESHOLD: 2,
  GOVERNANCE_ADDRESS: own('d'),
};

describe('npm start with RPC_URL (H-1, M-6)', () => {
  it('refuses to run without PUBLIC_RPC_URL: the private RPC URL is never sent to browsers by default (M-6)', () => {
    const env = { RPC_URL: 'https://eth-mainnet.g.alchemy.com/v2/SECRET' };
    expect(() => parseStackEnv(env)).toThrow(ConfigError);
    expect(() => parseStackEnv(env)).toThrow(/^Invalid configuration: PUBLIC_RPC_URL is required when RPC_URL is set/);
    expect(() => parseStackEnv(env)).not.toThrow(/SECRET/);
  });

  it('needs neither a deployer key nor a committee: the deployment record supplies the committee', () => {
    const env = parseStackEnv({
      RPC_URL: 'https://rpc.example.org/v2/key',
      PUBLIC_RPC_URL: 'https://rpc.example.org',
      PUBLIC_ORIGIN: 'https://rackshare.example',
      SESSION_SECRET: 's'.repeat(32),
    });
    expect(env.localChain).toBe(false);
    expect(env.PUBLIC_RPC_URL).toBe('https://rpc.example.org');
  });

  it('refuses a PUBLIC_RPC_URL with credentials, and accepts a path key as the operator choice (M-6)', () => {
    const base = {
      RPC_URL: 'https://rpc.example.org/v2/key',
      PUBLIC_ORIGIN: 'https://rackshare.example',
      SESSION_SECRET: 's'.repeat(32),
    };
    expect(() => parseStackEnv({ ...base, PUBLIC_RPC_URL: 'https://user:pw@rpc.example.org' })).toThrow(
      /PUBLIC_RPC_URL must not carry credentials/,
    );
    expect(parseStackEnv({ ...base, PUBLIC_RPC_URL: 'https://rpc.example.org/public-key' }).PUBLIC_RPC_URL).toBe(
      'https://rpc.example.org/public-key',
    );
  });

  it('leaves the local chain alone: no RPC_URL needs none of it', () => {
    expect(() => checkProductionSettings({}, { runtime: 'deploy', chainId: 31_337 })).not.toThrow();
    expect(parseStackEnv({}).localChain).toBe(true);
  });
});

describe('npm run deploy settings (H-1)', () => {
  it.each(['DEPLOYER_PRIVATE_KEY', 'ORACLE_SIGNERS', 'ORACLE_THRESHOLD', 'GOVERNANCE_ADDRESS'] as const)(
    'refuses a deployment with RPC_URL but without %s, in one sentence',
    (name) => {
      const settings = { ...deploySettings, [name]: undefined };
      expect(() => checkProductionSettings(settings, { runtime: 'deploy' })).toThrow(
        new RegExp(`^Invalid configuration: ${name} is required when RPC_URL is set \\([^.]*\\)\\.$`),
      );
    },
  );

  it('accepts a complete set of own keys on a real chain', () => {
    expect(() => checkProductionSettings(deploySettings, { runtime: 'deploy', chainId: 1 })).not.toThrow();
  });
});

describe('dev-mnemonic keys and addresses (H-1)', () => {
  const cases: [string, ProductionSettings][] = [
    ['DEPLOYER_PRIVATE_KEY', { DEPLOYER_PRIVATE_KEY: devPrivateKey(0) }],
    ['DEPLOYER_PRIVATE_KEY', { DEPLOYER_PRIVATE_KEY: devPrivateKey(19) }],
    ['ORACLE_SIGNERS', { ORACLE_SIGNERS: [own('a'), DEV_ADDRESSES[8]!.toLowerCase(), own('c')] }],
    ['GOVERNANCE_ADDRESS', { GOVERNANCE_ADDRESS: DEV_ADDRESSES[1] }],
    ['GUARDIAN_ADDRESS', { GUARDIAN_ADDRESS: DEV_ADDRESSES[2] }],
    ['ORACLE_READER_PRIVATE_KEY', { ORACLE_READER_PRIVATE_KEY: devPrivateKey(19) }],
  ];

  it.each(cases)('refuses %s of the dev mnemonic on a chain other than 31337', (name, overrides) => {
    const settings = { ...deploySettings, ...overrides };
    for (const chainId of [1, 8_453, 11_155_111]) {
      expect(() => checkProductionSettings(settings, { runtime: 'deploy', chainId })).toThrow(
        new RegExp(
          `^Invalid configuration: ${name} holds a key or address of the public dev mnemonic .* chain ${chainId} is not the local chain\\.$`,
        ),
      );
    }
  });

  it.each(cases)('accepts %s of the dev mnemonic on the local chain 31337', (_name, overrides) => {
    const settings = { ...deploySettings, ...overrides };
    expect(() => checkProductionSettings(settings, { runtime: 'deploy', chainId: 31_337 })).not.toThrow();
    // Before the chain id is known only what holds everywhere is checked.
    expect(() => checkProductionSettings(settings, { runtime: 'deploy' })).not.toThrow();
  });
});
