/** The operator's batch-signing key, read from the environment variable the agent's config names. */
import { type Hex, isHex } from 'viem';
import { LOCAL_CHAIN_ID } from '#contracts/deploy';
import { isDevKey } from '#contracts/dev-keys';
import { ConfigError } from '#protocol/base-error';

/** Anyone holds the dev mnemonic's keys: off the local chain they would sign batches for the operator (H-1). */
export function refuseDevOperatorKey(key: Hex, name: string, chainId: number) {
  if (chainId !== LOCAL_CHAIN_ID && isDevKey(key)) {
    throw new ConfigError(
      `${name} is a key of the public dev mnemonic ("test test … junk"), which anyone holds: chain ${chainId} is not the local chain`,
    );
  }
}

export function readOperatorKey(env: NodeJS.ProcessEnv, name: string, chainId: number): Hex {
  const key = env[name];
  if (!key || !isHex(key) || key.length !== 66) {
    throw new ConfigError(`${name} must hold the operator's 0x-prefixed 32-byte private key`);
  }
  refuseDevOperatorKey(key, name, chainId);
  return key;
}
