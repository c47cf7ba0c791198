/** `npm run oracle -- <command>`: the IDC agent and a standalone oracle node, each with one shutdown path. */
import { Command } from 'commander';
import pino from 'pino';
import { z } from 'zod';
import { logFields } from '#config/common';
import { ConfigError, loadDotEnv, parseEnv, predicate } from '#config/env';
import { runUntilSignal } from '#config/process';
import { redactingLoggerOptions } from '#contracts/redact';
import { Agent, loadAgentConfig } from './agent/agent';
import { loadNodeConfig } from './node/config';
import { startOracleNode } from './node/node';

loadDotEnv();

/** A refusal the operator fixes in the file or the environment: one sentence on stderr, exit 1, no stack trace. */
function refuse(message: string): never {
  process.stderr.write(`error: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

/**
 * Reading a configuration file fails only for reasons the operator fixes (missing file, malformed JSON, a setting or
 * a key refused): each becomes one sentence naming the file.
 */
function loadConfig<T>(path: string, load: (path: string) => T): T {
  try {
    return load(path);
  } catch (error) {
    if (error instanceof ConfigError) refuse(error.message);
    if (error instanceof z.ZodError) {
      const issue = error.issues[0]!;
      refuse(
        `Invalid configuration in ${path}: ${issue.path.map(String).join('.') || 'the file'} ${predicate(issue)}.`,
      );
    }
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    refuse(`${path}: ${reason}`);
  }
}

let level: string;
try {
  level = parseEnv(z.object(logFields), process.env).LOG_LEVEL;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  refuse(error.message);
}
const log = pino({ level, ...redactingLoggerOptions });

/** Both commands stop on SIGINT/SIGTERM with one log line; a second signal exits 1 at once. */
function stopOnSignal(stop: () => Promise<void>) {
  runUntilSignal(stop, {
    onStopping: (signal) => log.info({ signal }, 'stopping'),
    onStopError: (error) => log.error({ err: error }, 'stop failed'),
  });
}

const program = new Command('oracle').description('Rackshare oracle: IDC telemetry agent and k-of-n committee node');

program
  .command('agent')
  .description('sample GPU telemetry, sign batches with the operator key and deliver them to every oracle node')
  .requiredOption('--config <path>', 'agent configuration (JSON, see oracle/agent/agent.ts)')
  .action(async ({ config: path }: { config: string }) => {
    const { config, operatorKey } = loadConfig(path, loadAgentConfig);
    const agent = await Agent.open(config, operatorKey, log.child({ component: 'agent' }));
    const controller = new AbortController();
    const running = agent.run(controller.signal);
    stopOnSignal(async () => {
      controller.abort();
      await running;
      await agent.close();
    });
  });

program
  .command('node')
  .description('run one oracle committee node (HTTP API, signatures, relayer)')
  .requiredOption('--config <path>', 'node configuration (JSON, see oracle/node/config.ts)')
  .action(async ({ config: path }: { config: string }) => {
    const { config, privateKey, relayerPrivateKey } = loadConfig(path, (file) => loadNodeConfig(file));
    const node = await startOracleNode({ ...config, privateKey, relayerPrivateKey, log }).catch((error: unknown) => {
      if (error instanceof ConfigError) refuse(error.message);
      throw error;
    });
    stopOnSignal(() => node.stop());
    // A failed journal append stops the node (fail-stop): exit non-zero so the supervisor restarts it from the journal.
    void node.stopped.then((fatal) => fatal && process.exit(1));
  });

await program.parseAsync();
