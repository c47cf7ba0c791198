/**
 * The shared rules of every runtime's settings (config/stack.ts, web.ts, indexer.ts, oracle-node.ts): one parser in
 * which an empty string means "not set" (a copied .env.example holds `NAME=` lines), one error that is one plain
 * sentence naming the variable, and the value types the schemas share. The lowest layer: zod, viem and the error
 * family (protocol/base-error.ts) only.
 */
import { existsSync } from 'node:fs';
import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem';
import { z } from 'zod';
import { ConfigError } from '#protocol/base-error';

/**
 * Every entry point (npm start, deploy, db:reindex, the standalone indexer, the oracle CLI, verify-export) reads the
 * same `.env` in the working directory, so a setting docs/configuration.md says to put there reaches every command
 * alike.
 * Variables already set in the shell win: Node's loader never overwrites them.
 */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/**
 * A setting that cannot be used: its `shortMessage` is one sentence naming the variable, printed as is at start. The
 * error family's own class, so a setting refused here and a record refused elsewhere are caught alike.
 */
export { ConfigError };

export type EnvSource = Record<string, string | undefined>;

/** What the configuration table and .env.example say about one variable (scripts/generate-config.ts). */
export type SettingDoc = {
  /** One sentence or two: what it does and when to set it. */
  description: string;
  /** The default in words when it depends on other settings (otherwise the schema's own default is shown). */
  default?: string;
};

/** Descriptions beside each field: `documented(schema, {...})` registers them, the generator reads them back. */
export const settingDocs = z.registry<SettingDoc>();

export function documented<T extends z.ZodType>(schema: T, doc: SettingDoc): T {
  settingDocs.add(schema, doc);
  return schema;
}

/** `VAR=` in a shell or a copied .env means "not set", for every runtime alike. */
export function withoutEmpty(source: EnvSource): Record<string, string> {
  const cleaned: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) if (value !== undefined && value !== '') cleaned[name] = value;
  return cleaned;
}

/** Parses `source` with `schema`; the first problem becomes a ConfigError of one sentence naming the variable. */
export function parseEnv<S extends z.ZodType>(schema: S, source: EnvSource): z.output<S> {
  const parsed = schema.safeParse(withoutEmpty(source));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.path.length > 0 ? String(issue.path[0]) : 'a setting';
  throw new ConfigError(`Invalid configuration: ${name} ${predicate(issue)}.`);
}

/** The rest of the sentence after the variable's name: our own messages as written, zod's built-in ones reworded. */
export function predicate(issue: z.core.$ZodIssue): string {
  const own = issue.message.replace(/\.$/, '');
  // zod names a missing value only in its built-in message; the operator needs "is required", not a type mismatch.
  if (issue.code === 'invalid_type' && /received undefined$/.test(own)) return 'is required';
  if (/^[a-z]/.test(own)) return own;
  const origin = 'origin' in issue ? issue.origin : undefined;
  const unit = origin === 'string' ? ' characters' : '';
  if (issue.code === 'too_small' && origin === 'array') return `must list at least ${issue.minimum}`;
  if (issue.code === 'too_small') return `must be at least ${issue.minimum}${unit}`;
  if (issue.code === 'too_big') return `must be at most ${issue.maximum}${unit}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.join(', ')}`;
  return `is invalid (${own})`;
}

/** An http(s) or other URL of the given protocols, e.g. url(['http:', 'https:'], 'http://127.0.0.1:8545'). */
export const url = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a ${protocols.join(' or ')} URL such as ${example}`,
    );

export const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a port number')
  .min(1, 'must be a port number from 1 to 65535')
  .max(65_535, 'must be a port number from 1 to 65535');

export const address = z
  .string()
  .trim()
  .refine(isAddress, 'must be a 0x-prefixed 20-byte address')
  .transform((value) => getAddress(value) as Address);

export const privateKey = z
  .string()
  .trim()
  .refine((value) => isHex(value) && value.length === 66, 'must be a 0x-prefixed 32-byte hex private key')
  .transform((value) => value as Hex);

/** A comma-separated list; blanks between commas are dropped. */
export const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

/** `true` or `false`, nothing else: a typo must not silently mean either. */
export const boolean = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true');

export const positiveInt = (message = 'must be a positive whole number') =>
  z.coerce.number({ error: message }).int(message).positive(message);

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'must be one of fatal, error, warn, info, debug, trace, silent',
});
