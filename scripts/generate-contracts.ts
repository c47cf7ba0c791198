/**
 * Forge artifacts -> contracts/ts/generated.ts (ABIs + creation bytecode), through @wagmi/cli's foundry plugin, and
 * contracts/ts/error-notices.ts (one sentence per custom error, from the NatSpec; scripts/generate/error-notices.ts).
 * `--check` regenerates into temporary files and fails when a committed module differs (CI runs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedContracts } from '../wagmi.config';
import { errorNotices, readArtifacts, renderErrorNotices } from './generate/error-notices';

const committed = 'contracts/ts/generated.ts';
const noticesFile = 'contracts/ts/error-notices.ts';
const artifactsDir = process.env.FOUNDRY_OUT ?? 'contracts/out';
const check = process.argv.includes('--check');

function run(command: string, args: string[], env: Record<string, string> = {}) {
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

/** The error sentences module, formatted the way biome would so the committed file passes `biome check`. */
function renderNotices() {
  const { notices, undocumented } = errorNotices(readArtifacts(artifactsDir, generatedContracts));
  if (undocumented.length > 0) console.log(`errors without NatSpec (shown by name): ${undocumented.join(', ')}`);
  return execFileSync('npx', ['biome', 'format', `--stdin-file-path=${noticesFile}`], {
    input: renderErrorNotices(notices),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

// Tests and scripts are not part of the generated surface; skipping them keeps this fast with solcjs.
run('npx', ['forge', 'build', '--skip', 'test', '--skip', 'script']);

if (!check) {
  run('npx', ['wagmi', 'generate']);
  writeFileSync(noticesFile, renderNotices());
  console.log(`generated ${committed} and ${noticesFile}`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'rackshare-gen-'));
  const fresh = join(dir, 'generated.ts');
  try {
    run('npx', ['wagmi', 'generate'], { WAGMI_OUT: fresh });
    let stale = false;
    for (const [file, content] of [
      [committed, readFileSync(fresh, 'utf8')],
      [noticesFile, renderNotices()],
    ] as const) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {}
      if (content !== current) {
        console.error(`${file} is stale: run \`npm run generate\` and commit the result.`);
        stale = true;
      } else console.log(`${file} is up to date`);
    }
    if (stale) process.exit(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
