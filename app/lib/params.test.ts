import { describe, expect, it } from 'vitest';
import { clusterIdParam, safeHttpUrl } from './params';

describe('clusterIdParam', () => {
  it('accepts decimal ids and rejects anything else', () => {
    expect(clusterIdParam.parse('42')).toBe(42n);
    for (const bad of ['abc', '-1', '1.5', '0x10', '', '1e3'])
      expect(clusterIdParam.safeParse(bad).success).toBe(false);
  });
});

describe('safeHttpUrl', () => {
  it('links http(s) only', () => {
    expect(safeHttpUrl('https://example.org/doc.pdf')).toBe('https://example.org/doc.pdf');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('ipfs://bafy')).toBeUndefined();
    expect(safeHttpUrl('not a url')).toBeUndefined();
  });
});
