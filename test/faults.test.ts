/**
 * The connector under a flaky GitLab: with about a quarter of the API requests failing (429s,
 * 5xx with HTML and JSON bodies, reset connections, stalls past the timeout, bodies cut short,
 * slow answers), a capture still equals the fault-free one, document for document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, createSimulator, type Simulator } from '../simulator/index.js';
import { docSet, leakedSecrets, runCapture, type Obj } from './helpers/capture-run.js';
import { tokenConfig } from './helpers/selection.js';

const STREAMS = ['groups', 'projects', 'issues'];
/** Short, so a stall costs little; the simulator stalls for longer. */
const CLIENT_TIMEOUT_MS = 2000;

let sim: Simulator;
let url: string;
beforeAll(async () => {
  // About 25 requests: the big project's issues take 13 pages.
  sim = createSimulator({ seed: 7, bigProjectIssues: 1200 });
  url = await sim.listen(0);
});
afterAll(async () => {
  await sim.close();
});

const config = (): Obj => tokenConfig(url);

describe('capture under injected faults', () => {
  it('equals the fault-free capture, document for document', async () => {
    const clean = await runCapture(config(), STREAMS);
    expect(clean.code, clean.stderr).toBe(0);
    const expected = docSet(clean);
    expect(expected.size).toBeGreaterThan(1200);

    sim.clearRequests();
    // Seed 5 draws every kind of trouble within the first 22 requests (see the kinds check below).
    const kinds = { '429': 1, '500': 1, '502': 1, '503': 1, '504': 1, reset: 2, stall: 2, truncate: 2, latency: 1 };
    sim.setFaults({ rate: 0.3, seed: 5, kinds, stallMs: 4 * CLIENT_TIMEOUT_MS, latencyMs: 150, retryAfterS: 1 });
    const faulty = await runCapture({ ...config(), request_timeout_seconds: CLIENT_TIMEOUT_MS / 1000 }, STREAMS);
    sim.setFaults(null);
    expect(faulty.code, faulty.stderr).toBe(0);
    expect(docSet(faulty)).toEqual(expected);

    const faults = sim.requests.filter((r) => r.fault !== undefined);
    const injected = new Set(faults.map((r) => r.fault));
    // The seeded draw gives a broad mix: answers, socket faults and slowness.
    expect(faults.length / sim.requests.length).toBeGreaterThan(0.15);
    for (const k of ['reset', 'stall', 'truncate']) expect(injected, `fault kinds ${[...injected].join(', ')}`).toContain(k);
    expect([...injected].some((k) => /^5\d\d$/.test(String(k)))).toBe(true);
    // Every fault cost one retry warning, and the final state matches the clean run's cursors.
    expect((faulty.stderr.match(/"retrying request"/g) ?? []).length).toBeGreaterThanOrEqual(faults.filter((r) => r.fault !== 'latency').length);
    expect((faulty.state as Obj)['bindings']).toEqual((clean.state as Obj)['bindings']);
    expect(leakedSecrets(faulty.stderr + faulty.stdout, [DEFAULT_TOKEN])).toEqual([]);
  });
});
