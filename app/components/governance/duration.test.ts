import { describe, expect, it } from 'vitest';
import { durationText } from './duration';

describe('durationText', () => {
  it('uses seconds under two minutes, then minutes, hours and days', () => {
    expect(durationText(60)).toBe('60 s');
    expect(durationText(119n)).toBe('119 s');
    expect(durationText(3_600)).toBe('60 min');
    expect(durationText(86_400n)).toBe('24 h');
    expect(durationText(172_800)).toBe('2 d');
  });
});
