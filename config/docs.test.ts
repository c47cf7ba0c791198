import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configGroups, renderEnvExample, withCurrentTable } from './docs';
import { indexerCliEnvSchema, indexerEnvSchema } from './indexer';
import { stackEnvSchema } from './stack';
import { webEnvSchema } from './web';

describe('the generated configuration docs (npm run generate:check)', () => {
  it('README.md holds the table the schemas describe', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(withCurrentTable(readme), 'README.md is stale: run `npm run generate`').toBe(readme);
  });

  it('.env.example is the one the schemas describe', () => {
    expect(renderEnvExample(), '.env.example is stale: run `npm run generate`').toBe(
      readFileSync('.env.example', 'utf8'),
    );
  });

  it('documents every variable any runtime reads, once', () => {
    const documented = configGroups.flatMap((group) => Object.keys(group.fields));
    const read = [stackEnvSchema, webEnvSchema, indexerEnvSchema, indexerCliEnvSchema].flatMap((schema) =>
      Object.keys(schema.shape),
    );
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...new Set(read)].sort());
  });

  it('notices a stale table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const edited = readme.replace('| `PORT` | `3000` |', '| `PORT` | `3001` |');
    expect(edited).not.toBe(readme);
    expect(withCurrentTable(edited)).toBe(readme);
  });
});
