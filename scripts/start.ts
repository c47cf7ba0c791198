/** `npm start`: the whole Rackshare stack on one machine (see README "Quick start"). */
import { loadDotEnv } from '#config/env';
import { redactUrl, redactUrls } from '#contracts/redact';
import { ConfigError, parseStackEnv } from '../config/stack';
import { devAccount, devRoles } from '../devnet/accounts';
import { bold, red } from './stack/progress';
import { createLogger, StartupError, startStack } from './stack/stack';

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
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const log = createLogger(env);
const controller = new AbortController();
let stoppingSince: number | undefined;
let stopStack: (() => Promise<void>) | undefined;

async function shutdown(signal: string) {
  if (stoppingSince !== undefined) {
    // Only a second Ctrl-C forces the exit. The same one arrives twice (from the terminal and from npm passing it on),
    // and npm exits before its child is done (the parent check below): neither may cut a clean stop short.
    if (signal === 'parent exited' || performance.now() - stoppingSince < 1_000) return;
    process.stderr.write('forced exit\n');
    process.exit(1);
  }
  stoppingSince = performance.now();
  process.stdout.write(`\n${signal} received: stopping…\n`);
  controller.abort();
  // Still starting: the step under way sees the abort between two of its steps (the demo history records what landed
  // and resumes from it next time), and start-up stops what it started (below). Exiting here would leave the oracle
  // nodes and the chain to be killed mid-write.
  if (!stopStack) return;
  await stopStack();
  process.stdout.write('stopped cleanly\n');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// npm does not always pass a signal on to its child (SIGTERM to `npm start` kills only npm and its shell): when the
// parent goes away, stop too rather than leave an orphan chain behind.
const parentPid = process.ppid;
setInterval(() => process.ppid !== parentPid && void shutdown('parent exited'), 1_000).unref();

try {
  const { state, stop } = await startStack(env, controller.signal, log);
  stopStack = stop;
  if (controller.signal.aborted) {
    await stop();
    process.stdout.write('stopped cleanly\n');
    process.exit(0);
  }
  const contracts = Object.entries(state.deployment!.contracts).filter(([, address]) => address);
  const lines = [
    '',
    bold(`Rackshare is running at ${state.webUrl}`),
    `  chain id   ${state.chainId} (${redactUrl(state.rpcUrl!)})`,
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
} catch (error) {
  // Interrupted while starting: startStack stopped every service it had started before rethrowing.
  if (controller.signal.aborted) {
    process.stdout.write('stopped cleanly\n');
    process.exit(0);
  }
  if (
    error instanceof StartupError ||
    error instanceof ConfigError ||
    (error as Error).name === 'DatabaseUnavailableError'
  ) {
    fail((error as Error).message);
  }
  log.error({ err: error }, 'startup failed');
  fail(`startup failed: ${redactUrls((error as Error).message.split('\n')[0]!)}`);
}
