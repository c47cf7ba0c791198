import { createInterface } from 'node:readline/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { databaseFields, databaseTarget } from '#config/common';
import { ConfigError, type EnvSource, loadDotEnv, parseEnv } from '#config/env';
import { BaseError } from '#protocol/base-error';
import { type DatabaseTarget, describeDatabase, migrateDatabase, openDatabase } from './database';
import { emptyMirror, MIRROR_SCHEMA, mirrorTableNames } from './mirror';

/** A re-index that did not happen; the message is one sentence for the operator. */
export class ReindexRefusedError extends BaseError {
  override name = 'ReindexRefusedError';
  constructor(shortMessage: string) {
    super(shortMessage, { code: 'reindex_refused' });
  }
}

export type ReindexConsent = {
  /** `--yes` was given. */
  yes: boolean;
  /** Asks the operator on the terminal; absent when stdin is not one. */
  ask?: (question: string) => Promise<string>;
};

// The stack's own rules for where the data is (config/common.ts), so db:reindex empties what `npm start` opens.
const envSchema = z.object(databaseFields);

/** The database `npm start` opens with this environment; a bad DATABASE_URL is a ConfigError of one sentence. */
export function reindexTarget(source: EnvSource): DatabaseTarget {
  const env = parseEnv(envSchema, source);
  return databaseTarget(env);
}

/**
 * Empties the mirror of `target` once the operator agreed; returns what was done, in one sentence. Migrations run
 * first, so a database from before the mirror had its own schema is moved there, not emptied in `public`.
 */
export async function reindexMirror(target: DatabaseTarget, consent: ReindexConsent): Promise<string> {
  const where = describeDatabase(target);
  if (!consent.yes) {
    if (!consent.ask) {
      throw new ReindexRefusedError(
        `Not emptying the mirror of ${where}: stdin is not a terminal to ask on, so pass --yes to confirm.`,
      );
    }
    const answer = await consent.ask(
      `Empty the mirror of ${where} (schema "${MIRROR_SCHEMA}", ${mirrorTableNames.length} tables; operator notes and ` +
        'documents in "public" are kept)? Type yes to go on: ',
    );
    if (answer.trim().toLowerCase() !== 'yes') {
      throw new ReindexRefusedError(`Nothing was emptied in ${where}: the answer was not "yes".`);
    }
  }
  const handle = await openDatabase(target);
  try {
    await migrateDatabase(handle);
    await handle.db.transaction((tx) => emptyMirror(tx));
  } finally {
    await handle.close();
  }
  return (
    `The mirror of ${where} is empty (${mirrorTableNames.length} tables); operator notes and documents were kept, and ` +
    'the next `npm start` re-indexes the chain from the deployment block.'
  );
}

async function main() {
  loadDotEnv();
  let target: DatabaseTarget;
  try {
    target = reindexTarget(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  const terminal = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  try {
    const done = await reindexMirror(target, {
      yes: process.argv.slice(2).includes('--yes'),
      ask: terminal && ((question) => terminal.question(question)),
    });
    process.stdout.write(`${done}\n`);
  } catch (error) {
    if (error instanceof ReindexRefusedError || (error as Error).name === 'DatabaseUnavailableError') {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    terminal?.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
