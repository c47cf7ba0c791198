import {
  BaseError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  getAddress,
  toFunctionSelector,
  UserRejectedRequestError,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { clusterRegistryAbi, offeringAbi, offeringPhase, shareTokenAbi } from '#contracts';
import { errorNotices } from '#contracts/error-notices';
import { errorNameOfSelector, protocolErrorsAbi } from '#protocol/errors';
import { describeError, refusalText } from './contract-errors';

/** A revert as a wallet flow meets it: the payload the chain returns, decoded with the merged protocol errors. */
function revert(data: `0x${string}`) {
  return new BaseError('simulation failed', {
    cause: new ContractFunctionRevertedError({ abi: protocolErrorsAbi, data, functionName: 'buy' }),
  });
}

describe('describeError', () => {
  it("tells a custom error in the contract's NatSpec words, keeping its name and arguments", () => {
    const data = encodeErrorResult({ abi: offeringAbi, errorName: 'SaleEnded', args: [100n, 200n] });
    const described = describeError(revert(data));
    expect(described).toEqual({
      kind: 'reverted',
      name: 'SaleEnded',
      reason: 'The sale has ended.',
      args: ['100', '200'],
    });
    expect(refusalText(described as Exclude<typeof described, { kind: 'rejected' }>)).toBe(
      'The sale has ended. (SaleEnded(100, 200))',
    );
  });

  it('puts the arguments a sentence names in place and shows enums by member name', () => {
    const frozen = getAddress('0x00000000000000000000000000000000000000aa');
    const accountFrozen = describeError(
      revert(encodeErrorResult({ abi: shareTokenAbi, errorName: 'AccountFrozen', args: [frozen] })),
    );
    expect(accountFrozen).toMatchObject({
      kind: 'reverted',
      name: 'AccountFrozen',
      reason: `${frozen} is frozen and can neither send nor receive shares.`,
    });
    const cannotFinalize = describeError(
      revert(encodeErrorResult({ abi: offeringAbi, errorName: 'CannotFinalize', args: [offeringPhase.Open] })),
    );
    expect(cannotFinalize).toMatchObject({
      name: 'CannotFinalize',
      reason: 'finalize is not possible in this phase (before start, or while open for anyone but the operator).',
      args: ['Open'],
    });
  });

  it('shows every enum argument of every protocol error by member name', () => {
    const withEnums = protocolErrorsAbi.filter((item) =>
      item.inputs.some((input) => input.internalType?.startsWith('enum ')),
    );
    expect(withEnums.length).toBeGreaterThan(0);
    for (const item of withEnums) {
      // The last member of every enum here is at least 1: a raw index would read "1", a name never does.
      const args = item.inputs.map((input) =>
        input.type === 'address' ? getAddress(`0x${'11'.repeat(20)}`) : input.type === 'uint8' ? 1 : 1n,
      );
      const described = describeError(revert(encodeErrorResult({ abi: [item], errorName: item.name, args })));
      const shown = described.kind === 'reverted' ? described.args : undefined;
      item.inputs.forEach((input, index) => {
        if (input.internalType?.startsWith('enum '))
          expect(shown?.[index], `${item.name} ${input.name}`).toMatch(/^[A-Z][A-Za-z]+$/);
      });
    }
  });

  it('falls back to the name and arguments for an error without a sentence, and to viem for Error(string)', () => {
    const tooLong = describeError(
      revert(encodeErrorResult({ abi: clusterRegistryAbi, errorName: 'StringTooLong', args: ['abc'] })),
    );
    expect(tooLong).toEqual({ kind: 'reverted', name: 'StringTooLong', reason: 'StringTooLong(abc)', args: ['abc'] });
    expect(refusalText(tooLong as Exclude<typeof tooLong, { kind: 'rejected' }>)).toBe('StringTooLong(abc)');
    const message = encodeErrorResult({
      abi: [{ type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] }],
      errorName: 'Error',
      args: ['no way'],
    });
    expect(describeError(revert(message))).toEqual({ kind: 'reverted', reason: 'no way' });
  });

  it('recognizes a wallet rejection', () => {
    expect(describeError(new UserRejectedRequestError(new Error('no')))).toEqual({ kind: 'rejected' });
    expect(describeError({ code: 4001, message: 'User rejected' })).toEqual({ kind: 'rejected' });
  });
});

describe('errorNotices', () => {
  it('has a sentence for every custom error the protocol contracts declare themselves', () => {
    const withoutSentence = protocolErrorsAbi
      .map((item) => item.name)
      .filter((name) => !Object.keys(errorNotices).some((signature) => signature.startsWith(`${name}(`)));
    // OpenZeppelin's ShortStrings errors carry no NatSpec at all; every other error has a sentence.
    expect(withoutSentence.sort()).toEqual(['InvalidShortString', 'StringTooLong']);
  });
});

describe('errorNameOfSelector', () => {
  it('names a ShareToken error selector and passes unknown ones through', () => {
    expect(errorNameOfSelector(toFunctionSelector('AccountFrozen(address)'))).toBe('AccountFrozen');
    expect(errorNameOfSelector('0xdeadbeef')).toBe('0xdeadbeef');
  });
});
