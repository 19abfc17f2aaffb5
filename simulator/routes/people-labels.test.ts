import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREMIUM_GROUP_ID } from '../index.js';
import { ids, startHarness, type Harness } from '../test-helpers.js';

type Item = Record<string, unknown>;

describe('labels, members, milestones, boards and epics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.sim.close());

  it('includes ancestor group labels in a project\'s labels unless include_ancestor_groups=false', async () => {
    const all = await h.getJson('/api/v4/projects/1005/labels?per_page=100');
    const own = await h.getJson('/api/v4/projects/1005/labels?per_page=100&include_ancestor_groups=false');
    const groupLabels = all.filter((l) => l['is_project_label'] === false);
    expect(groupLabels.length).toBeGreaterThan(0);
    expect(own.every((l) => l['is_project_label'] === true)).toBe(true);
    expect(ids(all).sort()).toEqual([...ids(own), ...ids(groupLabels)].sort());
    // Acme's labels reach a project two levels down; counts only with with_counts.
    const acme = ids(await h.getJson('/api/v4/groups/11/labels'));
    expect(acme.every((id) => ids(groupLabels).includes(id))).toBe(true);
    expect(all[0]).not.toHaveProperty('open_issues_count');
    expect((await h.getJson('/api/v4/projects/1005/labels?with_counts=true'))[0]).toHaveProperty('open_issues_count');
  });

  it('lists direct members only, with id being the user id', async () => {
    const members = await h.getJson('/api/v4/projects/1001/members');
    expect(ids(members).sort()).toEqual([103, 105]);
    expect(members[0]).toMatchObject({ username: expect.any(String), access_level: expect.any(Number) });
    expect(ids(await h.getJson('/api/v4/groups/14/members')).sort()).toEqual([101, 102, 105]);
  });

  it('lists everyone with access as a project\'s users, inherited and shared access included', async () => {
    expect(ids(await h.getJson('/api/v4/projects/1007/users')).sort()).toEqual([101, 102, 104, 105]);
  });

  it('serves group milestones, and a project\'s own milestones unless include_ancestors=true', async () => {
    const group = await h.getJson('/api/v4/groups/11/milestones');
    expect(group.every((m) => m['group_id'] === 11)).toBe(true);
    const own = await h.getJson('/api/v4/projects/1001/milestones');
    const withAncestors = await h.getJson('/api/v4/projects/1001/milestones?include_ancestors=true');
    expect(withAncestors.length).toBe(own.length + group.length);
  });

  it('serves group boards with lists over group labels', async () => {
    const boards = await h.getJson(`/api/v4/groups/${PREMIUM_GROUP_ID}/boards`);
    expect(boards).toHaveLength(2);
    expect(boards[0]).toMatchObject({ group: { id: PREMIUM_GROUP_ID }, lists: expect.any(Array) });
  });

  it('serves epics on the Premium group, descendants included by default, and 403 on a Free group', async () => {
    const all = await h.getJson(`/api/v4/groups/${PREMIUM_GROUP_ID}/epics`);
    expect(new Set(all.map((e) => e['group_id']))).toEqual(new Set([11, 12]));
    const own = await h.getJson(`/api/v4/groups/${PREMIUM_GROUP_ID}/epics?include_descendant_groups=false`);
    expect(own.every((e) => e['group_id'] === 11)).toBe(true);
    const created = all.map((e) => String(e['created_at']));
    expect(created).toEqual([...created].sort().reverse());
    const res = await h.get('/api/v4/groups/14/epics');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: '403 Forbidden' });
    expect((await h.get('/api/v4/groups/14/epics/1/issues')).status).toBe(403);
  });

  it('filters epics by updated_after (inclusive) in updated_at order, and moves touched ones last', async () => {
    const asc = await h.getJson('/api/v4/groups/11/epics?order_by=updated_at&sort=asc');
    const at = String(asc[2]?.['updated_at']);
    expect(ids(await h.getJson(`/api/v4/groups/11/epics?order_by=updated_at&sort=asc&updated_after=${at}`))).toEqual(ids(asc.slice(2)));
    h.sim.touchEpics([Number(asc[0]?.['id'])]);
    expect((await h.getJson('/api/v4/groups/11/epics?order_by=updated_at&sort=asc')).at(-1)?.['id']).toBe(asc[0]?.['id']);
  });

  it('serves an epic\'s issues as issue entities with epic_issue_id, consistent with the issue\'s epic_iid', async () => {
    const epics = await h.getJson('/api/v4/groups/11/epics?include_descendant_groups=false');
    const lists = await Promise.all(epics.map((e) => h.getJson(`/api/v4/groups/11/epics/${String(e['iid'])}/issues`)));
    const withIssues = lists.findIndex((l) => l.length > 0);
    const issue = lists[withIssues]?.[0] as Item;
    expect(issue).toMatchObject({ epic_issue_id: expect.any(Number), epic_iid: epics[withIssues]?.['iid'], project_id: expect.any(Number) });
    const plain = h.sim.issues(Number(issue['project_id'])).find((i) => i['id'] === issue['id']);
    expect(plain?.['epic']).toMatchObject({ id: epics[withIssues]?.['id'] });
  });

  it('deletes labels, branches and members for the deletion scenarios', async () => {
    const label = (await h.getJson('/api/v4/projects/1004/labels?include_ancestor_groups=false'))[0] as Item;
    h.sim.deleteLabel(Number(label['id']));
    expect(ids(await h.getJson('/api/v4/projects/1004/labels?per_page=100'))).not.toContain(label['id']);
    h.sim.removeMember('project', 1001, 105);
    expect(ids(await h.getJson('/api/v4/projects/1001/members'))).toEqual([103]);
    const branch = (await h.getJson('/api/v4/projects/1003/repository/branches?per_page=100')).find((b) => b['name'] !== 'main') as Item;
    h.sim.deleteBranch(1003, String(branch['name']));
    expect((await h.getJson('/api/v4/projects/1003/repository/branches?per_page=100')).map((b) => b['name'])).not.toContain(branch['name']);
  });
});
