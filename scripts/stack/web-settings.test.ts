import { describe, expect, it } from 'vitest';
import { parseStackEnv } from '../../config/stack';
import { devPrivateKey, devRoles } from '../../devnet/accounts';
import { type DemoCommittee, webSettings } from './stack';

const demoCommittee = ['http://127.0.0.1:4700', 'http://127.0.0.1:4701', 'http://127.0.0.1:4702'];
const demo = (readerKey: `0x${string}`) => ({ nodeUrls: demoCommittee, readerKey }) as unknown as DemoCommittee;

describe('the settings the stack hands the app (context.web), without writing process.env', () => {
  it("gives the app the demo committee's URLs and reader key when none are configured", () => {
    const before = { ...process.env };
    const key = devPrivateKey(devRoles.dashboardReader);
    const web = webSettings({ env: parseStackEnv({}), demo: demo(key) });
    expect(web.oracleNodeUrls).toEqual(demoCommittee);
    expect(web.oracleReaderPrivateKey).toBe(key);
    expect(process.env).toEqual(before);
  });

  it('lets explicit ORACLE_NODE_URLS and ORACLE_READER_PRIVATE_KEY win over the demo', () => {
    const key = `0x${'33'.repeat(32)}` as const;
    const env = parseStackEnv({ ORACLE_NODE_URLS: 'https://node.example', ORACLE_READER_PRIVATE_KEY: key });
    const web = webSettings({ env, demo: demo(devPrivateKey(devRoles.dashboardReader)) });
    expect(web.oracleNodeUrls).toEqual(['https://node.example']);
    expect(web.oracleReaderPrivateKey).toBe(key);
  });

  it('names no node without the demo and without ORACLE_NODE_URLS (the oracle routes then answer 503)', () => {
    const web = webSettings({ env: parseStackEnv({ PORT: '3100' }), demo: undefined });
    expect(web.oracleNodeUrls).toEqual([]);
    expect(web.oracleReaderPrivateKey).toBeUndefined();
    expect(web.publicOrigin).toBe('http://localhost:3100');
  });
});
