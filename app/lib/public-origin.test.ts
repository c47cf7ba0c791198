import { describe, expect, it } from 'vitest';
import { allowedHosts, allowedOrigins, isAllowedHost } from './public-origin';

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
