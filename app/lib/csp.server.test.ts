import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.server';

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce only and connections to this origin and the public RPC', () => {
    const policy = contentSecurityPolicy('abc123', 'http://127.0.0.1:8645/rpc', false);
    expect(policy).toContain("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:8645");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
  });
});
