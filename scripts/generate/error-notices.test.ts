import { describe, expect, it } from 'vitest';
import { errorNotices, renderErrorNotices } from './error-notices';

function artifact(name: string, errors: string[], userdoc: object, devdoc: object = {}) {
  return {
    name,
    abi: errors.map((error) => ({ type: 'error', name: error })),
    rawMetadata: JSON.stringify({ output: { userdoc: { errors: userdoc }, devdoc: { errors: devdoc } } }),
  };
}

describe('errorNotices', () => {
  it("takes each error's @notice, else the first sentence of its @dev, and names the undocumented ones", () => {
    const { notices, undocumented } = errorNotices([
      artifact(
        'Offering',
        ['SaleEnded', 'SafeERC20FailedOperation', 'StringTooLong'],
        { 'SaleEnded(uint256,uint256)': [{ notice: 'The sale\n    has ended.' }] },
        { 'SafeERC20FailedOperation(address)': [{ details: 'An operation failed. See {SafeERC20}.' }] },
      ),
      artifact('Factory', ['SaleEnded'], { 'SaleEnded(uint256,uint256)': [{ notice: 'Another wording.' }] }),
    ]);
    expect(Object.fromEntries(notices)).toEqual({
      'SaleEnded(uint256,uint256)': 'The sale has ended.',
      'SafeERC20FailedOperation(address)': 'An operation failed.',
    });
    expect(undocumented).toEqual(['StringTooLong']);
  });

  it('renders a sorted module with quotes escaped', () => {
    const module = renderErrorNotices(
      new Map([
        ['B()', "The operator's turn."],
        ['A()', 'First.'],
      ]),
    );
    expect(module.indexOf("'A()'")).toBeLessThan(module.indexOf("'B()'"));
    expect(module).toContain("'B()': 'The operator\\'s turn.',");
  });
});
