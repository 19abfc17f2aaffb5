import { afterEach, describe, expect, it } from 'vitest';
import { GitLabClient } from './client.js';
import { captureLog, json, startServer, virtualClock } from './testing.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

const MINUTE = 60_000;

function densestWindow(times: number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while ((sorted[j] as number) - (sorted[i] as number) >= width) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('GitLabClient rate limiting', () => {
  it('keeps request rate under requestsPerMinute', async () => {
    const clock = virtualClock();
    const server = await startServer((_q, res) => json(res, 200, { id: 1 }), clock);
    const { log, entries } = captureLog();
    // Send times are taken as the request leaves the client: on arrival, virtual time may already
    // have moved on for the next sleeper.
    const times: number[] = [];
    const fetchAndRecord = (input: string, init: RequestInit) => (times.push(clock.now()), fetch(input, init));
    const client = new GitLabClient({ apiUrl: server.origin, credentials: { kind: 'token', token: 'glpat-rate-0011' }, clock, log, requestsPerMinute: 100, fetch: fetchAndRecord });
    cleanup.push(() => client.close(), () => server.close());

    await Promise.all(Array.from({ length: 250 }, (_, i) => client.get({ path: `/projects/${i}` })));
    expect(times).toHaveLength(250);
    expect(densestWindow(times, MINUTE)).toBeLessThanOrEqual(100);
    expect(densestWindow(times, MINUTE)).toBeGreaterThanOrEqual(90);
    // Pacing at the configured budget is normal, not "elevated".
    expect(entries().filter((e) => e.level === 'warn')).toEqual([]);
  });

  it('follows RateLimit-Remaining and RateLimit-Reset, and warns once that throttling is elevated', async () => {
    const clock = virtualClock();
    const resetAt = clock.now() + MINUTE;
    let remaining = 12;
    const server = await startServer((_q, res) => {
      remaining = Math.max(0, remaining - 1);
      const headers = { 'ratelimit-limit': '600', 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(resetAt / 1000) };
      json(res, 200, [], { ...headers, 'x-next-page': '' });
    }, clock);
    const { log, entries } = captureLog();
    const client = new GitLabClient({ apiUrl: server.origin, credentials: { kind: 'token', token: 'glpat-rate-0012' }, clock, log, maxConcurrency: 2 });
    cleanup.push(() => client.close(), () => server.close());

    await Promise.all(Array.from({ length: 16 }, (_, i) => client.page({ path: `/projects/${i}/jobs` })));
    const times = server.requests.map((r) => r.at);
    // 12 allowed before the reset, spread over the minute; the rest wait for it.
    expect(times.filter((t) => t < resetAt).length).toBeLessThanOrEqual(12);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(resetAt);
    expect(entries().filter((e) => e.level === 'warn')).toEqual([
      expect.objectContaining({ message: 'rate limit reached, slowing down', fields: expect.objectContaining({ reason: 'remaining_low' }) }),
    ]);
  });
});
