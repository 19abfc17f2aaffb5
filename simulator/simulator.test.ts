import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BIG_PROJECT_ID, DEFAULT_TOKEN, createSimulator, runSimulatorServer } from './index.js';
import { ids, startHarness, type Harness } from './test-helpers.js';

const ASC = `/api/v4/projects/${BIG_PROJECT_ID}/issues?order_by=updated_at&sort=asc&per_page=100`;

describe('seeded data', () => {
  it('is byte-identical for the same seed', () => {
    const [a, b] = [createSimulator({ seed: 42 }), createSimulator({ seed: 42 })];
    expect(JSON.stringify([a.groups(), a.projects(), a.issues()])).toBe(JSON.stringify([b.groups(), b.projects(), b.issues()]));
  });

  it('differs for a different seed while ids of groups and projects stay put', () => {
    const [a, b] = [createSimulator({ seed: 1 }), createSimulator({ seed: 2 })];
    expect(JSON.stringify(a.issues())).not.toBe(JSON.stringify(b.issues()));
    expect(ids(a.projects())).toEqual(ids(b.projects()));
    expect(ids(a.groups())).toEqual(ids(b.groups()));
  });

  it('seeds bigProjectIssues issues in the big project, with iids 1..n and globally unique ids', () => {
    const sim = createSimulator({ bigProjectIssues: 120 });
    const big = sim.issues(BIG_PROJECT_ID);
    expect(big.map((i) => i['iid']).sort((x, y) => (x as number) - (y as number))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const all = ids(sim.issues());
    expect(new Set(all).size).toBe(all.length);
  });

  it('dates seeded data before the clock and closes only closed issues', () => {
    const sim = createSimulator();
    const now = sim.now();
    expect(now).toBe('2025-06-01T00:00:00.000Z');
    for (const issue of sim.issues()) {
      expect(issue['updated_at'] as string < now).toBe(true);
      expect(issue['created_at'] as string <= (issue['updated_at'] as string)).toBe(true);
      expect(issue['closed_at'] === null).toBe(issue['state'] === 'opened');
      expect(issue['closed_by'] === null).toBe(issue['state'] === 'opened');
    }
  });

  it('has Unicode in some titles', () => {
    expect(createSimulator().issues().some((i) => /[^\x00-\x7f]/.test(i['title'] as string))).toBe(true);
  });

  it('imports nothing from outside simulator/', () => {
    const root = dirname(fileURLToPath(import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    for (const file of files(root)) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        expect(relative(root, resolve(dirname(file), spec ?? '')).startsWith('..'), `${file} imports ${spec}`).toBe(false);
      }
    }
  });
});

describe('changes between and during reads', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('touchIssues moves updated_at to the advanced clock, so touched issues sort last', async () => {
    const before = await h.getAll(ASC);
    const touched = ids(before.slice(0, 2));
    const start = h.sim.now();
    h.sim.touchIssues(touched);
    expect(h.sim.now() > start).toBe(true);
    const after = await h.getAll(ASC);
    expect(ids(after.slice(-2))).toEqual(touched);
    for (const issue of after.slice(-2)) expect(issue['updated_at']).toBe(h.sim.now());
  });

  it('createIssues adds open issues with the next ids and iids that sort last and are served', async () => {
    const maxId = Math.max(...ids(h.sim.issues()));
    const created = h.sim.createIssues(1001, 2);
    expect(ids(created)).toEqual([maxId + 1, maxId + 2]);
    expect(created.map((i) => i['iid'])).toEqual([7, 8]);
    expect(created.every((i) => i['state'] === 'opened' && i['closed_at'] === null)).toBe(true);
    const served = await h.getJson('/api/v4/projects/1001/issues?order_by=updated_at&sort=asc');
    expect(ids(served.slice(-2))).toEqual(ids(created));
    expect(served.slice(-2)).toEqual(created);
  });

  it('lets onRequest change data between two pages of one read', async () => {
    const before = await h.getAll(ASC);
    const victim = before[0]?.['id'] as number;
    const stop = h.sim.onRequest((entry) => {
      if (entry.query['page'] === undefined) h.sim.touchIssues([victim]);
    });
    // An issue already read moves to the end while the list is read by page number: every later
    // issue shifts one place back, and the one that was first on page 2 is never served.
    const page1 = await h.getJson(ASC);
    stop();
    const page2 = await h.getJson(`${ASC}&page=2`);
    const page3 = await h.getJson(`${ASC}&page=3`);
    const read = new Set([...ids(page1), ...ids(page2), ...ids(page3)]);
    expect(ids(page1)).toEqual(ids(before.slice(0, 100)));
    expect(ids(page3).at(-1)).toBe(victim);
    expect(read.has(before[100]?.['id'] as number)).toBe(false);
    expect(read.size).toBe(249);
  });

  it('stops calling a listener once unsubscribed', async () => {
    const seen: string[] = [];
    const stop = h.sim.onRequest((e) => seen.push(e.path));
    await h.get('/api/v4/groups');
    stop();
    await h.get('/api/v4/groups');
    expect(seen).toEqual(['/api/v4/groups']);
  });

  it('advanceClock moves the clock by the given milliseconds', () => {
    h.sim.advanceClock(1500);
    expect(h.sim.now()).toBe('2025-06-01T00:00:01.500Z');
  });
});

