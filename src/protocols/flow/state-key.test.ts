import { describe, expect, it } from 'vitest';
import { computeStateKey } from './state-key.js';

describe('computeStateKey', () => {
  it.each([
    [['issues'], 0, 'issues'],
    [['issues'], 2, 'issues.v2'],
    [['ns', 'merge_requests'], 0, 'ns/merge_requests'],
    [['a b/c'], 0, 'a%20b%2Fc'],
    [['é'], 0, '%C3%A9'],
    [['x-y_z+1.=2'], 1, 'x-y_z+1.=2.v1'],
  ] as const)('%j with backfill %d is %s', (path, backfill, expected) => {
    expect(computeStateKey(path, backfill)).toBe(expected);
  });
});
