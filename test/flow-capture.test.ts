/**
 * The connector as Flow runs it: a child process driven over stdin/stdout, capturing from the
 * simulator over loopback HTTP. Expectations come from the simulator's own data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIG_PROJECT_ID, DEFAULT_TOKEN, TIE_POSITIONS, createSimulator, type Simulator } from '../simulator/index.js';
import { applyMergePatch } from '../src/util/merge-patch.js';
import type { JsonValue } from '../src/engine/types.js';
import { openRequest, runConnector, splitCapture } from './helpers/connector.js';
import { SELECTED_PROJECT_IDS, tokenConfig } from './helpers/selection.js';

const STREAMS = ['groups', 'projects', 'issues'] as const;
type Obj = Record<string, unknown>;

let sim: Simulator;
let url: string;
beforeEach(async () => {
  sim = createSimulator({ seed: 7 });
  url = await sim.listen(0);
});
afterEach(async () => {
  await sim.close();
});

const config = (): Obj => tokenConfig(url);
const PROJECT_IDS: readonly number[] = SELECTED_PROJECT_IDS;

function byId(docs: readonly Obj[] | undefined): Map<number, Obj> {
  return new Map((docs ?? []).map((d) => [Number(d['id']), d]));
}

async function capture(state: JsonValue = {}) {
  const result = await runConnector([], { stdin: openRequest(config(), STREAMS, state) });
  expect(result.stderr).not.toContain(DEFAULT_TOKEN);
  expect(result.stdout.split('\n').filter((l) => l.includes(DEFAULT_TOKEN))).toEqual([]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.messages[0]).toEqual({ opened: {} });
  const captured = splitCapture(result.messages);
  const finalState = captured.checkpoints.reduce<JsonValue>((s, p) => applyMergePatch(s, p as JsonValue), state);
  return { ...captured, state: finalState, stderr: result.stderr };
}

describe('Flow capture of groups, projects and issues', () => {
  it('captures every group, project and issue exactly, across pages and a tie at a page boundary', async () => {
    const run = await capture();
    expect(run.endsWithCheckpoint).toBe(true);

    const groups = byId(run.docs.get(0));
    expect([...groups.keys()].sort()).toEqual([14]);
    expect(groups.get(14)).toMatchObject(sim.groups().find((g) => g['id'] === 14) ?? { missing: true });

    const projects = byId(run.docs.get(1));
    expect([...projects.keys()].sort()).toEqual(PROJECT_IDS);
    for (const p of sim.projects().filter((p) => PROJECT_IDS.includes(Number(p['id'])))) {
      // `permissions` is served by /projects but not by a group's project list.
      const { permissions: _, ...listed } = p;
      expect(projects.get(Number(p['id']))).toMatchObject(listed);
    }

    const expected = PROJECT_IDS.flatMap((id) => sim.issues(id));
    const issues = byId(run.docs.get(2));
    expect(issues.size).toBe(expected.length);
    expect(run.docs.get(2)?.length).toBe(expected.length); // each issue once, ties included
    for (const issue of expected) {
      const doc = issues.get(Number(issue['id']));
      // `references.relative` is relative to the group in a group-level list, as in GitLab.
      const { references, ...rest } = issue;
      expect(doc).toMatchObject(rest);
      expect((doc?.['references'] as Obj)['full']).toBe((references as Obj)['full']);
      expect(doc?.['author_id']).toBe((issue['author'] as Obj).id);
    }

    // The big project's list spans three pages, and its tie straddles the first boundary.
    const big = sim.requests.filter((r) => r.path === `/api/v4/projects/${BIG_PROJECT_ID}/issues`);
    expect(big.length).toBeGreaterThanOrEqual(3);
    const ascending = [...sim.issues(BIG_PROJECT_ID)].sort(
      (a, b) => Date.parse(String(a['updated_at'])) - Date.parse(String(b['updated_at'])) || Number(a['id']) - Number(b['id']),
    );
    const tied = TIE_POSITIONS.map((p) => ascending[p - 1]?.['updated_at']);
    expect(new Set(tied).size).toBe(1);

    // One cursor per partition, at the newest issue of each.
    const cursors = (run.state as { bindings: { issues: { cursors: Record<string, string> } } }).bindings.issues.cursors;
    expect(Object.keys(cursors).sort()).toEqual(['group_id=14', 'project_id=1001', 'project_id=1003', 'project_id=1008']);
    const newest = (ids: number[]) => ids.flatMap((id) => sim.issues(id)).map((i) => String(i['updated_at'])).sort().at(-1);
    expect(cursors['project_id=1003']).toBe(newest([1003]));
    expect(cursors['group_id=14']).toBe(newest([1006, 1007]));
  });

  it('a second open with the merged state captures only what changed, re-reading at most the ties on the cursor', async () => {
    const first = await capture();
    const touched = [sim.issues(BIG_PROJECT_ID)[5], sim.issues(1006)[0], sim.issues(1001)[1]].map((i) => Number(i?.['id']));
    sim.touchIssues(touched);
    const created = sim.createIssues(1007, 3).map((i) => Number(i['id']));
    sim.clearRequests();

    const second = await capture(first.state);
    const changed = new Set([...touched, ...created]);
    const docs = second.docs.get(2) ?? [];
    const cursorsBefore = (first.state as { bindings: { issues: { cursors: Record<string, string> } } }).bindings.issues.cursors;
    const previousCursors = new Set(Object.values(cursorsBefore));
    for (const d of docs) {
      // Anything not changed must be a re-read tie: an issue whose updated_at is a previous cursor.
      if (!changed.has(Number(d['id']))) expect(previousCursors.has(String(d['updated_at']))).toBe(true);
    }
    for (const id of changed) expect(docs.some((d) => d['id'] === id)).toBe(true);
    expect(docs.length).toBeLessThanOrEqual(changed.size + previousCursors.size);

    // One small list request per partition: nothing was paged through again.
    const issueRequests = sim.requests.filter((r) => /\/issues$/.test(r.path));
    expect(issueRequests.length).toBe(4);
    for (const r of issueRequests) expect(r.query['updated_after']).toBeDefined();
  });

  it('captures issues updated while the connector pages through the list', async () => {
    const ascending = [...sim.issues(BIG_PROJECT_ID)].sort((a, b) => Date.parse(String(a['updated_at'])) - Date.parse(String(b['updated_at'])));
    // After the first page of the big project's list: move one issue already read and two not
    // yet read to the end. Paging by number would skip the issues that shift back a page.
    const moved = [ascending[10], ascending[150], ascending[160]].map((i) => Number(i?.['id']));
    let fired = false;
    sim.onRequest((entry) => {
      if (!fired && entry.path === `/api/v4/projects/${BIG_PROJECT_ID}/issues`) {
        fired = true;
        sim.touchIssues(moved);
      }
    });
    const run = await capture();
    expect(fired).toBe(true);
    const issues = byId(run.docs.get(2));
    const expected = sim.issues(BIG_PROJECT_ID);
    for (const issue of expected) expect(issues.get(Number(issue['id'])), `issue ${issue['id']}`).toBeDefined();
    for (const id of moved) {
      expect(issues.get(id)?.['updated_at']).toBe(expected.find((i) => i['id'] === id)?.['updated_at']);
    }
  });

  it('validate checks the token and answers each binding with its resource path', async () => {
    const req = {
      validate: {
        name: 'acmeCo/source-gitlab',
        config: config(),
        bindings: STREAMS.map((stream) => ({ resourceConfig: { stream, syncMode: 'full_refresh' }, collection: { name: `acmeCo/${stream}` } })),
      },
    };
    const r = await runConnector([], { stdin: JSON.stringify(req) + '\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.messages).toEqual([{ validated: { bindings: STREAMS.map((s) => ({ resourcePath: [s] })) } }]);
    expect(sim.requests.map((e) => e.path)).toContain('/api/v4/user');
  });

  it('logs JSON lines on stderr at the level LOG_LEVEL sets', async () => {
    const lines = async (level: string) => {
      const r = await runConnector([], { stdin: openRequest(config(), ['groups'], {}), env: { LOG_LEVEL: level } });
      expect(r.code, r.stderr).toBe(0);
      return r.stderr.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Obj);
    };
    const info = await lines('info');
    expect(info.length).toBeGreaterThan(0);
    for (const l of info) {
      expect(Object.keys(l).sort()).toEqual(['fields', 'level', 'message', 'ts']);
      expect(Number.isNaN(Date.parse(String(l['ts'])))).toBe(false);
    }
    expect(info.some((l) => l['message'] === 'capture pass done')).toBe(true);
    // Status lines for Flow's UI.
    const statuses = info.filter((l) => (l['fields'] as Obj)['eventType'] === 'connectorStatus').map((l) => l['message']);
    expect(statuses).toEqual(['capturing 1 binding from GitLab', expect.stringMatching(/^captured 1 documents in \d+ s$/)]);
    expect(await lines('warn')).toEqual([]);
  });
});
