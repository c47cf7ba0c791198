import { describe, expect, it } from 'vitest';
import { normalizePath, routePath } from './request-path';
import { clientKey } from './web-guards';

describe('the route path the guards and the cache see (attacker #1)', () => {
  it.each([
    ['/operator/session', '/operator/session'],
    ['/operator/session.data', '/operator/session'],
    ['/Operator/Session', '/operator/session'],
    ['/operator/%73ession', '/operator/session'],
    ['//operator///session/', '/operator/session'],
    ['/operator/session/.data', '/operator/session'],
    ['/_root.data', '/'],
    ['/', '/'],
    ['/API/v1/clusters/1/epochs/1/samples', '/api/v1/clusters/1/epochs/1/samples'],
  ])('routes %s as %s, the path Remix matches', (raw, route) => {
    expect(routePath(raw)).toBe(route);
  });

  it('keeps .data in the normalized path (a data answer is not the page) and refuses a malformed escape', () => {
    expect(normalizePath('/Clusters.data')).toBe('/clusters.data');
    expect(normalizePath('/operator/%E0%A4%A')).toBeNull();
    expect(routePath('/%zz')).toBeNull();
  });
});

describe('the rate-limit key of a client address (attacker #1)', () => {
  it('keys IPv6 clients by their /64 and IPv4-mapped IPv6 as IPv4', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2:ffff:ffff:ffff:fffe')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
  });
});
