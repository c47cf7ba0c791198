/**
 * Configuration file of a standalone oracle node (`npm run oracle -- node --config node.json`): the one oracle node option
 * schema (config/oracle-node.ts) plus the names of the variables that hold its keys.
 */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { type Hex, isHex } from 'viem';
import type { EnvSource } from '#config/env';
import { oracleNodeFileSchema, parseOracleNodeOptions } from '#config/oracle-node';
import { LOCAL_CHAIN_ID } from '#contracts/deploy';
import { isDevKey } from '#contracts/dev-keys';
import { ConfigError } from '#protocol/base-error';
import { checkClockRules, defaultClockRules } from './ingest-rules';

const isPrivateKey = (key: string | undefined): key is Hex => !!key && isHex(key) && key.length === 66;

export function loadNodeConfig(path: string, env: EnvSource = process.env) {
  const config = parseOracleNodeOptions(oracleNodeFileSchema, JSON.parse(readFileSync(path, 'utf8')), path);
  // A grace too short for the clock skew lets honest nodes sign different reports: refuse to start with it.
  const clock = defaultClockRules(config.epochSeconds, config.maxClockSkewMs, config.backfillSeconds);
  checkClockRules({ ...config, ...clock, graceSeconds: config.graceSeconds ?? clock.graceSeconds });
  // An empty variable is an unset one, as for every other setting.
  const key = env[config.privateKeyEnv] || undefined;
  if (!isPrivateKey(key)) {
    throw new ConfigError(`${config.privateKeyEnv} must hold this node's 0x-prefixed 32-byte private key`);
  }
  const relayerKey = env[config.relayerKeyEnv] || undefined;
  if (config.relay && relayerKey !== undefined && !isPrivateKey(relayerKey)) {
    throw new ConfigError(`${config.relayerKeyEnv} must hold the relayer's 0x-prefixed 32-byte private key`);
  }
  return {
    config,
    privateKey: key,
    relayerPrivateKey: config.relay && relayerKey !== undefined ? (relayerKey as Hex) : undefined,
  };
}

/**
 * The key a relaying node pays gas with. Outside a local dev chain it must be given and must differ from the signing
 * key: a node whose committee key also sits in a funded hot wallet turns every gas-wallet incident into a committee
 * compromise. On 31337 (anvil's public dev keys anyway) a missing or shared key is allowed with a warning, so a quick
 * local node needs one key only. Every node starts through here, so it also refuses keys of the public dev mnemonic off
 * 31337: anyone could sign as that committee member or drain its gas wallet (H-1).
 */
export function relayerKeyFor(
  options: { privateKey: Hex; relayerPrivateKey?: Hex; chainId: number; relay?: boolean },
  log: Pick<Logger, 'warn'>,
): Hex {
  if (options.chainId !== LOCAL_CHAIN_ID) {
    const dev = isDevKey(options.privateKey)
      ? 'signing key'
      : options.relayerPrivateKey !== undefined && isDevKey(options.relayerPrivateKey)
        ? 'relayer key'
        : undefined;
    if (dev) {
      throw new ConfigError(
        `the node's ${dev} is a key of the public dev mnemonic ("test test … junk"), which anyone holds: chain ${options.chainId} is not the local chain`,
      );
    }
  }
  const relaying = options.relay !== false;
  const shared = options.relayerPrivateKey === undefined || options.relayerPrivateKey === options.privateKey;
  if (!shared) return options.relayerPrivateKey!;
  if (!relaying) return options.privateKey; // never sends a transaction
  if (options.chainId !== LOCAL_CHAIN_ID) {
    throw new ConfigError(
      options.relayerPrivateKey === undefined
        ? 'a relaying node needs its own gas-paying relayer key (relayerKeyEnv), apart from the committee signing key'
        : 'the relayer key must differ from the committee signing key',
    );
  }
  log.warn('the relayer pays gas with the committee signing key (allowed on the local dev chain only)');
  return options.privateKey;
}
