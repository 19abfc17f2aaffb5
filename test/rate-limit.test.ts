/**
 * The connector against GitLab's rate limits, in real time with short windows: it follows
 * Rack::Attack's headers, keeps to `requests_per_minute`, and gets through header-less endpoint
 * limits, each time capturing everything with few 429s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, createSimulator, type RequestLogEntry, type Simulator, type SimulatorOptions } from '../simulator/index.js';
import { runCapture, type CaptureRun, type Obj } from './helpers/capture-run.js';
import { SELECTED_PROJECT_IDS, tokenConfig } from './helpers/selection.js';

const STREAMS = ['groups', 'projects', 'issues'];

let sim: Simulator;
afterEach(async () => {
  await sim.close();
});

async function captureUnder(options: SimulatorOptions, extra: Obj = {}): Promise<{ run: CaptureRun; api: RequestLogEntry[] }> {
  sim = createSimulator({ seed: 7, bigProjectIssues: 1200, ...options });
  const url = await sim.listen(0);
  const config = tokenConfig(url, extra);
  const run = await runCapture(config, STREAMS);
  expect(run.code, run.stderr).toBe(0);
  // Everything was captured: each issue of the five projects, once.
  const issues = new Set((run.docs.get(2) ?? []).map((d) => d['id']));
  expect(issues.size).toBe(SELECTED_PROJECT_IDS.flatMap((id) => sim.issues(id)).length);
  expect(run.stderr).not.toContain(DEFAULT_TOKEN);
  return { run, api: sim.requests.filter((r) => r.path.startsWith('/api/v4/')) };
}

/** Most requests that arrived within any `windowMs` (real time, as logged on arrival). */
function busiestWindow(requests: readonly RequestLogEntry[], windowMs: number): number {
  const times = requests.map((r) => r.receivedAt ?? 0).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while ((times[j] as number) - (times[i] as number) >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('rate limits', () => {
  it('follows RateLimit-Remaining and -Reset of a per-user throttle, with few 429s', async () => {
    // 12 requests a second (720 a minute), which the connector's default 2,000/min would exceed.
    const { api } = await captureUnder({ rateLimit: { limit: 12, windowMs: 1000 } });
    const limited = api.filter((r) => r.status === 429);
    expect(api.length).toBeGreaterThan(20);
    expect(limited.length).toBeLessThanOrEqual(2);
  });

  it('keeps requests_per_minute, under a server limit slightly above it, without a 429', async () => {
    // 240/min: a burst of 12, then one request every 264 ms. The server allows 10% more.
    const rpm = 240;
    const { api } = await captureUnder({ rateLimit: { limit: 264, windowMs: 60_000 } }, { requests_per_minute: rpm });
    expect(api.filter((r) => r.status === 429)).toEqual([]);
    const burst = rpm / 20;
    const intervalMs = Math.ceil(60_000 / (rpm - burst));
    // Past the burst, never faster than the rate: any 2-second window holds at most burst + 2 s of rate.
    expect(busiestWindow(api, 2000)).toBeLessThanOrEqual(burst + Math.ceil(2000 / intervalMs) + 1);
    const first = api[0]?.receivedAt ?? 0;
    const last = api.at(-1)?.receivedAt ?? 0;
    expect(last - first).toBeGreaterThanOrEqual((api.length - burst - 1) * intervalMs - 50);
  });

  it('gets through header-less endpoint limits on GET /projects/:id and /groups/:id/projects', async () => {
    const { api } = await captureUnder({
      endpointLimits: [
        { route: '/projects/:id', limit: 1, windowMs: 500 },
        { route: '/groups/:id/projects', limit: 1, windowMs: 500 },
      ],
    });
    const limited = api.filter((r) => r.status === 429);
    // Three projects named by id or path arrive together, so some are turned away, but not many times.
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeLessThanOrEqual(6);
  });
});
