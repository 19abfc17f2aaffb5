import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINT_LIMITED, RateLimits, normalizeRateLimits } from './rate-limit.js';
import { startHarness, type Harness } from './test-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.sim.close();
  h = undefined;
});

describe('rate limits', () => {
  it('puts RateLimit-* headers on every tracked answer and a plain-text 429 past the limit', async () => {
    let now = 10_500;
    const limits = new RateLimits(normalizeRateLimits({ limit: 2, windowMs: 2000 }, []), () => now);
    const first = limits.throttle(101);
    expect(first.limited).toBeNull();
    expect(first.headers).toEqual({
      'ratelimit-name': 'throttle_authenticated_api',
      'ratelimit-limit': '60', // 2 per 2 s, per minute
      'ratelimit-observed': '1',
      'ratelimit-remaining': '1',
      'ratelimit-reset': '12',
    });
    limits.throttle(101);
    const third = limits.throttle(101);
    expect(third.limited?.status).toBe(429);
    expect(await third.limited?.text()).toBe('Retry later\n');
    expect(third.limited?.headers.get('retry-after')).toBe('2');
    expect(third.limited?.headers.get('ratelimit-resettime')).toBe(new Date(12_000).toUTCString());
    expect(third.headers['ratelimit-observed']).toBe('3');
    now = 12_000; // the next fixed window
    expect(limits.throttle(101).limited).toBeNull();
  });

  it('serves headers on API answers, not a 429, within the limit', async () => {
    h = await startHarness({ rateLimit: { limit: 5, windowMs: 60_000 } });
    const res = await h.get('/api/v4/groups');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-remaining')).toBe('4');
  });

  it('answers an endpoint\'s application limit with 429 JSON and no rate-limit headers', async () => {
    h = await startHarness({ endpointLimits: [{ route: '/groups/:id/projects', limit: 1, windowMs: 60_000 }] });
    expect((await h.get('/api/v4/groups/11/projects')).status).toBe(200);
    const res = await h.get('/api/v4/groups/11/projects');
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual(ENDPOINT_LIMITED);
    expect([...res.headers.keys()].filter((k) => k.startsWith('ratelimit') || k === 'retry-after')).toEqual([]);
    expect((await h.get('/api/v4/groups/11')).status).toBe(200); // other routes are not limited
  });
});
