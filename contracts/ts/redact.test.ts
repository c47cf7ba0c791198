import { Writable } from 'node:stream';
import pino from 'pino';
import { createPublicClient, http } from 'viem';
import { describe, expect, it } from 'vitest';
import { redactingLoggerOptions, redactUrl, redactUrls } from './redact';

const SECRET = 'k3y-0f-th3-0p3rat0r';

describe('redactUrl (M-6)', () => {
  it('keeps scheme, host and port and hides credentials, path, query and fragment', () => {
    expect(redactUrl(`https://eth-mainnet.g.alchemy.com/v2/${SECRET}`)).toBe('https://eth-mainnet.g.alchemy.com/…');
    expect(redactUrl(`https://rpc.example.org:8443/?apikey=${SECRET}`)).toBe('https://rpc.example.org:8443/…');
    expect(redactUrl(`postgres://rackshare:${SECRET}@db.internal:5432/rackshare`)).toBe(
      'postgres://…@db.internal:5432/…',
    );
    expect(redactUrl('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545');
    expect(redactUrl('http://127.0.0.1:8545/')).toBe('http://127.0.0.1:8545');
    expect(redactUrl(`not a url ${SECRET}`)).toBe('…');
  });

  it('redacts every URL inside a text and leaves the rest of it', () => {
    expect(redactUrls(`HTTP request failed.\nURL: https://rpc.example.org/v2/${SECRET}\nDetails: fetch failed`)).toBe(
      'HTTP request failed.\nURL: https://rpc.example.org/…\nDetails: fetch failed',
    );
    // Sentence punctuation stays outside, and redacting twice changes nothing.
    const once = redactUrls(`Cannot reach http://127.0.0.1:1/v2/${SECRET}: refused.`);
    expect(once).toBe('Cannot reach http://127.0.0.1:1/…: refused.');
    expect(redactUrls(once)).toBe(once);
  });
});

describe('a logger created with redactingLoggerOptions (M-6)', () => {
  it('never prints the key of an RPC URL that a logged viem error quotes', async () => {
    const client = createPublicClient({ transport: http(`http://127.0.0.1:1/v2/${SECRET}`, { retryCount: 0 }) });
    const error = await client.getChainId().catch((caught: unknown) => caught as Error);
    // The finding: viem's own error carries the URL with its key, in the message and in fields of its own.
    expect(String((error as Error).message)).toContain(SECRET);
    let output = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const log = pino({ level: 'info', ...redactingLoggerOptions }, sink);
    log.child({ service: 'indexer' }).warn({ err: error }, 'indexer step failed; retrying');
    log.warn({ err: (error as Error).message }, 'relaying failed; retrying');
    log.warn(`cannot reach https://rpc.example.org/v2/${SECRET}`);
    expect(output).not.toContain(SECRET);
    expect(output).toContain('http://127.0.0.1:1/…');
    expect(output).toContain('HTTP request failed');
  });
});
