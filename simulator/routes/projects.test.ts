import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, parseLinks, startHarness, type Harness } from '../test-helpers.js';

describe('project endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('includes projects shared with the group by default, newest first, but not subgroup projects', async () => {
    const projects = await h.getJson('/api/v4/groups/11/projects');
    expect(ids(projects)).toEqual([1007, 1002, 1001]);
    expect(projects[0]?.['namespace']).toMatchObject({ full_path: 'globex' });
  });

  it('leaves shared projects out with with_shared=false and adds subgroups with include_subgroups=true', async () => {
    const own = await h.getJson('/api/v4/groups/acme/projects?include_subgroups=true&with_shared=false&order_by=id&sort=asc');
    expect(ids(own)).toEqual([1001, 1002, 1003, 1004, 1005, 1011, 1012, 1013, 1014]);
  });

  it('filters group projects by archived status', async () => {
    expect(ids(await h.getJson('/api/v4/groups/11/projects?archived=true'))).toEqual([1002]);
    expect(ids(await h.getJson('/api/v4/groups/11/projects?archived=false&with_shared=false'))).toEqual([1001]);
  });

  it('sends no permissions on group projects but does on /projects', async () => {
    const [groupProject] = await h.getJson('/api/v4/groups/11/projects?with_shared=false&archived=false');
    expect(groupProject).not.toHaveProperty('permissions');
    const [project] = await h.getJson('/api/v4/projects?membership=true&order_by=id&sort=asc');
    expect(project?.['permissions']).toEqual({ project_access: null, group_access: { access_level: 50, notification_level: 3 } });
  });

  it('lists member projects with membership=true, including one outside every group, excluding public non-member ones', async () => {
    const member = ids(await h.getJson('/api/v4/projects?membership=true&order_by=id&sort=asc'));
    expect(member).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1011, 1012, 1013, 1014]);
    const visible = ids(await h.getJson('/api/v4/projects?order_by=id&sort=asc'));
    expect(visible).toEqual([...member.slice(0, 8), 1009, ...member.slice(8)]);
  });

  it('answers updated_after without order_by=updated_at with 400 "must be paired"', async () => {
    const res = await h.get('/api/v4/projects?updated_after=2021-01-01T00:00:00Z');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: '400 Bad request - `updated_at` filter and `updated_at` sorting must be paired' });
  });

  it('filters by updated_after once it is paired with order_by=updated_at', async () => {
    const all = await h.getJson('/api/v4/projects?membership=true&order_by=updated_at&sort=asc');
    const pivot = all[3]?.['updated_at'] as string;
    const after = await h.getJson(`/api/v4/projects?membership=true&order_by=updated_at&sort=asc&updated_after=${pivot}`);
    expect(ids(after)).toEqual(ids(all.slice(3)));
  });

  it('pages with keyset by id ascending: only a rel="next" link carrying id_after, and none at the end', async () => {
    const first = await h.get('/api/v4/projects?pagination=keyset&order_by=id&sort=asc&per_page=4&membership=true');
    expect(ids((await first.json()) as Record<string, unknown>[])).toEqual([1001, 1002, 1003, 1004]);
    for (const name of ['x-page', 'x-per-page', 'x-next-page', 'x-prev-page', 'x-total', 'x-total-pages']) {
      expect(first.headers.has(name)).toBe(false);
    }
    const links = parseLinks(first.headers.get('link'));
    expect(links.map((l) => l.rel)).toEqual(['next']);
    expect(new URL(links[0]?.url ?? '').searchParams.get('id_after')).toBe('1004');

    const second = await h.get(links[0]?.url ?? '');
    expect(ids((await second.json()) as Record<string, unknown>[])).toEqual([1005, 1006, 1007, 1008]);
    const third = await h.get(parseLinks(second.headers.get('link'))[0]?.url ?? '');
    expect(ids((await third.json()) as Record<string, unknown>[])).toEqual([1011, 1012, 1013, 1014]);
    const fourth = await h.get(parseLinks(third.headers.get('link'))[0]?.url ?? '');
    expect(await fourth.json()).toEqual([]);
    expect(fourth.headers.has('link')).toBe(false);
  });

  it('pages with keyset by id descending through id_before', async () => {
    const all = await h.getAll('/api/v4/projects?pagination=keyset&order_by=id&sort=desc&per_page=3');
    expect(ids(all)).toEqual([1014, 1013, 1012, 1011, 1009, 1008, 1007, 1006, 1005, 1004, 1003, 1002, 1001]);
    const first = await h.get('/api/v4/projects?pagination=keyset&order_by=id&sort=desc&per_page=3');
    expect(new URL(parseLinks(first.headers.get('link'))[0]?.url ?? '').searchParams.get('id_before')).toBe('1012');
  });

  it('refuses keyset pagination ordered by anything but id with 405', async () => {
    const res = await h.get('/api/v4/projects?pagination=keyset&order_by=created_at');
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ error: 'Keyset pagination is not yet available for this type of request' });
  });

  it('refuses an offset beyond 50,000 projects with 405', async () => {
    const res = await h.get('/api/v4/projects?page=501&per_page=100');
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: string }).error).toMatch(/^Offset pagination has a maximum allowed offset of 50000/);
  });

  it('finds a project by URL-encoded path and by id', async () => {
    const byPath = await h.getJson<Record<string, unknown>>('/api/v4/projects/acme%2Fplatform%2Fapi');
    expect(byPath).toMatchObject({ id: 1003, path_with_namespace: 'acme/platform/api', web_url: `${h.url}/acme/platform/api` });
    expect(byPath).toEqual(await h.getJson('/api/v4/projects/1003'));
  });

  it('answers 404 Project Not Found for an unknown project and for one the user cannot see', async () => {
    for (const ref of ['424242', '1010', 'hidden-lab%2Fsecret-project']) {
      const res = await h.get(`/api/v4/projects/${ref}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: '404 Project Not Found' });
    }
  });

  it('serves the simple shape, without updated_at, for simple=true', async () => {
    const [p] = await h.getJson('/api/v4/projects?simple=true&membership=true');
    expect(p).not.toHaveProperty('updated_at');
    expect(Object.keys(p ?? {})).toHaveLength(18);
  });

  it('sends conditional keys exactly where GitLab does', async () => {
    const personal = await h.getJson<Record<string, unknown>>('/api/v4/projects/1008');
    const owned = await h.getJson<Record<string, unknown>>('/api/v4/projects/1001');
    // `owner` only on a personal project; `runners_token`/`import_error` only for maintainers and up.
    expect(personal['owner']).toMatchObject({ id: 102, username: 'dana' });
    expect(owned).not.toHaveProperty('owner');
    expect(personal).not.toHaveProperty('runners_token');
    expect(owned).toHaveProperty('runners_token');
    expect(owned).toHaveProperty('import_error');
    // `statistics` and `license` only when asked for; `mirror_*` only on the pull mirror (1007).
    expect(owned).not.toHaveProperty('statistics');
    expect(owned).not.toHaveProperty('license');
    const detailed = await h.getJson<Record<string, unknown>>('/api/v4/projects/1001?statistics=true&license=true');
    expect(detailed).toHaveProperty('statistics.commit_count');
    expect(detailed).toHaveProperty('license_url');
    expect(owned).not.toHaveProperty('mirror_user_id');
    expect(await h.getJson('/api/v4/projects/1007')).toHaveProperty('mirror_user_id');
  });

  it('leaves Premium and Ultimate keys out on a Free instance', async () => {
    await h.sim.close();
    h = await startHarness({ tier: 'free' });
    const project = await h.getJson<Record<string, unknown>>('/api/v4/projects/1001');
    expect(project).not.toHaveProperty('mirror');
    expect(project).not.toHaveProperty('spp_repository_pipeline_access');
    const [issue] = await h.getJson('/api/v4/projects/1001/issues');
    expect(issue).not.toHaveProperty('weight');
    expect(issue).not.toHaveProperty('health_status');
  });
});
