/**
 * `npm run deploy [-- --new]`: deploys the protocol to RPC_URL with DEPLOYER_PRIVATE_KEY and records it in
 * DEPLOYMENTS_DIR/<chainId>.json (default contracts/deployments; commit it). `npm start` with RPC_URL never deploys:
 * it runs what this recorded. A recorded deployment, live or not, is replaced only with `--new` (alias `--force`).
 */
import { inspect } from 'node:util';
import { parseDeployEnv } from '#config/deploy';
import { loadDotEnv } from '#config/env';
import { redactUrls } from '#contracts/redact';
import { BaseError } from '#protocol/base-error';
import { deployToChain } from './stack/deployment';
import { red } from './stack/progress';

const FLAGS = ['--new', '--force'];

function fail(message: string): never {
  process.stderr.write(`${red('error:')} ${redactUrls(message)}\n`);
  process.exit(1);
}

loadDotEnv();
const args = process.argv.slice(2);
const unknown = args.find((arg) => !FLAGS.includes(arg));
if (unknown) fail(`unknown argument ${unknown} (usage: npm run deploy [-- --new])`);

try {
  await deployToChain(parseDeployEnv(), {
    replace: args.some((arg) => FLAGS.includes(arg)),
    print: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  // The error family carries what the operator fixes or waits out (a setting, the record, a refused deployment, an
  // unreachable RPC): one sentence. Anything else is a bug or a chain failure mid-deployment, whose stack and cause are
  // what the operator needs (URLs still redacted).
  if (error instanceof BaseError) fail(error.shortMessage);
  process.stderr.write(`${red('error:')} deployment failed\n${redactUrls(inspect(error, { depth: 6 }))}\n`);
  process.exit(1);
}
