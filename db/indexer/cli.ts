/**
 * `npm run indexer [-- --once]`: the standalone indexer (service.ts), with one shutdown path. `npm start -- --role
 * indexer` runs the same service behind the role checks (PostgreSQL only).
 */
import pino from 'pino';
import { ConfigError, loadDotEnv } from '#config/env';
import { type IndexerCliEnv, parseIndexerCliEnv } from '#config/indexer';
import { runUntilSignal } from '#config/process';
import { redactingLoggerOptions } from '#contracts/redact';
import { runIndexerService } from './service';

loadDotEnv();
let env: IndexerCliEnv;
try {
  env = parseIndexerCliEnv(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(1);
}
const log = pino({ level: env.LOG_LEVEL, ...redactingLoggerOptions });
const controller = new AbortController();
const indexing = runIndexerService({ env, once: process.argv.includes('--once'), signal: controller.signal, log });
// A signal ends the indexing between two ranges (or the wait for the lock); a second one kills the process as Node
// does by default.
runUntilSignal(
  async () => {
    controller.abort();
    await indexing;
  },
  { repeat: 'default' },
);
try {
  await indexing;
} catch (error) {
  // A refusal (no deployment, a mirror of another chain) is one sentence; anything else keeps its stack.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
