import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_USER_ID, TIE_POSITIONS } from '../index.js';
import { ids, startHarness, type Harness } from '../test-helpers.js';

type Item = Record<string, unknown>;

function projectIds(items: readonly Item[]): Set<number> {
  return new Set(items.map((i) => i['project_id'] as number));
}

describe('issue endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('lists only issues the user created on /issues by default (scope=created_by_me)', async () => {
    const mine = await h.getAll('/api/v4/issues?per_page=100');
    expect(mine.length).toBeGreaterThan(0);
    for (const issue of mine) expect((issue['author'] as Item)['id']).toBe(CURRENT_USER_ID);
    const all = await h.getAll('/api/v4/issues?scope=all&per_page=100');
    expect(all.length).toBeGreaterThan(mine.length);
  });

  it('includes every visible project on /issues?scope=all, archived and public ones too, never invisible ones', async () => {
    const all = await h.getAll('/api/v4/issues?scope=all&per_page=100');
    expect([...projectIds(all)].sort()).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009]);
  });

  it('includes subgroup projects in group issues but leaves out archived projects unless non_archived=false', async () => {
    const active = await h.getAll('/api/v4/groups/11/issues?per_page=100');
    expect([...projectIds(active)].sort()).toEqual([1001, 1003, 1004, 1005]);
    const withArchived = await h.getAll('/api/v4/groups/11/issues?per_page=100&non_archived=false');
    expect([...projectIds(withArchived)].sort()).toEqual([1001, 1002, 1003, 1004, 1005]);
  });

  it('orders by created_at descending by default', async () => {
    const issues = await h.getJson('/api/v4/projects/1001/issues');
    const created = issues.map((i) => i['created_at'] as string);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('orders by updated_at ascending with id breaking ties in the same direction', async () => {
    const issues = await h.getAll('/api/v4/projects/1003/issues?order_by=updated_at&sort=asc&per_page=100');
    for (let i = 1; i < issues.length; i++) {
      const [a, b] = [issues[i - 1] as Item, issues[i] as Item];
      const order = (a['updated_at'] as string).localeCompare(b['updated_at'] as string);
      expect(order < 0 || (order === 0 && (a['id'] as number) < (b['id'] as number))).toBe(true);
    }
  });

  it('has issues sharing one updated_at across the page boundary of the ascending list', async () => {
    const page1 = await h.getJson('/api/v4/projects/1003/issues?order_by=updated_at&sort=asc&per_page=100');
    const page2 = await h.getJson('/api/v4/projects/1003/issues?order_by=updated_at&sort=asc&per_page=100&page=2');
    const list = [...page1, ...page2];
    const tie = TIE_POSITIONS.map((p) => list[p - 1]?.['updated_at']);
    expect(new Set(tie).size).toBe(1);
    expect(list[TIE_POSITIONS[0] - 2]?.['updated_at']).not.toBe(tie[0]);
    expect(list[TIE_POSITIONS[3]]?.['updated_at']).not.toBe(tie[0]);
    // Two of the tied issues end page 1, two start page 2.
    expect(page1.at(-1)?.['updated_at']).toBe(tie[0]);
    expect(page2[0]?.['updated_at']).toBe(tie[0]);
  });

  it('treats updated_after as inclusive ("on or after")', async () => {
    const asc = await h.getAll('/api/v4/projects/1003/issues?order_by=updated_at&sort=asc&per_page=100');
    const tieAt = asc[TIE_POSITIONS[0] - 1]?.['updated_at'] as string;
    const after = await h.getAll(`/api/v4/projects/1003/issues?order_by=updated_at&sort=asc&per_page=100&updated_after=${tieAt}`);
    expect(ids(after)).toEqual(ids(asc.slice(TIE_POSITIONS[0] - 1)));
    const before = await h.getAll(`/api/v4/projects/1003/issues?order_by=updated_at&sort=asc&per_page=100&updated_before=${tieAt}`);
    expect(ids(before)).toEqual(ids(asc.slice(0, TIE_POSITIONS[3])));
  });

  it('filters by created_after and created_before inclusively', async () => {
    const asc = await h.getJson('/api/v4/projects/1001/issues?order_by=created_at&sort=asc');
    const from = asc[1]?.['created_at'] as string;
    const to = asc[3]?.['created_at'] as string;
    const window = await h.getJson(`/api/v4/projects/1001/issues?order_by=created_at&sort=asc&created_after=${from}&created_before=${to}`);
    expect(ids(window)).toEqual(ids(asc.slice(1, 4)));
  });

  it('filters by state and by iids[]', async () => {
    const closed = await h.getAll('/api/v4/projects/1003/issues?state=closed&per_page=100');
    expect(closed.length).toBeGreaterThan(0);
    for (const i of closed) expect(i).toMatchObject({ state: 'closed', closed_by: expect.any(Object), closed_at: expect.any(String) });
    const picked = await h.getJson('/api/v4/projects/1003/issues?iids[]=3&iids[]=7&order_by=created_at&sort=asc');
    expect(picked.map((i) => i['iid'])).toEqual([3, 7]);
  });

  it('answers an invalid state with Grape\'s 400', async () => {
    const res = await h.get('/api/v4/projects/1003/issues?state=open');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'state does not have a valid value' });
  });

  it('renders references.relative against the list\'s parent', async () => {
    const [fromProject] = await h.getJson('/api/v4/projects/1003/issues?iids[]=1');
    const fromGroup = await h.getAll('/api/v4/groups/12/issues?per_page=100');
    const fromTop = await h.getAll('/api/v4/groups/11/issues?per_page=100');
    const fromInstance = await h.getAll('/api/v4/issues?scope=all&per_page=100');
    const ref = (list: readonly Item[]) => (list.find((i) => i['id'] === fromProject?.['id'])?.['references'] as Item)['relative'];
    expect((fromProject?.['references'] as Item)['relative']).toBe('#1');
    expect(ref(fromGroup)).toBe('api#1');
    expect(ref(fromTop)).toBe('acme/platform/api#1');
    expect(ref(fromInstance)).toBe('acme/platform/api#1');
  });

  it('answers 404 Project Not Found for issues of an unknown or invisible project', async () => {
    for (const ref of ['999', '1010']) {
      const res = await h.get(`/api/v4/projects/${ref}/issues`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: '404 Project Not Found' });
    }
  });

  it('sends labels as names, sorted, or as objects with with_labels_details=true', async () => {
    const all = await h.getAll('/api/v4/projects/1003/issues?per_page=100');
    const labelled = all.find((i) => (i['labels'] as unknown[]).length > 1);
    const names = labelled?.['labels'] as string[];
    expect(names).toEqual([...names].sort());
    const [detailed] = await h.getJson(`/api/v4/projects/1003/issues?iids[]=${labelled?.['iid'] as number}&with_labels_details=true`);
    expect((detailed?.['labels'] as Item[]).map((l) => l['name'])).toEqual(names);
  });
});
