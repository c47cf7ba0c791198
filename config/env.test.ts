import { readFileSync } from 'node:fs';
import { parseEnv as parseDotenv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, parseEnv } from './env';
import { indexerCliEnvSchema, indexerEnvSchema, parseIndexerCliEnv, parseIndexerEnv } from './indexer';
import { parseStackEnv, stackEnvSchema } from './stack';
import { parseWebEnv, webEnvSchema } from './web';

/** Every variable a schema reads, set to the empty string (what `NAME=` in a shell or .env gives). */
const allEmpty = (schema: z.ZodObject) => Object.fromEntries(Object.keys(schema.shape).map((name) => [name, '']));

/** Settings without the per-process random session secret, so two parses compare equal. */
function comparable<T extends { web: { settings: { sessionSecret: string } } }>(env: T) {
  return { ...env, web: { ...env.web, settings: { ...env.web.settings, sessionSecret: 'random' } } };
}

describe('an empty variable means unset, for every runtime', () => {
  it('npm start (the stack, with its web and indexer settings)', () => {
    const empty = { ...allEmpty(stackEnvSchema), ...allEmpty(webEnvSchema), ...allEmpty(indexerEnvSchema) };
    expect(comparable(parseStackEnv(empty))).toEqual(comparable(parseStackEnv({})));
  });

  it('the web tier', () => {
    const parsed = parseWebEnv(allEmpty(webEnvSchema), { port: 3000 });
    expect({ ...parsed.settings, sessionSecret: '' }).toEqual({
      ...parseWebEnv({}, { port: 3000 }).settings,
      sessionSecret: '',
    });
    // The old app settings turned SESSION_SECRET= into a 500 page at the first request; now it is simply unset.
    expect(parsed.settings.sessionSecret).toHaveLength(64);
  });

  it('the indexer and the standalone indexer', () => {
    expect(parseIndexerEnv(allEmpty(indexerEnvSchema), { localChain: false })).toEqual(
      parseIndexerEnv({}, { localChain: false }),
    );
    expect(parseIndexerCliEnv(allEmpty(indexerCliEnvSchema))).toEqual(parseIndexerCliEnv({}));
  });
});

describe('a copied .env.example', () => {
  const copied = parseDotenv(readFileSync('.env.example', 'utf8'));

  it('names every variable, each with an empty value', () => {
    const names = [stackEnvSchema, webEnvSchema, indexerCliEnvSchema, indexerEnvSchema].flatMap((schema) =>
      Object.keys(schema.shape),
    );
    expect(Object.keys(copied).sort()).toEqual([...new Set(names)].sort());
    expect(Object.values(copied).every((value) => value === '')).toBe(true);
  });

  it('parses cleanly for the stack, web and indexer schemas, to the defaults', () => {
    expect(comparable(parseStackEnv(copied))).toEqual(comparable(parseStackEnv({})));
    expect(parseWebEnv(copied, { port: 3000 }).host).toBe('127.0.0.1');
    expect(parseIndexerEnv(copied, { localChain: true })).toEqual(parseIndexerEnv({}, { localChain: true }));
    expect(parseIndexerCliEnv(copied)).toEqual(parseIndexerCliEnv({}));
  });
});

describe('refusals of a missing value (review 12 M4)', () => {
  it('say "is required", not zod\'s type mismatch', () => {
    const schema = z.object({ NAME: z.string(), OTHER: z.string().optional() });
    expect(() => parseEnv(schema, {})).toThrow(new ConfigError('Invalid configuration: NAME is required.'));
    expect(() => parseEnv(schema, { NAME: '' })).toThrow(new ConfigError('Invalid configuration: NAME is required.'));
  });

  it('keep naming a wrong type as invalid', () => {
    const schema = z.object({ LIST: z.array(z.string()) });
    expect(() => parseEnv(schema, { LIST: 'a' })).toThrow(/^Invalid configuration: LIST is invalid \(/);
  });
});
