import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORK_PROJECT_ID, REPOSITORY_DISABLED_PROJECT_ID } from '../index.js';
import { startHarness, type Harness } from '../test-helpers.js';

type Item = Record<string, unknown>;

describe('repository endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.sim.close());

  it('lists commits newest first, without totals, with x-next-page whenever a page is full', async () => {
    const count = h.sim.served('commits', { project_id: 1003 }).length;
    expect(count).toBe(230);
    const last = await h.get('/api/v4/projects/1003/repository/commits?per_page=46&page=5');
    expect(last.headers.has('x-total')).toBe(false);
    expect(last.headers.has('x-total-pages')).toBe(false);
    expect(last.headers.get('link')).not.toContain('rel="last"');
    // The fifth page holds the last 46 of 230 commits, and still points at an (empty) sixth.
    expect(last.headers.get('x-next-page')).toBe('6');
    expect(await h.getJson('/api/v4/projects/1003/repository/commits?per_page=46&page=6')).toEqual([]);
    const short = await h.get('/api/v4/projects/1003/repository/commits?per_page=100&page=3');
    expect(short.headers.get('x-next-page')).toBe('');
    const all = await h.getAll('/api/v4/projects/1003/repository/commits?per_page=100');
    const dates = all.map((c) => Date.parse(String(c['committed_date'])));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('keeps the committer\'s offset in git times', async () => {
    const commits = await h.getJson('/api/v4/projects/1001/repository/commits');
    for (const c of commits) expect(c['created_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(new Set(commits.map((c) => String(c['created_at']).slice(-6))).size).toBeGreaterThan(1);
  });

  it('filters commits by since and until on the commit date, inclusively, and adds stats only with with_stats', async () => {
    const all = await h.getAll('/api/v4/projects/1001/repository/commits?per_page=100');
    const [newer, older] = [all[3] as Item, all[8] as Item];
    const since = encodeURIComponent(String(older['committed_date']));
    const until = encodeURIComponent(String(newer['committed_date']));
    const window = await h.getJson(`/api/v4/projects/1001/repository/commits?since=${since}&until=${until}&per_page=100&with_stats=true`);
    expect(window.map((c) => c['id'])).toEqual(all.slice(3, 9).map((c) => c['id']));
    expect(window[0]?.['stats']).toEqual({ additions: expect.any(Number), deletions: expect.any(Number), total: expect.any(Number) });
    expect(all[0]).not.toHaveProperty('stats');
  });

  it('adds the commits of every branch with all=true', async () => {
    const main = await h.getAll('/api/v4/projects/1003/repository/commits?per_page=100');
    const all = await h.getAll('/api/v4/projects/1003/repository/commits?per_page=100&all=true');
    expect(all.length).toBeGreaterThan(main.length);
  });

  it('shares commit shas between the fork and its parent', async () => {
    const fork = await h.getJson<Item>(`/api/v4/projects/${FORK_PROJECT_ID}`);
    expect(fork['forked_from_project']).toMatchObject({ id: 1003, path_with_namespace: 'acme/platform/api' });
    const forkShas = new Set((await h.getAll(`/api/v4/projects/${FORK_PROJECT_ID}/repository/commits?per_page=100`)).map((c) => c['id']));
    const parentShas = (await h.getAll('/api/v4/projects/1003/repository/commits?per_page=100')).map((c) => c['id']);
    expect(parentShas.filter((sha) => forkShas.has(sha)).length).toBe(200);
  });

  it('lists branches by name; main exists in many projects', async () => {
    const branches = await h.getJson('/api/v4/projects/1003/repository/branches?per_page=100');
    const names = branches.map((b) => String(b['name']));
    expect(names).toEqual([...names].sort());
    expect(branches.find((b) => b['name'] === 'main')).toMatchObject({ default: true, protected: true });
    for (const id of [1001, 1006, 1008]) expect((await h.getJson(`/api/v4/projects/${id}/repository/branches`)).some((b) => b['name'] === 'main')).toBe(true);
  });

  it('serves releases without id or updated_at, and tags with their release', async () => {
    const releases = await h.getJson('/api/v4/projects/1003/releases');
    expect(releases.length).toBeGreaterThan(0);
    for (const r of releases) {
      expect(r).not.toHaveProperty('id');
      expect(r).not.toHaveProperty('updated_at');
    }
    const tags = await h.getJson('/api/v4/projects/1003/repository/tags');
    const tagged = tags.find((t) => t['name'] === releases[0]?.['tag_name']);
    expect(tagged?.['release']).toEqual({ tag_name: releases[0]?.['tag_name'], description: releases[0]?.['description'] });
    expect(tags.some((t) => t['created_at'] === null && t['message'] === null)).toBe(tags.some((t) => t['target'] === (t['commit'] as Item)['id']));
  });

  it('answers 403 on every repository list of a project whose repository is switched off', async () => {
    for (const sub of ['repository/branches', 'repository/commits', 'repository/tags', 'releases', 'merge_requests', 'pipelines']) {
      const res = await h.get(`/api/v4/projects/${REPOSITORY_DISABLED_PROJECT_ID}/${sub}`);
      expect(res.status, sub).toBe(403);
      expect(await res.json()).toEqual({ message: '403 Forbidden' });
    }
  });
});
