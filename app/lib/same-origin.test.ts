import { describe, expect, it } from 'vitest';
import { allowedOrigins } from './public-origin';
import { crossSiteRefusal } from './same-origin';

const allowed = allowedOrigins('http://localhost:4300');

describe('crossSiteRefusal', () => {
  it('lets reads through and accepts a same-origin form post', () => {
    expect(crossSiteRefusal('GET', { origin: 'http://evil.test', secFetchSite: 'cross-site' }, allowed)).toBeNull();
    expect(
      crossSiteRefusal('POST', { origin: 'http://localhost:4300', secFetchSite: 'same-origin' }, allowed),
    ).toBeNull();
    expect(crossSiteRefusal('POST', { origin: 'http://127.0.0.1:4300' }, allowed)).toBeNull();
  });

  it('refuses cross-site posts, missing, null, malformed and foreign origins', () => {
    expect(crossSiteRefusal('POST', { origin: 'http://evil.test', secFetchSite: 'cross-site' }, allowed)).toMatch(
      /Cross-site/,
    );
    expect(crossSiteRefusal('POST', { origin: 'http://evil.test' }, allowed)).toMatch(/Cross-site/);
    expect(crossSiteRefusal('POST', {}, allowed)).toMatch(/without an Origin/);
    expect(crossSiteRefusal('POST', { origin: 'null' }, allowed)).toMatch(/without an Origin/);
    expect(crossSiteRefusal('DELETE', { origin: '::' }, allowed)).toMatch(/Malformed/);
  });

  it('compares Origin with the configured origin, not with the Host the client wrote (M-1)', () => {
    const production = allowedOrigins('https://rackshare.example');
    // The attacker's own Origin and Host agree with each other; only the configuration decides.
    expect(crossSiteRefusal('POST', { origin: 'https://evil.example' }, production)).toMatch(/Cross-site/);
    expect(crossSiteRefusal('POST', { origin: 'http://rackshare.example' }, production)).toMatch(/Cross-site/);
    expect(crossSiteRefusal('POST', { origin: 'http://localhost:3000' }, production)).toMatch(/Cross-site/);
    expect(crossSiteRefusal('POST', { origin: 'https://rackshare.example' }, production)).toBeNull();
  });
});
