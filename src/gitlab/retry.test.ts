import { describe, expect, it } from 'vitest';
import { parseResetEpoch, parseRetryAfter, retryDelay, serverDelay } from './retry.js';

const now = Date.parse('2024-05-01T00:00:00Z');
const timing = (r: number) => ({ now: () => now, random: () => r });

describe('retryDelay', () => {
  it('backs off exponentially with full jitter, capped at 60 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((a) => retryDelay(a, 503, new Headers(), timing(0.5)).delayMs);
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(retryDelay(3, null, null, timing(0)).delayMs).toBe(0);
  });

  it('uses the server time without jitter on 429 and 503', () => {
    const headers = new Headers({ 'retry-after': '7' });
    expect(retryDelay(1, 429, headers, timing(0.1))).toEqual({ delayMs: 7000, fromServer: true });
    expect(retryDelay(4, 503, headers, timing(0.9))).toEqual({ delayMs: 7000, fromServer: true });
  });

  it('ignores Retry-After on a 500, where GitLab does not send a meaningful one', () => {
    expect(retryDelay(1, 500, new Headers({ 'retry-after': '30' }), timing(0.5))).toEqual({ delayMs: 500, fromServer: false });
  });
});

describe('serverDelay', () => {
  it.each([
    ['Retry-After seconds', { 'retry-after': '30' }, 30_000],
    ['Retry-After zero', { 'retry-after': '0' }, 0],
    ['Retry-After HTTP date', { 'retry-after': new Date(now + 12_000).toUTCString() }, 12_000],
    ['Retry-After in the past', { 'retry-after': new Date(now - 5_000).toUTCString() }, 0],
    ['RateLimit-Reset as Unix seconds (GitLab)', { 'ratelimit-reset': String(now / 1000 + 20) }, 20_000],
    ['RateLimit-Reset as delta seconds', { 'ratelimit-reset': '15' }, 15_000],
    ['RateLimit-ResetTime date', { 'ratelimit-resettime': new Date(now + 9_000).toUTCString() }, 9_000],
    ['Retry-After wins over RateLimit-Reset', { 'retry-after': '3', 'ratelimit-reset': String(now / 1000 + 20) }, 3_000],
    ['a day is capped at an hour', { 'retry-after': '86400' }, 3_600_000],
    ['garbage', { 'retry-after': 'soon' }, null],
    ['nothing', {}, null],
  ])('%s', (_name, headers, expected) => {
    expect(serverDelay(new Headers(headers), now)).toBe(expected);
  });

  it('parses the two header grammars', () => {
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseResetEpoch('1714521600', now)).toBe(0);
    expect(parseResetEpoch('-1', now)).toBeNull();
  });
});
