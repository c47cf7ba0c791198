import { describe, expect, it } from 'vitest';
import { wagmiCookies } from './wagmi';

describe('wagmiCookies', () => {
  it('keeps only wagmi state cookies, so the httpOnly session never reaches the page', () => {
    const header =
      '__rackshare_siwe=secret.signature; wagmi.store={"state":{}}; lng=zh-CN; wagmi.recentConnectorId="injected"';
    expect(wagmiCookies(header)).toBe('wagmi.store={"state":{}}; wagmi.recentConnectorId="injected"');
    expect(wagmiCookies(null)).toBe('');
  });
});
