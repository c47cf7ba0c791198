import { ContractFunctionRevertedError, encodeErrorResult, toFunctionSelector, UserRejectedRequestError } from 'viem';
import { describe, expect, it } from 'vitest';
import { offeringAbi } from '#contracts';
import { errorNameOfSelector } from '#protocol/errors';
import { describeError } from './contract-errors';

describe('describeError', () => {
  it('decodes a custom error with its arguments', () => {
    const data = encodeErrorResult({ abi: offeringAbi, errorName: 'SaleEnded', args: [100n, 200n] });
    const error = new ContractFunctionRevertedError({ abi: offeringAbi, data, functionName: 'buy' });
    expect(describeError(error)).toEqual({ kind: 'reverted', reason: 'SaleEnded(100, 200)' });
  });

  it('recognizes a wallet rejection', () => {
    expect(describeError(new UserRejectedRequestError(new Error('no')))).toEqual({ kind: 'rejected' });
    expect(describeError({ code: 4001, message: 'User rejected' })).toEqual({ kind: 'rejected' });
  });
});

describe('errorNameOfSelector', () => {
  it('names a ShareToken error selector and passes unknown ones through', () => {
    expect(errorNameOfSelector(toFunctionSelector('AccountFrozen(address)'))).toBe('AccountFrozen');
    expect(errorNameOfSelector('0xdeadbeef')).toBe('0xdeadbeef');
  });
});
