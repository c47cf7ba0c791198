import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorNotices, readArtifacts, renderErrorNotices } from './error-notices';

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

  it('reads each named artifact, and names the one that lacks the compiler metadata', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackshare-artifacts-'));
    try {
      const write = (name: string, content: object) => {
        mkdirSync(join(dir, `${name}.sol`));
        writeFileSync(join(dir, `${name}.sol`, `${name}.json`), JSON.stringify(content));
      };
      const rawMetadata = JSON.stringify({ output: { userdoc: { errors: { 'Late()': [{ notice: 'Too late.' }] } } } });
      write('Offering', { abi: [{ type: 'error', name: 'Late' }], rawMetadata, bytecode: {} });
      // Forge's parsed `metadata` only: the NatSpec of errors is not in it.
      write('Stripped', { abi: [], metadata: { output: {} } });
      const [offering] = readArtifacts(dir, ['Offering']);
      expect(offering).toEqual({ name: 'Offering', abi: [{ type: 'error', name: 'Late' }], rawMetadata });
      expect(Object.fromEntries(errorNotices([offering!]).notices)).toEqual({ 'Late()': 'Too late.' });
      expect(() => readArtifacts(dir, ['Offering', 'Stripped'])).toThrow(/^Stripped: .*rawMetadata/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
