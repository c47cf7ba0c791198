/**
 * runUntilSignal in a real child process: what a first and a second SIGINT/SIGTERM do to it and which exit code comes
 * out. The child's stop waits for a line on stdin, so a second signal always arrives while the stop is under way.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(mkdtempSync(join(tmpdir(), 'rackshare-signal-')), 'entry.ts');
writeFileSync(
  script,
  `import { runUntilSignal } from ${JSON.stringify(resolve('config/process.ts'))};
const [repeat, watch] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(line + '\\n');
runUntilSignal(
  async (reason) => {
    say('stop ' + reason);
    await new Promise((done) => process.stdin.once('data', done));
    if (process.argv.includes('--fail')) throw new Error('stop failed');
    say('stopped');
  },
  { repeat: repeat as never, onStopping: (reason) => say('stopping ' + reason), onForced: () => say('forced') },
);
// Listeners run in order: once this one has seen a signal, the helper has handled it.
if (watch === 'watch') for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => say('saw ' + signal));
setInterval(() => {}, 60_000);
say('ready');
`,
);

type Exit = { code: number | null; signal: NodeJS.Signals | null; output: string };

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function start(...args: string[]) {
  const started = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: resolve('.') });
  child = started;
  let output = '';
  const waiters: { text: string; done: () => void }[] = [];
  started.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((entry) => output.includes(entry.text))) waiter.done();
  });
  const exited = new Promise<Exit>((done) => started.on('exit', (code, signal) => done({ code, signal, output })));
  const seen = (text: string) =>
    new Promise<void>((done) => (output.includes(text) ? done() : waiters.push({ text, done })));
  return { child: started, seen, exited: exited.then((exit) => ({ ...exit, output })) };
}

describe('runUntilSignal', () => {
  it('runs the stop once on SIGTERM and exits 0 when it is done', async () => {
    const run = start('force');
    await run.seen('ready');
    run.child.kill('SIGTERM');
    await run.seen('stop SIGTERM');
    run.child.stdin.write('go\n');
    const exit = await run.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.output).toContain('stopping SIGTERM\nstop SIGTERM\nstopped\n');
  });

  it('exits 1 when the stop throws', async () => {
    const run = start('force', '', '--fail');
    await run.seen('ready');
    run.child.kill('SIGINT');
    await run.seen('stop SIGINT');
    run.child.stdin.write('go\n');
    const exit = await run.exited;
    expect(exit.code).toBe(1);
    expect(exit.output).not.toContain('stopped');
  });

  it('forces exit 1 on a second signal while the stop runs', async () => {
    const run = start('force');
    await run.seen('ready');
    run.child.kill('SIGINT');
    await run.seen('stop SIGINT');
    run.child.kill('SIGINT');
    const exit = await run.exited;
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(exit.output).toContain('forced');
    expect(exit.output).not.toContain('stopped');
  });

  it("leaves a second signal to Node's default with repeat 'default'", async () => {
    const run = start('default');
    await run.seen('ready');
    run.child.kill('SIGINT');
    await run.seen('stop SIGINT');
    run.child.kill('SIGINT');
    expect(await run.exited).toMatchObject({ code: null, signal: 'SIGINT' });
  });

  it("ignores a second signal with repeat 'ignore' and still finishes the stop", async () => {
    const run = start('ignore', 'watch');
    await run.seen('ready');
    run.child.kill('SIGTERM');
    await run.seen('saw SIGTERM');
    run.child.kill('SIGTERM');
    await run.seen('saw SIGTERM\nsaw SIGTERM');
    run.child.stdin.write('go\n');
    const exit = await run.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.output.match(/stop SIGTERM/g)).toHaveLength(1);
    expect(exit.output).not.toContain('forced');
  });
});
