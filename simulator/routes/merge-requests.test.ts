import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_NOTE_ID, ISSUES_DISABLED_PROJECT_ID } from '../index.js';
import { ids, startHarness, type Harness } from '../test-helpers.js';

type Item = Record<string, unknown>;
const projectIds = (items: readonly Item[]) => [...new Set(items.map((i) => Number(i['project_id'])))].sort();

describe('merge request and note endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.sim.close());

  it('lists a group\'s and its subgroups\' merge requests, leaving out archived projects unless non_archived=false', async () => {
    const active = await h.getAll('/api/v4/groups/11/merge_requests?per_page=100');
    expect(projectIds(active)).toEqual([1001, 1003, 1004, 1005, 1011, 1012, 1014]);
    const all = await h.getAll('/api/v4/groups/11/merge_requests?per_page=100&non_archived=false');
    expect(projectIds(all)).toEqual([1001, 1002, 1003, 1004, 1005, 1011, 1012, 1014]);
    expect(all[0]).toHaveProperty('group_id');
    expect((all.find((m) => m['project_id'] === 1003)?.['references'] as Item)['relative']).toMatch(/^acme\/platform\/api!\d+$/);
    const fromPlatform = await h.getAll('/api/v4/groups/12/merge_requests?per_page=100');
    expect((fromPlatform.find((m) => m['project_id'] === 1003)?.['references'] as Item)['relative']).toMatch(/^api!\d+$/);
  });

  it('filters by state and scope, and orders by updated_at with updated_after inclusive', async () => {
    const merged = await h.getAll('/api/v4/projects/1003/merge_requests?state=merged&per_page=100');
    expect(merged.length).toBeGreaterThan(0);
    for (const m of merged) expect(m).toMatchObject({ state: 'merged', merged_at: expect.any(String), merge_user: expect.any(Object) });
    const mine = await h.getAll('/api/v4/groups/11/merge_requests?scope=created_by_me&per_page=100');
    for (const m of mine) expect((m['author'] as Item)['id']).toBe(101);
    const asc = await h.getAll('/api/v4/projects/1003/merge_requests?order_by=updated_at&sort=asc&per_page=100');
    const updated = asc.map((m) => String(m['updated_at']));
    expect(updated).toEqual([...updated].sort());
    const from = updated[10] as string;
    expect(ids(await h.getAll(`/api/v4/projects/1003/merge_requests?order_by=updated_at&sort=asc&per_page=100&updated_after=${from}`))).toEqual(ids(asc.slice(10)));
    const desc = await h.getJson('/api/v4/projects/1003/merge_requests');
    expect(String(desc[0]?.['created_at']) >= String(desc[1]?.['created_at'])).toBe(true);
  });

  it('serves a merge request\'s commits from its repository, newest first', async () => {
    const [mr] = await h.getJson('/api/v4/projects/1003/merge_requests?state=opened');
    const commits = await h.getJson(`/api/v4/projects/1003/merge_requests/${String(mr?.['iid'])}/commits`);
    expect(commits.length).toBeGreaterThan(0);
    expect(commits[0]?.['id']).toBe(mr?.['sha']);
    const branch = (await h.getJson('/api/v4/projects/1003/repository/branches?per_page=100')).find((b) => b['name'] === mr?.['source_branch']);
    expect((branch?.['commit'] as Item)['id']).toBe(mr?.['sha']);
  });

  it('answers approvals with one object, and 404 for an unknown merge request', async () => {
    const [mr] = await h.getJson('/api/v4/projects/1003/merge_requests?state=merged');
    const approvals = await h.getJson<Item>(`/api/v4/projects/1003/merge_requests/${String(mr?.['iid'])}/approvals`);
    expect(Array.isArray(approvals)).toBe(false);
    expect(approvals).toMatchObject({ iid: mr?.['iid'], project_id: 1003, approved_by: expect.any(Array) });
    expect((approvals['approved_by'] as Item[]).length).toBeGreaterThan(0);
    const res = await h.get('/api/v4/projects/1003/merge_requests/9999/approvals');
    expect(res.status).toBe(404);
  });

  it('serves notes with ids above 2^31, newest first, matching user_notes_count', async () => {
    const issue = h.sim.issues(1003).find((i) => Number(i['user_notes_count']) > 1) as Item;
    const notes = await h.getJson(`/api/v4/projects/1003/issues/${String(issue['iid'])}/notes`);
    expect(notes.filter((n) => n['system'] === false)).toHaveLength(Number(issue['user_notes_count']));
    for (const n of notes) expect(Number(n['id'])).toBeGreaterThanOrEqual(FIRST_NOTE_ID);
    const created = notes.map((n) => String(n['created_at']));
    expect(created).toEqual([...created].sort().reverse());
    expect(notes[0]).toMatchObject({ noteable_type: 'Issue', noteable_id: issue['id'], noteable_iid: issue['iid'], project_id: 1003 });
  });

  it('answers 403 on issues and their notes where issues are switched off, and leaves them out of group lists', async () => {
    for (const path of ['issues', 'issues/1/notes']) {
      const res = await h.get(`/api/v4/projects/${ISSUES_DISABLED_PROJECT_ID}/${path}`);
      expect(res.status, path).toBe(403);
      expect(await res.json()).toEqual({ message: '403 Forbidden' });
    }
    const project = await h.getJson<Item>(`/api/v4/projects/${ISSUES_DISABLED_PROJECT_ID}`);
    expect(project).toMatchObject({ issues_enabled: false, issues_access_level: 'disabled' });
    expect(project).not.toHaveProperty('open_issues_count');
  });

  it('touches the issue when a note is added, so it sorts last by updated_at', async () => {
    const issue = h.sim.issues(1001)[0] as Item;
    const noteId = h.sim.addNote({ issueId: Number(issue['id']) });
    const asc = await h.getAll('/api/v4/projects/1001/issues?order_by=updated_at&sort=asc&per_page=100');
    expect(asc.at(-1)).toMatchObject({ id: issue['id'], updated_at: h.sim.now(), user_notes_count: Number(issue['user_notes_count']) + 1 });
    const [newest] = await h.getJson(`/api/v4/projects/1001/issues/${String(issue['iid'])}/notes`);
    expect(newest?.['id']).toBe(noteId);
  });
});
