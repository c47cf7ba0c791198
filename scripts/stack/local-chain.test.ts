import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAnvil } from '../../devnet/anvil';
import { contractsFingerprint, resetLocalChainIfContractsChanged } from './local-chain';

const made: string[] = [];
function dataDir(withState: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'rackshare-local-chain-'));
  made.push(dir);
  if (withState) {
    for (const sub of ['anvil', 'deployments', 'demo', 'pglite']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'anvil', 'state.json'), '{}');
  }
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('resetLocalChainIfContractsChanged', () => {
  it('keeps a chain made by the same contracts', async () => {
    const dir = dataDir(true);
    writeFileSync(join(dir, 'anvil', 'contracts-fingerprint'), `${contractsFingerprint()}\n`);
    expect(await resetLocalChainIfContractsChanged(dir)).toBe(false);
    expect(existsSync(join(dir, 'anvil', 'state.json'))).toBe(true);
  });

  it('drops the chain, its deployment record and the demo state when the bytecode changed, never the database', async () => {
    const dir = dataDir(true);
    writeFileSync(join(dir, 'anvil', 'contracts-fingerprint'), '0xold\n');
    expect(await resetLocalChainIfContractsChanged(dir)).toBe(true);
    expect(existsSync(join(dir, 'anvil', 'state.json'))).toBe(false);
    expect(existsSync(join(dir, 'deployments'))).toBe(false);
    expect(existsSync(join(dir, 'demo'))).toBe(false);
    // The database is re-indexed by the chain-identity check, not deleted here.
    expect(existsSync(join(dir, 'pglite'))).toBe(true);
    expect(readFileSync(join(dir, 'anvil', 'contracts-fingerprint'), 'utf8').trim()).toBe(contractsFingerprint());
  });

  it('drops a chain made before fingerprints were recorded, and only records one on a fresh directory', async () => {
    const old = dataDir(true);
    expect(await resetLocalChainIfContractsChanged(old)).toBe(true);
    const fresh = dataDir(false);
    expect(await resetLocalChainIfContractsChanged(fresh)).toBe(false);
    expect(readFileSync(join(fresh, 'anvil', 'contracts-fingerprint'), 'utf8').trim()).toBe(contractsFingerprint());
  });

  it('fingerprints every creation bytecode and nothing else', () => {
    const base = { aBytecode: '0x01', bBytecode: '0x02', aAbi: [] };
    expect(contractsFingerprint(base)).toBe(contractsFingerprint({ ...base, aAbi: [1] }));
    expect(contractsFingerprint(base)).not.toBe(contractsFingerprint({ ...base, bBytecode: '0x03' }));
  });

  it('stops an anvil left running on the old chain before dropping its state, so nothing dumps it back', async () => {
    const dir = dataDir(false);
    // Started and never stopped, as a stack killed with SIGKILL leaves it: its pid file and state stay behind.
    const orphan = await startAnvil({ port: 8731, stateFile: join(dir, 'anvil', 'state.json') });
    writeFileSync(join(dir, 'anvil', 'contracts-fingerprint'), '0xold\n');
    expect(await resetLocalChainIfContractsChanged(dir)).toBe(true);
    expect(alive(orphan.pid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(existsSync(join(dir, 'anvil', 'state.json'))).toBe(false);
  });

  it('refuses to start an anvil where something already answers, instead of running on that chain', async () => {
    const first = await startAnvil({ port: 8732, stateFile: null });
    try {
      await expect(startAnvil({ port: 8732, stateFile: null })).rejects.toThrow(/already answers JSON-RPC/);
    } finally {
      await first.stop();
    }
  });
});

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
