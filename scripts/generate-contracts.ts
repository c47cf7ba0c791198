/**
 * Forge artifacts -> contracts/ts/generated.ts (ABIs + creation bytecode), through @wagmi/cli's foundry plugin.
 * `--check` regenerates into a temporary file and fails when the committed module differs (CI runs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'contracts/ts/generated.ts';
const check = process.argv.includes('--check');

function run(command: string, args: string[], env: Record<string, string> = {}) {
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

// Tests and scripts are not part of the generated surface; skipping them keeps this fast with solcjs.
run('npx', ['forge', 'build', '--skip', 'test', '--skip', 'script']);

if (!check) {
  run('npx', ['wagmi', 'generate']);
  console.log(`generated ${committed}`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'rackshare-gen-'));
  const fresh = join(dir, 'generated.ts');
  try {
    run('npx', ['wagmi', 'generate'], { WAGMI_OUT: fresh });
    if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
      console.error(`${committed} is stale: run \`npm run generate\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${committed} is up to date`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
