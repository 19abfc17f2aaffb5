import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CI_DISABLED_PROJECT_ID } from '../index.js';
import { ids, startHarness, type Harness } from '../test-helpers.js';

type Item = Record<string, unknown>;

describe('CI/CD endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.sim.close());

  it('lists child pipelines only with source=parent_pipeline', async () => {
    const served = h.sim.served('pipelines', { project_id: 1003 });
    const children = served.filter((p) => p['source'] === 'parent_pipeline');
    expect(children.length).toBeGreaterThan(0);
    const listed = await h.getAll('/api/v4/projects/1003/pipelines?per_page=100');
    expect(listed.some((p) => p['source'] === 'parent_pipeline')).toBe(false);
    expect(listed.length + children.length).toBe(served.length);
    expect(ids(await h.getAll('/api/v4/projects/1003/pipelines?per_page=100&source=parent_pipeline')).sort()).toEqual(ids(children).sort());
  });

  it('orders pipelines by id descending by default, and by updated_at with an exclusive updated_after', async () => {
    const listed = ids(await h.getAll('/api/v4/projects/1003/pipelines?per_page=100'));
    expect(listed).toEqual([...listed].sort((a, b) => b - a));
    const asc = await h.getAll('/api/v4/projects/1003/pipelines?per_page=100&order_by=updated_at&sort=asc');
    const at = String(asc[4]?.['updated_at']);
    expect(ids(await h.getAll(`/api/v4/projects/1003/pipelines?per_page=100&order_by=updated_at&sort=asc&updated_after=${at}`))).toEqual(ids(asc.slice(5)));
  });

  it('serves a single pipeline in the richer shape', async () => {
    const [p] = await h.getJson('/api/v4/projects/1003/pipelines');
    const single = await h.getJson<Item>(`/api/v4/projects/1003/pipelines/${String(p?.['id'])}`);
    expect(single).toMatchObject({ ...p, before_sha: expect.any(String), user: expect.any(Object), detailed_status: expect.any(Object) });
    expect(p).not.toHaveProperty('detailed_status');
  });

  it('leaves retried jobs out unless include_retried=true; job ids cross 2^31', async () => {
    const jobs = h.sim.served('jobs', { project_id: 1003 });
    const retried = jobs.filter((j) => jobs.some((k) => k['pipeline'] && (k['pipeline'] as Item)['id'] === (j['pipeline'] as Item)['id'] && k['name'] === j['name'] && Number(k['id']) > Number(j['id'])));
    expect(retried.length).toBeGreaterThan(0);
    const pipelineId = Number((retried[0]?.['pipeline'] as Item)['id']);
    const without = await h.getJson(`/api/v4/projects/1003/pipelines/${pipelineId}/jobs`);
    const withRetried = await h.getJson(`/api/v4/projects/1003/pipelines/${pipelineId}/jobs?include_retried=true`);
    expect(withRetried.length).toBeGreaterThan(without.length);
    expect(ids(withRetried)).toContain(retried[0]?.['id']);
    expect(ids(without)).not.toContain(retried[0]?.['id']);
    const all = jobs.map((j) => Number(j['id']));
    expect(all.some((id) => id < 2 ** 31) && all.some((id) => id > 2 ** 31)).toBe(true);
  });

  it('refuses deployments filtered by updated_after unless ordered by updated_at, and sorts ascending by default', async () => {
    const res = await h.get('/api/v4/projects/1003/deployments?updated_after=2020-01-01T00:00:00Z');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: '400 Bad request - `updated_at` filter requires `updated_at` sort' });
    const listed = ids(await h.getAll('/api/v4/projects/1003/deployments?per_page=100'));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).toEqual([...listed].sort((a, b) => a - b));
    const ok = await h.getAll('/api/v4/projects/1003/deployments?per_page=100&order_by=updated_at&updated_after=2020-01-01T00:00:00Z');
    expect(ok.length).toBe(listed.length);
  });

  it('answers 403 on pipelines, deployments and environments where CI/CD is switched off', async () => {
    for (const sub of ['pipelines', 'deployments', 'environments']) {
      const res = await h.get(`/api/v4/projects/${CI_DISABLED_PROJECT_ID}/${sub}`);
      expect(res.status, sub).toBe(403);
      expect(await res.json()).toEqual({ message: '403 Forbidden' });
    }
    expect((await h.get(`/api/v4/projects/${CI_DISABLED_PROJECT_ID}/repository/branches`)).status).toBe(200);
  });

  it('moves a touched pipeline to the end of the updated_at order, and serves created ones with their job', async () => {
    const [first] = await h.getJson('/api/v4/projects/1006/pipelines?order_by=updated_at&sort=asc');
    h.sim.touchPipelines([Number(first?.['id'])]);
    const [created] = h.sim.createPipelines(1006, 1);
    const asc = await h.getAll('/api/v4/projects/1006/pipelines?per_page=100&order_by=updated_at&sort=asc');
    expect(ids(asc).slice(-2)).toEqual([first?.['id'], created]);
    expect(await h.getJson(`/api/v4/projects/1006/pipelines/${String(created)}/jobs`)).toHaveLength(1);
  });
});
