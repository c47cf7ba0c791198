import { decodeFunctionData, encodeFunctionData, getAddress, zeroAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { guardianCall } from './guardian';

const registry = getAddress('0x5fbdb2315678afecb367f032d93f642f64180aa3');
const current = getAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266');
const next = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

/** The address the scheduled call would name, read back from its calldata as the timelock would send it. */
function named(call: ReturnType<typeof guardianCall>) {
  if (typeof call === 'string') throw new Error(call);
  const data = encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setGuardian', args: call.args as never });
  const decoded = decodeFunctionData({ abi: clusterRegistryAbi, data });
  expect(call.address).toBe(registry);
  expect(decoded.functionName).toBe('setGuardian');
  return decoded.args![0];
}

describe('guardianCall', () => {
  it('names a new guardian by its checksummed address', () => {
    expect(named(guardianCall(registry, current, { text: ` ${next} `, none: false }))).toBe(getAddress(next));
  });

  it('names nobody as address(0), whatever the text field holds', () => {
    expect(named(guardianCall(registry, current, { text: 'not an address', none: true }))).toBe(zeroAddress);
  });

  it('refuses text that is not an address, or a mixed-case address with a wrong checksum', () => {
    expect(guardianCall(registry, current, { text: '0x1234', none: false })).toBe('governance.invalid.address');
    const badChecksum = `0x${getAddress(next).slice(2).replace('C', 'c').replace('d', 'D')}`;
    expect(guardianCall(registry, current, { text: badChecksum, none: false })).toBe('governance.invalid.address');
  });

  it('refuses to schedule the guardian the registry already has (none included)', () => {
    expect(guardianCall(registry, current, { text: current.toLowerCase(), none: false })).toBe(
      'governance.guardian.unchanged',
    );
    expect(guardianCall(registry, null, { text: '', none: true })).toBe('governance.guardian.unchanged');
    expect(named(guardianCall(registry, null, { text: next, none: false }))).toBe(getAddress(next));
  });
});
