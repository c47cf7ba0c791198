/**
 * `npm start -- --role oracle-node --config <file>` and `--role agent --config <file>`: exactly what
 * `npm run oracle -- node|agent --config <file>` starts (oracle/cli.ts, with its own shutdown path on SIGTERM). An
 * oracle node serves `/health` and `/metrics` on its own API port; the agent has no port of its own, so this role
 * serves its process's `/health` and `/metrics` on STATUS_PORT.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';
import { z } from 'zod';
import { parseEnv } from '#config/env';
import { roleFields } from '#config/stack';
import { serveStatus } from '#db/status';

export async function runOracleRole(role: 'oracle-node' | 'agent', config: string) {
  if (role === 'agent') {
    const { STATUS_PORT } = parseEnv(z.object({ STATUS_PORT: roleFields.STATUS_PORT }), process.env);
    if (STATUS_PORT > 0) {
      const registry = new Registry();
      collectDefaultMetrics({ register: registry, prefix: 'rackshare_agent_' });
      // The process exits when the agent stops (oracle/cli.ts), and this server with it.
      await serveStatus({
        registry,
        health: () => ({ ok: true, role: 'agent', status: 'running' }),
        port: STATUS_PORT,
        portVariable: 'STATUS_PORT (0 = off)',
      });
    }
  }
  // oracle/cli.ts reads its command from the arguments: hand it the one this role maps to.
  process.argv = [process.argv[0]!, 'oracle', role === 'agent' ? 'agent' : 'node', '--config', config];
  await import('../../oracle/cli');
}
