import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, startHarness, type Harness } from '../test-helpers.js';

describe('group endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('lists the groups the user belongs to, subgroups included, ordered by name', async () => {
    const groups = await h.getJson('/api/v4/groups');
    expect(groups.map((g) => g['full_path'])).toEqual(['acme', 'globex', 'acme/platform/infra', 'acme/platform']);
  });

  it('adds visible groups the user is not a member of only with all_available=true, never a private one', async () => {
    const groups = await h.getJson('/api/v4/groups?all_available=true&order_by=id');
    expect(ids(groups)).toEqual([11, 12, 13, 14, 15]);
  });

  it('sorts descending and filters top-level groups on request', async () => {
    const groups = await h.getJson('/api/v4/groups?top_level_only=true&sort=desc');
    expect(groups.map((g) => g['path'])).toEqual(['globex', 'acme']);
  });

  it('limits to groups the user owns directly with owned=true, and searches names and paths', async () => {
    expect(ids(await h.getJson('/api/v4/groups?owned=true'))).toEqual([11]);
    expect(ids(await h.getJson('/api/v4/groups?search=PLAT'))).toEqual([12]);
  });

  it('finds a group by URL-encoded full path and by id, with consistent full_path and parent_id', async () => {
    const byPath = await h.getJson<Record<string, unknown>>('/api/v4/groups/acme%2Fplatform%2Finfra');
    const byId = await h.getJson<Record<string, unknown>>('/api/v4/groups/13');
    expect(byPath).toEqual(byId);
    expect(byPath).toMatchObject({ id: 13, full_path: 'acme/platform/infra', parent_id: 12, full_name: 'Acme / Platform / Infra' });
    expect(byPath['web_url']).toBe(`${h.url}/groups/acme/platform/infra`);
  });

  it('includes the group\'s own and shared projects in GET /groups/:id unless with_projects=false', async () => {
    const acme = await h.getJson<Record<string, unknown>>('/api/v4/groups/11');
    expect(ids(acme['projects'] as Record<string, unknown>[])).toEqual([1001, 1002]);
    expect(ids(acme['shared_projects'] as Record<string, unknown>[])).toEqual([1007]);
    const lean = await h.getJson<Record<string, unknown>>('/api/v4/groups/11?with_projects=false');
    expect(lean).not.toHaveProperty('projects');
  });

  it('answers 404 Group Not Found for an unknown group and for a private group the user cannot see', async () => {
    for (const ref of ['999', 'hidden-lab', 'acme%2Fnope']) {
      const res = await h.get(`/api/v4/groups/${ref}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: '404 Group Not Found' });
    }
  });

  it('answers a path sent with an unencoded slash with Grape\'s 404, as GitLab does', async () => {
    const res = await h.get('/api/v4/groups/acme/platform');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: '404 Not Found' });
  });

  it('lists direct subgroups only, and every level under descendant_groups', async () => {
    expect(ids(await h.getJson('/api/v4/groups/11/subgroups'))).toEqual([12]);
    const descendants = await h.getJson('/api/v4/groups/acme/descendant_groups');
    expect(descendants.map((g) => g['full_path'])).toEqual(['acme/platform/infra', 'acme/platform']);
    expect(await h.getJson('/api/v4/groups/13/subgroups')).toEqual([]);
  });

  it('exposes no updated_at on groups', async () => {
    for (const g of await h.getJson('/api/v4/groups')) expect(g).not.toHaveProperty('updated_at');
  });
});
