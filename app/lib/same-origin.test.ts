import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './same-origin';

const host = 'localhost:4300';

describe('crossSiteRefusal', () => {
  it('lets reads through and accepts a same-origin form post', () => {
    expect(crossSiteRefusal('GET', { origin: 'http://evil.test', host, secFetchSite: 'cross-site' })).toBeNull();
    expect(crossSiteRefusal('POST', { origin: `http://${host}`, host, secFetchSite: 'same-origin' })).toBeNull();
  });

  it('refuses cross-site posts, missing, null, malformed and foreign origins', () => {
    expect(crossSiteRefusal('POST', { origin: 'http://evil.test', host, secFetchSite: 'cross-site' })).toMatch(
      /Cross-site/,
    );
    expect(crossSiteRefusal('POST', { origin: 'http://evil.test', host })).toMatch(/Cross-site/);
    expect(crossSiteRefusal('POST', { host })).toMatch(/without an Origin/);
    expect(crossSiteRefusal('POST', { origin: 'null', host })).toMatch(/without an Origin/);
    expect(crossSiteRefusal('DELETE', { origin: '::', host })).toMatch(/Malformed/);
  });
});
