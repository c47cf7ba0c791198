import { decodeFunctionData, encodeFunctionData, getAddress, zeroAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { ownershipCall } from './ownership';

const registry = getAddress('0x5fbdb2315678afecb367f032d93f642f64180aa3');
const owner = getAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266');
const next = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

describe('ownershipCall', () => {
  it('names the typed address with transferOwnership on the registry, as the timelock would send it', () => {
    const call = ownershipCall(registry, owner, null, ` ${next} `);
    if (typeof call === 'string') throw new Error(call);
    expect(call.address).toBe(registry);
    const data = encodeFunctionData({
      abi: clusterRegistryAbi,
      functionName: 'transferOwnership',
      args: call.args as never,
    });
    const decoded = decodeFunctionData({ abi: clusterRegistryAbi, data });
    expect(decoded.functionName).toBe('transferOwnership');
    expect(decoded.args).toEqual([getAddress(next)]);
  });

  it('refuses what is not an address, address(0), the owner itself and the pending owner already named', () => {
    expect(ownershipCall(registry, owner, null, 'bob')).toBe('governance.invalid.address');
    expect(ownershipCall(registry, owner, null, zeroAddress)).toBe('governance.invalid.address');
    expect(ownershipCall(registry, owner, null, owner.toLowerCase())).toBe('governance.ownership.alreadyOwner');
    expect(ownershipCall(registry, owner, getAddress(next), next)).toBe('governance.ownership.alreadyPending');
  });
});
