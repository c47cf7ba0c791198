import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOC, configGroups, renderEnvExample, withCurrentTables } from './docs';
import { indexerCliEnvSchema, indexerEnvSchema } from './indexer';
import { stackEnvSchema } from './stack';
import { webEnvSchema } from './web';

describe('the generated configuration docs (npm run generate:check)', () => {
  it('docs/configuration.md holds the tables the schemas describe', () => {
    const page = readFileSync(CONFIG_DOC, 'utf8');
    expect(withCurrentTables(page), `${CONFIG_DOC} is stale: run \`npm run generate\``).toBe(page);
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
    const page = readFileSync(CONFIG_DOC, 'utf8');
    const edited = page.replace('| `PORT` | `3000` |', '| `PORT` | `3001` |');
    expect(edited).not.toBe(page);
    expect(withCurrentTables(edited)).toBe(page);
  });
});
