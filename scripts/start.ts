/**
 * `npm start`: the whole Rackshare stack on one machine (see README "Quick start"), or one role of it with
 * `--role web|indexer|oracle-node|agent` (docs/operations.md).
 */
import { loadDotEnv } from '#config/env';
import type { IndexerCliEnv } from '#config/indexer';
import { runUntilSignal } from '#config/process';
import { redactUrl, redactUrls } from '#contracts/redact';
import { BaseError, shortMessageOf } from '#protocol/base-error';
import { parseRoleArgs, parseRoleEnv, type RoleEnv, type StackEnv } from '../config/stack';
import { devAccount, devRoles } from '../devnet/accounts';
import { bold, red } from './stack/progress';
import type { RunningStack } from './stack/stack';
import { createLogger } from './stack/steps';

// The terminal is this command's user interface: the progress lines, the banner and the one-sentence errors below are
// written to stdout/stderr for people; everything else goes through the pino logger.
function fail(message: string): never {
  process.stderr.write(`${red('error:')} ${message}\n`);
  process.exit(1);
}

loadDotEnv();
// The app is served from its production build: React's production mode renders about twice as fast.
process.env.NODE_ENV ??= 'production';

let roleEnv: RoleEnv;
try {
  roleEnv = parseRoleEnv(parseRoleArgs(process.argv.slice(2)));
} catch (error) {
  if (error instanceof BaseError) fail(error.shortMessage);
  throw error;
}

switch (roleEnv.role) {
  case 'all':
    await runAll(roleEnv.stack);
    break;
  case 'web':
    await runWeb(roleEnv.stack);
    break;
  case 'indexer':
    await runIndexer(roleEnv.indexer);
    break;
  default: {
    // Each role loads only its own modules: an indexer never loads the app, an oracle node never the database.
    const { runOracleRole } = await import('./roles/oracle');
    await runOracleRole(roleEnv.role, roleEnv.config);
  }
}

/** The failure of a start-up, as one sentence (a refusal) or the first line of anything else, then exit 1. */
function failStart(error: unknown, log: ReturnType<typeof createLogger>): never {
  if (error instanceof BaseError) fail(redactUrls(error.shortMessage));
  log.error({ err: error }, 'startup failed');
  fail(`startup failed: ${redactUrls(shortMessageOf(error).split('\n', 1)[0] ?? '')}`);
}

/** One SIGTERM/SIGINT path for the single-role processes: stop, say so, exit 0. */
function stopOnSignal(stop: () => Promise<void>, log: ReturnType<typeof createLogger>) {
  runUntilSignal(stop, {
    onStopping: (signal) => log.info({ signal }, 'stopping'),
    onStopError: (error) => log.error({ err: error }, 'stop failed'),
    watchParentMs: 1_000,
  });
}

async function runWeb(env: StackEnv) {
  const log = createLogger(env);
  const { startWebRole } = await import('./roles/web');
  const starting = startWebRole(env, log);
  stopOnSignal(async () => {
    const web = await starting.catch(() => undefined);
    await web?.stop();
    log.info('stopped cleanly');
  }, log);
  const web = await starting.catch((error: unknown) => failStart(error, log));
  log.info({ url: web.url }, 'web role serving');
}

async function runIndexer(env: IndexerCliEnv) {
  const log = createLogger(env);
  const { runIndexerService } = await import('#db/indexer/service');
  const controller = new AbortController();
  const indexing = runIndexerService({ env, signal: controller.signal, log, role: 'indexer' });
  stopOnSignal(async () => {
    controller.abort();
    await indexing.catch(() => undefined);
    log.info('stopped cleanly');
  }, log);
  // Ends only by a signal (the stop above exits) or a failure: a lost lock exits 1, so the supervisor restarts it.
  await indexing.catch((error: unknown) => failStart(error, log));
}

async function runAll(env: StackEnv) {
  const log = createLogger(env);
  const { startStack } = await import('./stack/stack');
  const controller = new AbortController();
  const starting = startStack(env, controller.signal, log);

  runUntilSignal(
    async () => {
      controller.abort();
      // Still starting: the step under way sees the abort between two of its steps (the demo history records what
      // landed and resumes from it next time), and start-up stops what it started before it settles. Exiting before
      // would leave the oracle nodes and the chain to be killed mid-write.
      const stack = await starting.catch(() => undefined);
      await stack?.stop();
      process.stdout.write('stopped cleanly\n');
    },
    {
      onStopping: (reason) => process.stdout.write(`\n${reason} received: stopping…\n`),
      // Only a second Ctrl-C forces the exit: the same one arrives twice (from the terminal and from npm passing it on).
      sameSignalWithinMs: 1_000,
      onForced: () => process.stderr.write('forced exit\n'),
      watchParentMs: 1_000,
    },
  );

  try {
    const stack = await starting;
    // Interrupted during the last step: the signal's stop is stopping it all, no banner.
    if (!controller.signal.aborted) printBanner(env, stack);
  } catch (error) {
    // Interrupted while starting: start-up stopped every service it had started, and the signal's stop reports it.
    if (!controller.signal.aborted) failStart(error, log);
  }
}

function printBanner(env: StackEnv, { chain, deployment, webUrl }: RunningStack) {
  const contracts = Object.entries(deployment.contracts).filter(([, address]) => address);
  const lines = [
    '',
    bold(`Rackshare is running at ${webUrl}`),
    `  chain id   ${chain.chainId} (${redactUrl(chain.rpcUrl)})`,
    ...contracts.map(([name, address]) => `  ${name.padEnd(24)} ${address}`),
  ];
  if (env.localChain) {
    lines.push('  funded test accounts (anvil mnemonic "test test … junk", 10,000 ETH each):');
    for (const [role, indices] of Object.entries(devRoles)) {
      for (const index of [indices].flat())
        lines.push(`    #${String(index).padEnd(2)} ${devAccount(index).address}  ${role}`);
    }
  }
  lines.push('Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n'));
}
