import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import { RateLimiter } from './rate-limit.js';
import { captureLog, virtualClock } from './testing.js';

const MINUTE = 60_000;
/** The steady interval at 100 a minute: 5 go as a burst, 95 are spread (whole ms, rounded up). */
const INTERVAL_100 = Math.ceil(MINUTE / 95);

/** The largest number of times in any window [t, t + width). */
function densestWindow(times: number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while ((sorted[j] as number) - (sorted[i] as number) >= width) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Sends `n` requests through the limiter, `observe` answering each; returns their send times. */
async function run(limiter: RateLimiter, clock: { now(): number }, n: number, answer: (i: number) => [number, Headers] = () => [200, new Headers()]) {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const permit = await limiter.acquire();
      times.push(clock.now());
      const [status, headers] = answer(i);
      permit.observe(status, headers);
      permit.release();
    }),
  );
  return times;
}

describe('RateLimiter', () => {
  it.each([10, 100, 2000])('never lets more than %i requests into any 60-second window', async (rpm) => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerMinute: rpm, maxConcurrency: 8, clock, log: silentLogger });
    const times = await run(limiter, clock, rpm * 3);
    expect(densestWindow(times, MINUTE)).toBeLessThanOrEqual(rpm);
    // ...and uses most of the budget: it is a limiter, not a brake.
    expect(densestWindow(times, MINUTE)).toBeGreaterThanOrEqual(rpm * 0.9);
  });

  it('holds at most maxConcurrency permits at once', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 2000, maxConcurrency: 3, clock, log: silentLogger });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const permit = await limiter.acquire();
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        permit.release();
      }),
    );
    expect(peak).toBe(3);
  });

  it('halves the rate on each 429 without RateLimit headers and doubles back each quiet minute', async () => {
    const clock = virtualClock();
    const { log, entries } = captureLog();
    const limiter = new RateLimiter({ requestsPerMinute: 100, maxConcurrency: 1, clock, log });
    await run(limiter, clock, 10); // spend the burst
    const before = await run(limiter, clock, 5);
    // Three 429s in a row: 1/2, 1/4, 1/8 of the rate.
    const slowed = await run(limiter, clock, 6, (i) => [i < 3 ? 429 : 200, new Headers()]);
    const gap = (t: number[]) => ((t.at(-1) as number) - (t[0] as number)) / (t.length - 1);
    expect(gap(before)).toBe(INTERVAL_100);
    expect(gap(slowed.slice(3))).toBeGreaterThan(gap(before) * 6);
    expect(limiter.elevated).toBe(true);
    await clock.sleep(5 * MINUTE); // five quiet minutes: 1/8 doubles back past 1
    expect(limiter.elevated).toBe(false);
    const recovered = await run(limiter, clock, 5);
    expect(gap(recovered)).toBeLessThanOrEqual(gap(before));
    expect(entries().filter((e) => e.level === 'warn')).toEqual([
      expect.objectContaining({ message: 'rate limit reached, slowing down', fields: { reason: '429', requests_per_minute: 50 } }),
    ]);
  });

  it('halves once for 429s to requests that were all sent before the first of them', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 100, maxConcurrency: 4, clock, log: silentLogger });
    await run(limiter, clock, 10); // spend the burst
    const permits = await Promise.all([1, 2, 3, 4].map(() => limiter.acquire()));
    for (const p of permits) {
      p.observe(429, new Headers());
      p.release();
    }
    const after = await run(limiter, clock, 4);
    const gap = ((after.at(-1) as number) - (after[0] as number)) / 3;
    expect(gap).toBe(2 * INTERVAL_100);
  });

  it('pauses every request until RateLimit-Reset when no quota remains', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 2000, maxConcurrency: 1, clock, log: silentLogger });
    const resetAt = clock.now() + 30_000;
    const exhausted = new Headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': String(resetAt / 1000) });
    const times = await run(limiter, clock, 3, (i) => [200, i === 0 ? exhausted : new Headers()]);
    expect(times[1]).toBeGreaterThanOrEqual(resetAt);
  });

  it('spreads the remaining quota until reset when it runs low', async () => {
    const clock = virtualClock();
    const { log, entries } = captureLog();
    const limiter = new RateLimiter({ requestsPerMinute: 2000, maxConcurrency: 1, clock, log });
    const resetAt = clock.now() + 60_000;
    const times = await run(limiter, clock, 6, (i) => [
      200,
      new Headers({ 'ratelimit-limit': '600', 'ratelimit-remaining': String(10 - i), 'ratelimit-reset': String(resetAt / 1000) }),
    ]);
    // 10 left for 60 s: one every 6 s, then 9 left for 54 s: still one every 6 s.
    for (let i = 2; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(5_999);
    expect(entries().filter((e) => e.level === 'warn')).toHaveLength(1);
    expect(entries()[0]?.fields).toMatchObject({ reason: 'remaining_low', remaining: 10 });
  });

  it('an abort while waiting for a slot rejects and leaves the slot count intact', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 2000, maxConcurrency: 1, clock, log: silentLogger });
    const held = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    held.release();
    held.release(); // idempotent
    const again = await limiter.acquire();
    again.release();
  });
});
