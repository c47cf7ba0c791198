import { describe, expect, it } from 'vitest';
import { allowedHosts, allowedOrigins, isSameSitePath } from './public-origin';

const isAllowedHost = (origin: string, host: string | undefined) =>
  host !== undefined && allowedHosts(origin).includes(host);

describe('the public origin (M-1, L-10)', () => {
  it('answers a public origin to itself only', () => {
    expect(allowedOrigins('https://rackshare.example')).toEqual(['https://rackshare.example']);
    expect(isAllowedHost('https://rackshare.example', 'rackshare.example')).toBe(true);
    expect(isAllowedHost('https://rackshare.example', 'evil.example')).toBe(false);
    expect(isAllowedHost('https://rackshare.example', 'localhost')).toBe(false);
    expect(isAllowedHost('https://rackshare.example', undefined)).toBe(false);
  });

  it('answers a loopback origin to the loopback aliases of its port only', () => {
    expect(allowedHosts('http://localhost:3000')).toEqual(['localhost:3000', '127.0.0.1:3000', '[::1]:3000']);
    expect(isAllowedHost('http://127.0.0.1:3000', 'localhost:3000')).toBe(true);
    expect(isAllowedHost('http://localhost:3000', 'localhost:3001')).toBe(false);
    expect(isAllowedHost('http://localhost:3000', 'evil.example')).toBe(false);
    expect(isAllowedHost('http://localhost:3000', 'evil.example:3000')).toBe(false);
  });
});

describe('isSameSitePath (I-1)', () => {
  it('refuses what a browser would resolve to another origin', () => {
    for (const path of ['/\\evil.com', '//evil.com', '/\t/evil.com', 'https://evil.com', 'evil.com'])
      expect(isSameSitePath(path), path).toBe(false);
    for (const path of ['/', '/clusters?sort=apr', '/analytics/epochs/1/2'])
      expect(isSameSitePath(path), path).toBe(true);
  });
});
