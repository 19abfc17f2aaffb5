import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector, normalizeFaults } from './faults.js';
import { startHarness, type Harness } from './test-helpers.js';

let h: Harness | undefined;
let foreign: Harness | undefined;
afterEach(async () => {
  await h?.sim.close();
  await foreign?.sim.close();
  h = foreign = undefined;
});

describe('fault injection', () => {
  it('draws the same faults from the same seed, at about the rate asked, never on /oauth/token', () => {
    const draw = () => {
      const f = new FaultInjector(normalizeFaults({ rate: 0.3 }), 9);
      return Array.from({ length: 400 }, () => f.draw('/api/v4/groups')?.kind ?? '-');
    };
    const a = draw();
    expect(draw()).toEqual(a);
    const share = a.filter((k) => k !== '-').length / a.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.38);
    expect(new FaultInjector(normalizeFaults({ rate: 1 }), 1).draw('/oauth/token')).toBeNull();
  });

  it('fails the same request at most maxConsecutive times in a row, so a retrying client gets through', () => {
    const f = new FaultInjector(normalizeFaults({ rate: 1, maxConsecutive: 2 }), 3);
    const kinds = Array.from({ length: 6 }, () => f.draw('/api/v4/groups', '/api/v4/groups?page=2') === null);
    expect(kinds).toEqual([false, false, true, false, false, true]);
    // Another request has a streak of its own.
    expect(f.draw('/api/v4/groups', '/api/v4/groups?page=3')).not.toBeNull();
  });

  it('answers status faults as GitLab or its proxy would, and logs them', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: { '429': 1 } } });
    const res = await h.get('/api/v4/groups');
    expect(res.status).toBe(429);
    expect(await res.text()).toBe('Retry later\n');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(h.sim.requests.at(-1)).toMatchObject({ status: 429, fault: '429' });
    h.sim.setFaults({ rate: 1, kinds: { '502': 1 } });
    const bad = await h.get('/api/v4/groups');
    expect(bad.status).toBe(502);
    h.sim.setFaults(null);
    expect((await h.get('/api/v4/groups')).status).toBe(200);
  });

  it('resets the connection, cuts a body short, and stalls past a timeout', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: { reset: 1 } } });
    await expect(h.get('/api/v4/groups')).rejects.toThrow();
    expect(h.sim.requests.at(-1)).toMatchObject({ status: 0, fault: 'reset' });

    h.sim.setFaults({ rate: 1, kinds: { truncate: 1 } });
    const res = await h.get('/api/v4/groups');
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();

    h.sim.setFaults({ rate: 1, kinds: { stall: 1 }, stallMs: 2000 });
    const started = Date.now();
    await expect(fetch(`${h.url}/api/v4/groups`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('points the next Link at another origin, once', async () => {
    h = await startHarness({ bigProjectIssues: 150 });
    h.sim.foreignNextLink('http://elsewhere.example:8080');
    const first = await h.get('/api/v4/projects/1003/issues?per_page=100');
    expect(first.headers.get('link')).toMatch(/<http:\/\/elsewhere\.example:8080\/api\/v4\/projects\/1003\/issues\?/);
    expect(h.sim.requests.at(-1)?.fault).toBe('foreign-link');
    const second = await h.get('/api/v4/projects/1003/issues?per_page=100');
    expect(second.headers.get('link')).toContain(h.url);
  });

  it('answers a moved project\'s old path with a 301 to its new one, on another origin if asked', async () => {
    foreign = await startHarness();
    h = await startHarness({ movedProjects: [{ from: 'acme/old-api', to: 'acme/platform/api', origin: foreign.url }] });
    const res = await fetch(`${h.url}/api/v4/projects/acme%2Fold-api/issues?per_page=5`, { headers: { 'PRIVATE-TOKEN': 'glpat-SIMULATOR-SECRET-0000000000' }, redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${foreign.url}/api/v4/projects/acme%2Fplatform%2Fapi/issues?per_page=5`);
    expect(foreign.sim.requests).toEqual([]);
  });
});
