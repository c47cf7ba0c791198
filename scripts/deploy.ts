/**
 * `npm run deploy [-- --new]`: deploys the protocol to RPC_URL with DEPLOYER_PRIVATE_KEY and records it in
 * DEPLOYMENTS_DIR/<chainId>.json (default contracts/deployments; commit it). `npm start` with RPC_URL never deploys:
 * it runs what this recorded. A recorded deployment, live or not, is replaced only with `--new` (alias `--force`).
 */
import { existsSync } from 'node:fs';
import { parseDeployEnv } from '#config/deploy';
import { redactUrls } from '#contracts/redact';
import { deployToChain } from './stack/deployment';
import { red } from './stack/progress';

const FLAGS = ['--new', '--force'];

function fail(message: string): never {
  process.stderr.write(`${red('error:')} ${redactUrls(message)}\n`);
  process.exit(1);
}

// Variables already set in the shell win over .env (Node's loader never overwrites them).
if (existsSync('.env')) process.loadEnvFile('.env');
const args = process.argv.slice(2);
const unknown = args.find((arg) => !FLAGS.includes(arg));
if (unknown) fail(`unknown argument ${unknown} (usage: npm run deploy [-- --new])`);

try {
  await deployToChain(parseDeployEnv(), {
    replace: args.some((arg) => FLAGS.includes(arg)),
    print: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  fail((error as Error).message.split('\n')[0]!);
}
