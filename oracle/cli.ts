/** `npm run oracle -- <command>`: the IDC agent and a standalone oracle node, each with one shutdown path. */
import { Command } from 'commander';
import pino from 'pino';
import { z } from 'zod';
import { logFields } from '#config/common';
import { parseEnv } from '#config/env';
import { redactingLoggerOptions } from '#contracts/redact';
import { Agent, loadAgentConfig } from './agent/agent';
import { loadNodeConfig } from './node/config';
import { startOracleNode } from './node/node';

const log = pino({ level: parseEnv(z.object(logFields), process.env).LOG_LEVEL, ...redactingLoggerOptions });

function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'stopping');
    void stop().then(() => process.exit(0));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

const program = new Command('oracle').description('Rackshare oracle: IDC telemetry agent and k-of-n committee node');

program
  .command('agent')
  .description('sample GPU telemetry, sign batches with the operator key and deliver them to every oracle node')
  .requiredOption('--config <path>', 'agent configuration (JSON, see oracle/agent/agent.ts)')
  .action(async ({ config: path }: { config: string }) => {
    const { config, operatorKey } = loadAgentConfig(path);
    const agent = await Agent.open(config, operatorKey, log.child({ component: 'agent' }));
    const controller = new AbortController();
    const running = agent.run(controller.signal);
    onShutdown(async () => {
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
    const { config, privateKey, relayerPrivateKey } = loadNodeConfig(path);
    const node = await startOracleNode({ ...config, privateKey, relayerPrivateKey, log });
    onShutdown(() => node.stop());
    // A failed journal append stops the node (fail-stop): exit non-zero so the supervisor restarts it from the journal.
    void node.stopped.then((fatal) => fatal && process.exit(1));
  });

await program.parseAsync();
