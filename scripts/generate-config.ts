/**
 * Configuration docs from the schemas (config/docs.ts): the tables of docs/configuration.md between its config markers
 * and `.env.example`. `--check` fails when either differs from what the schemas say (CI runs it via generate:check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CONFIG_DOC, renderEnvExample, withCurrentTables } from '../config/docs';

const check = process.argv.includes('--check');
const files = [
  { path: CONFIG_DOC, render: (current: string) => withCurrentTables(current) },
  { path: '.env.example', render: () => renderEnvExample() },
];

let stale = false;
for (const { path, render } of files) {
  const current = readFileSync(path, 'utf8');
  const fresh = render(current);
  if (fresh === current) {
    console.log(`${path}: configuration is up to date`);
  } else if (check) {
    console.error(`${path} is stale: run \`npm run generate\` and commit the result.`);
    stale = true;
  } else {
    writeFileSync(path, fresh);
    console.log(`generated the configuration in ${path}`);
  }
}
if (stale) process.exit(1);