describe('request log', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('records method, raw path, query, status, auth kind and clock time of every request', async () => {
    await h.get('/api/v4/groups/acme%2Fplatform/issues?per_page=5&iids[]=1&iids[]=2');
    await h.get('/api/v4/projects/1001', {});
    await h.get(`/api/v4/projects/1001?private_token=${DEFAULT_TOKEN}`, {});
    expect(h.sim.requests).toEqual([
      { method: 'GET', path: '/api/v4/groups/acme%2Fplatform/issues', query: { per_page: '5', 'iids[]': '1,2' }, status: 200, auth: 'private-token', at: '2025-06-01T00:00:00.000Z' },
      { method: 'GET', path: '/api/v4/projects/1001', query: {}, status: 401, auth: 'none', at: '2025-06-01T00:00:00.000Z' },
      { method: 'GET', path: '/api/v4/projects/1001', query: { private_token: '[REDACTED]' }, status: 200, auth: 'private-token', at: '2025-06-01T00:00:00.000Z' },
    ]);
    expect(JSON.stringify(h.sim.requests)).not.toContain(DEFAULT_TOKEN);
  });

  it('empties on clearRequests', async () => {
    await h.get('/api/v4/groups');
    h.sim.clearRequests();
    expect(h.sim.requests).toEqual([]);
  });
});

describe('serving', () => {
  it('answers in-process through handle() without a socket, linking to the request\'s origin', async () => {
    const sim = createSimulator();
    const res = await sim.handle(new Request('http://gitlab.test/api/v4/projects/1003/issues', { headers: { 'PRIVATE-TOKEN': DEFAULT_TOKEN } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toMatch(/^<http:\/\/gitlab\.test\/api\/v4\/projects\/1003\/issues\?/);
    expect(() => sim.url).toThrow(/not listening/);
  });

  it('builds web_url and _links from baseUrl', async () => {
    const sim = createSimulator({ baseUrl: 'https://gitlab.example.com' });
    const res = await sim.handle(new Request('http://127.0.0.1/api/v4/projects/1001', { headers: { 'PRIVATE-TOKEN': DEFAULT_TOKEN } }));
    const body = (await res.json()) as Record<string, unknown>;
    expect(body['web_url']).toBe('https://gitlab.example.com/acme/website');
    expect(sim.projects()[0]?.['web_url']).toBe('https://gitlab.example.com/acme/website');
  });

  it('serves exactly what the accessors return', async () => {
    const h = await startHarness();
    try {
      const served = await h.getAll(`/api/v4/projects/${BIG_PROJECT_ID}/issues?per_page=100`);
      expect(served.sort((a, b) => (a['id'] as number) - (b['id'] as number))).toEqual(h.sim.issues(BIG_PROJECT_ID));
      expect(await h.getJson('/api/v4/projects/1008')).toEqual(h.sim.projects().find((p) => p['id'] === 1008));
      expect(await h.getJson('/api/v4/groups/12/subgroups')).toEqual(h.sim.groups().filter((g) => g['id'] === 13));
    } finally {
      await h.sim.close();
    }
  });

  it('answers unknown routes with {"error":"404 Not Found"} and a wrong method with 405', async () => {
    const sim = createSimulator();
    const ask = (method: string, path: string) => sim.handle(new Request(`http://x${path}`, { method, headers: { 'PRIVATE-TOKEN': DEFAULT_TOKEN } }));
    expect(await (await ask('GET', '/api/v4/projects/1001/nope')).json()).toEqual({ error: '404 Not Found' });
    const wrong = await ask('DELETE', '/api/v4/projects/1001');
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toEqual({ message: '405 Method Not Allowed' });
  });

  it('runSimulatorServer prints its URL and token on one line and stops on SIGTERM', async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const done = runSimulatorServer({ port: 0, seed: 3 });
      await vi.waitFor(() => expect(lines).toHaveLength(1));
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(lines[0] ?? '')?.[1] ?? '';
      expect(lines[0]).toContain(DEFAULT_TOKEN);
      const res = await fetch(`${url}/api/v4/groups`, { headers: { 'PRIVATE-TOKEN': DEFAULT_TOKEN } });
      expect(res.status).toBe(200);
      process.emit('SIGTERM');
      await done;
      await expect(fetch(`${url}/api/v4/groups`)).rejects.toThrow();
    } finally {
      write.mockRestore();
    }
  });
});
