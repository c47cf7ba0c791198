/** `npm start`: the whole Rackshare stack on one machine (see README "Quick start"). */
import { loadDotEnv } from '#config/env';
import { runUntilSignal } from '#config/process';
import { redactUrl, redactUrls } from '#contracts/redact';
import { BaseError, shortMessageOf } from '#protocol/base-error';
import { parseStackEnv } from '../config/stack';
import { devAccount, devRoles } from '../devnet/accounts';
import { bold, red } from './stack/progress';
import { createLogger, type RunningStack, startStack } from './stack/stack';

// The terminal is this command's user interface: the progress lines, the banner and the one-sentence errors below are
// written to stdout/stderr for people; everything else goes through the pino logger.
function fail(message: string): never {
  process.stderr.write(`${red('error:')} ${message}\n`);
  process.exit(1);
}

loadDotEnv();
// The app is served from its production build: React's production mode renders about twice as fast.
process.env.NODE_ENV ??= 'production';

let env: ReturnType<typeof parseStackEnv>;
try {
  env = parseStackEnv();
} catch (error) {
  if (error instanceof BaseError) fail(error.shortMessage);
  throw error;
}

const log = createLogger(env);
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
  if (!controller.signal.aborted) printBanner(stack);
} catch (error) {
  // Interrupted while starting: start-up stopped every service it had started, and the signal's stop reports it.
  if (!controller.signal.aborted) {
    if (error instanceof BaseError) fail(redactUrls(error.shortMessage));
    log.error({ err: error }, 'startup failed');
    fail(`startup failed: ${redactUrls(shortMessageOf(error).split('\n', 1)[0] ?? '')}`);
  }
}

function printBanner({ chain, deployment, webUrl }: RunningStack) {
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
