import { encodeErrorResult, toFunctionSelector } from 'viem';
import { describe, expect, it } from 'vitest';
import { clusterRegistryAbi, offeringAbi } from '#contracts';
import {
  errorNameOfSelector,
  isProtocolErrorName,
  isSignatureError,
  protocolErrorsAbi,
  signatureErrorNames,
} from './errors';

describe('protocol errors from the ABIs', () => {
  it('finds exactly the registry errors that name one signature by its index', () => {
    // The registry's interface documents these six as "Signature `index` ..." (IClusterRegistryErrors.sol).
    expect([...signatureErrorNames].sort()).toEqual([
      'DuplicateSigner',
      'InvalidSignature',
      'InvalidSignatureLength',
      'MalleableSignature',
      'NotCommitteeSigner',
      'SignersNotAscending',
    ]);
    expect(isSignatureError('InsufficientSignatures')).toBe(false);
    expect(isSignatureError('CommitteeVersionMismatch')).toBe(false);
    expect(isSignatureError('MalleableSignature')).toBe(true);
  });

  it('names selectors of every contract and passes unknown ones through', () => {
    expect(errorNameOfSelector(toFunctionSelector('AccountFrozen(address)'))).toBe('AccountFrozen');
    expect(errorNameOfSelector(toFunctionSelector('SaleEnded(uint256,uint256)'))).toBe('SaleEnded');
    expect(
      errorNameOfSelector(toFunctionSelector('UnknownCluster(uint256)').toUpperCase().replace('0X', '0x') as never),
    ).toBe('UnknownCluster');
    expect(errorNameOfSelector('0xdeadbeef')).toBe('0xdeadbeef');
  });

  it('decodes a registry and an offering revert with the merged error ABI', () => {
    const data = encodeErrorResult({
      abi: clusterRegistryAbi,
      errorName: 'NotCommitteeSigner',
      args: [1n, `0x${'12'.repeat(20)}`],
    });
    expect(
      encodeErrorResult({
        abi: protocolErrorsAbi,
        errorName: 'NotCommitteeSigner',
        args: [1n, `0x${'12'.repeat(20)}`],
      }),
    ).toBe(data);
    expect(encodeErrorResult({ abi: offeringAbi, errorName: 'SaleEnded', args: [1n, 2n] })).toBe(
      encodeErrorResult({ abi: protocolErrorsAbi, errorName: 'SaleEnded', args: [1n, 2n] }),
    );
    expect(isProtocolErrorName('SaleEnded')).toBe(true);
    expect(isProtocolErrorName('NoSuchError')).toBe(false);
  });
});
