import { bytesToHex } from 'viem';
import { generatePrivateKey, mnemonicToAccount, privateKeyToAddress } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { ANVIL_FIRST_KEY, ANVIL_MNEMONIC, DEV_ACCOUNT_COUNT, DEV_ADDRESSES, isDevAddress, isDevKey } from './dev-keys';

describe('dev keys (H-1)', () => {
  it('lists exactly the first DEV_ACCOUNT_COUNT addresses of the public mnemonic, the first one being anvil first key', () => {
    expect(DEV_ADDRESSES).toHaveLength(DEV_ACCOUNT_COUNT);
    const derived = Array.from({ length: DEV_ACCOUNT_COUNT }, (_, index) =>
      mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }),
    );
    expect(DEV_ADDRESSES).toEqual(derived.map((account) => account.address));
    expect(privateKeyToAddress(ANVIL_FIRST_KEY)).toBe(DEV_ADDRESSES[0]);
    expect(derived.every((account) => isDevKey(bytesToHex(account.getHdKey().privateKey!)))).toBe(true);
  });

  it('recognises dev addresses in any letter case and nothing else', () => {
    expect(isDevAddress(DEV_ADDRESSES[7]!.toLowerCase())).toBe(true);
    expect(isDevAddress(DEV_ADDRESSES[DEV_ACCOUNT_COUNT - 1]!)).toBe(true);
    // The account after the last funded one is outside the refused range; a random key is never a dev key.
    expect(isDevAddress(mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: DEV_ACCOUNT_COUNT }).address)).toBe(false);
    expect(isDevKey(generatePrivateKey())).toBe(false);
    expect(isDevKey('0x1234')).toBe(false);
    expect(isDevAddress('not an address')).toBe(false);
  });
});
