/** The test-port rule (test-ports.ts): the tree passes it, and a base shared by two files is caught. */
import { describe, expect, it } from 'vitest';
import { portClashes, portsOf, treeClashes } from './test-ports';

// Built at run time: a literal call here would be read by the rule itself as this file's own port.
const call = (base: string) => `testPort(${base})`;

describe('test ports', () => {
  it('reads every testPort base of a file, underscores and spaces included', () => {
    expect(portsOf(`startTestChain(${call('8_870')}); const web = ${call(' 8871 ')}; port: 3000`)).toEqual([
      8870, 8871,
    ]);
    expect(portsOf(call('8865 + index'))).toEqual([8865]);
  });

  it('reports a base two files use, and not one file using it twice', () => {
    const files = new Map([
      ['a.test.ts', `${call('8884')}; ${call('8884')}`],
      ['b.test.ts', `${call('8885')}; ${call('8884')}`],
      ['c.test.ts', call('8886')],
    ]);
    expect(portClashes(files)).toEqual([{ port: 8884, files: ['a.test.ts', 'b.test.ts'] }]);
  });

  it('holds over the repository', () => {
    const { files, clashes } = treeClashes();
    expect(files).toContain('scripts/roles/multi-process.test.ts');
    expect(files).toContain('db/indexer/lock.test.ts');
    expect(clashes).toEqual([]);
  });
});
