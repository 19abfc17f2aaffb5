import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration } from './format.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [999.6, '1.0 s'],
    [59_960, '1 min 00 s'],
    [1000, '1.0 s'],
    [12_345, '12.3 s'],
    [125_000, '2 min 05 s'],
    [3_720_000, '1 h 02 min'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatCount', () => {
  it('groups thousands whatever the locale', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
