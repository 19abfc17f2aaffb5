/**
 * Children of incremental parents ("children of changed X", docs/streams.md) are read again only
 * for parents changed since the cursor. Two Flow captures against one simulator; between them a
 * merge request, an issue (through a new note), a pipeline and an epic change, and a merge
 * request and a pipeline are created. Request counts come from the simulator's request log.
 *
 * The bound of `updated_after` is inclusive (or asked 1 ms early where GitLab's is exclusive), so
 * each partition re-reads the parent sitting exactly on its cursor; the state remembers which
 * parents at the cursor were already captured, so their children are not fetched again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type RequestLogEntry, type Simulator } from '../simulator/index.js';
import { captureStreams, streamsConfig, type Obj, type StreamsRun } from './helpers/streams-capture.js';

const STREAMS = [
  'merge_requests', 'merge_request_commits', 'merge_request_notes', 'merge_request_approvals',
  'pipelines', 'pipelines_extended', 'jobs', 'issues', 'issue_notes', 'epics', 'epic_issues',
];

let sim: Simulator;
let first: StreamsRun;
let second: StreamsRun;
let pass2: RequestLogEntry[];
const changed = { mr: 0, newMr: 0, issue: 0, note: 0, pipeline: 0, newPipeline: 0, epic: 0 };

beforeAll(async () => {
  sim = createSimulator({ seed: 11 });
  const config = streamsConfig(await sim.listen(0), '11 14', '1008');
  first = await captureStreams(config, STREAMS);
  const mr = sim.served('merge_requests', { project_id: 1004 })[1] as Obj;
  changed.mr = Number(mr['id']);
  sim.touchMergeRequests([changed.mr]);
  [changed.newMr] = sim.createMergeRequests(1008, 1) as [number];
  const issue = sim.issues(1001)[2] as Obj;
  changed.issue = Number(issue['id']);
  changed.note = sim.addNote({ issueId: changed.issue }, 'Nouveau commentaire ✓');
  changed.pipeline = Number((sim.served('pipelines', { project_id: 1006 })[0] as Obj)['id']);
  sim.touchPipelines([changed.pipeline]);
  [changed.newPipeline] = sim.createPipelines(1001, 1) as [number];
  changed.epic = Number((sim.served('epics', { group_id: 12 })[0] as Obj)['id']);
  sim.touchEpics([changed.epic]);
  sim.clearRequests();
  second = await captureStreams(config, STREAMS, first.state);
  pass2 = [...sim.requests];
}, 60_000);
afterAll(async () => {
  await sim.close();
});

/** `/projects/P/merge_requests/I/notes` → "P!I" for each request to a child endpoint. */
function childRequests(pattern: RegExp): string[] {
  return pass2.flatMap((r) => {
    const m = pattern.exec(r.path);
    return m ? [`${m[1]}:${m[2]}`] : [];
  });
}

describe('children of changed parents', () => {
  it('re-reads a changed merge request\'s commits, notes and approvals once each, and a new one\'s', () => {
    const want = new Set([
      ...[changed.mr, changed.newMr].map((id) => {
        const m = [1004, 1008].flatMap((p) => sim.served('merge_requests', { project_id: p })).find((x) => x['id'] === id) as Obj;
        return `${m['project_id']}:${m['iid']}`;
      }),
    ]);
    for (const child of ['commits', 'notes', 'approvals']) {
      const got = childRequests(new RegExp(`^/api/v4/projects/(\\d+)/merge_requests/(\\d+)/${child}$`));
      expect(got.sort(), child).toEqual([...want].sort());
    }
    expect(want.size).toBe(2);
    const docs = second.docs.get('merge_requests') ?? [];
    expect(docs.map((d) => d['id'])).toEqual(expect.arrayContaining([changed.mr, changed.newMr]));
    expect(second.docs.get('merge_request_commits')?.some((c) => c['merge_request_iid'] !== undefined && c['project_id'] === 1008)).toBe(true);
  });

  it('reads the new note through its touched issue, and no other issue\'s notes', () => {
    const issue = sim.issues(1001).find((i) => i['id'] === changed.issue) as Obj;
    const want = new Set([issue].map((i) => `${i['project_id']}:${i['iid']}`));
    expect(childRequests(/^\/api\/v4\/projects\/(\d+)\/issues\/(\d+)\/notes$/).sort()).toEqual([...want].sort());
    const note = (second.docs.get('issue_notes') ?? []).find((n) => n['id'] === changed.note);
    expect(note).toMatchObject({ body: 'Nouveau commentaire ✓', noteable_id: changed.issue, project_id: 1001 });
  });

  it('reads jobs and the full record only of changed and new pipelines', () => {
    const want = new Set([changed.pipeline, changed.newPipeline]);
    const jobs = childRequests(/^\/api\/v4\/projects\/(\d+)\/pipelines\/(\d+)\/jobs$/).map((k) => Number(k.split(':')[1]));
    const single = childRequests(/^\/api\/v4\/projects\/(\d+)\/pipelines\/(\d+)$/).map((k) => Number(k.split(':')[1]));
    expect(jobs.sort()).toEqual([...want].sort());
    expect(single.sort()).toEqual([...want].sort());
    expect(jobs.filter((id) => id === changed.pipeline)).toHaveLength(1);
    const newJobs = (second.docs.get('jobs') ?? []).filter((j) => j['pipeline_id'] === changed.newPipeline);
    expect(newJobs).toHaveLength(1);
  });

  it('reads a changed epic\'s issues, and lists of every parent only from their cursors', () => {
    const epic = sim.served('epics', { group_id: 12 }).find((e) => e['id'] === changed.epic) as Obj;
    const want = new Set([epic].map((e) => `${e['group_id']}:${e['iid']}`));
    expect(childRequests(/^\/api\/v4\/groups\/(\d+)\/epics\/(\d+)\/issues$/).sort()).toEqual([...want].sort());
    const lists = pass2.filter((r) => /^\/api\/v4\/(projects|groups)\/\d+\/(merge_requests|issues|pipelines|epics)$/.test(r.path) && r.status === 200);
    expect(lists.length).toBeGreaterThan(0);
    for (const r of lists) expect(r.query['updated_after'], r.path).toBeDefined();
  });
});
