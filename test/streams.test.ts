/**
 * Every one of the 27 streams, captured through the Flow protocol by the built connector (a child
 * process) from the simulator, equals what the simulator serves for it: the same keys, each once,
 * and the same contents. One capture reaches every kind of parent: a configured group with
 * subgroups and the Premium plan (Acme, 11), a configured Free group (Globex, 14) and a project
 * outside both (1008).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_PROJECT_ID, createSimulator, type Simulator } from '../simulator/index.js';
import { ALL_STREAMS, captureStreams, keyOf, streamsConfig, type Obj, type StreamsRun } from './helpers/streams-capture.js';

const GROUPS = [11, 12, 13, 14];
const PREMIUM_GROUPS = [11, 12, 13];
const PROJECTS = [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1011, 1012, 1013, 1014];

/** Keys of docs/streams.md, as the connector's resources declare them. */
const KEYS: Record<string, string[]> = {
  groups: ['/id'], projects: ['/id'], branches: ['/project_id', '/name'], commits: ['/project_id', '/id'], issues: ['/id'],
  merge_requests: ['/id'], merge_request_commits: ['/project_id', '/merge_request_iid', '/id'], pipelines: ['/id'],
  pipelines_extended: ['/id'], jobs: ['/id'], deployments: ['/id'], releases: ['/project_id', '/tag_name'],
  tags: ['/project_id', '/name'], project_milestones: ['/id'], group_milestones: ['/id'], project_members: ['/project_id', '/id'],
  group_members: ['/group_id', '/id'], project_labels: ['/project_id', '/id'], group_labels: ['/group_id', '/id'],
  group_issue_boards: ['/id'], epics: ['/id'], epic_issues: ['/epic_issue_id'], users: ['/id'], issue_notes: ['/id'],
  merge_request_notes: ['/id'], merge_request_approvals: ['/project_id', '/merge_request_iid'], environments: ['/id'],
};

/** Streams whose parents are projects, and the parent ids a document is stamped with. */
const PER_PROJECT = ['branches', 'commits', 'releases', 'tags', 'project_milestones', 'project_members', 'project_labels', 'environments', 'deployments', 'pipelines', 'pipelines_extended', 'jobs', 'issue_notes', 'merge_request_commits', 'merge_request_notes', 'merge_request_approvals'];
const PER_GROUP = ['group_milestones', 'group_members', 'group_labels', 'group_issue_boards'];
/** Fields the connector stamps from the parent (docs/streams.md "Rules"), per stream. */
const STAMPS: Record<string, string[]> = {
  branches: ['project_id'], commits: ['project_id'], releases: ['project_id'], tags: ['project_id'], project_members: ['project_id'],
  project_labels: ['project_id'], environments: ['project_id'], deployments: ['project_id'], pipelines_extended: ['project_id'],
  jobs: ['project_id'], merge_request_commits: ['project_id'], merge_request_approvals: ['project_id'],
  group_members: ['group_id'], group_labels: ['group_id'], group_issue_boards: ['group_id'], epic_issues: ['group_id'],
};

let sim: Simulator;
let run: StreamsRun;
beforeAll(async () => {
  sim = createSimulator({ seed: 7 });
  const url = await sim.listen(0);
  run = await captureStreams(streamsConfig(url, '11 14', '1008'), ALL_STREAMS);
}, 60_000);
afterAll(async () => {
  await sim.close();
});

/** What the simulator serves for a stream over the captured parents, each with its stamped parent ids. */
function expected(stream: string): Obj[] {
  if (PER_PROJECT.includes(stream)) {
    return PROJECTS.flatMap((project_id) => sim.served(stream, { project_id }).map((o) => stamp(stream, o, { project_id })));
  }
  if (PER_GROUP.includes(stream)) return GROUPS.flatMap((group_id) => sim.served(stream, { group_id }).map((o) => stamp(stream, o, { group_id })));
  if (stream === 'epics' || stream === 'epic_issues') {
    return PREMIUM_GROUPS.flatMap((group_id) => sim.served(stream, { group_id }).map((o) => stamp(stream, o, { group_id })));
  }
  if (stream === 'merge_requests') return PROJECTS.flatMap((project_id) => sim.served(stream, { project_id }));
  if (stream === 'users') {
    const byId = new Map(PROJECTS.flatMap((project_id) => sim.served('users', { project_id })).map((u) => [u['id'], u]));
    return [...byId.values()];
  }
  throw new Error(`no expectation for ${stream}`);
}

function stamp(stream: string, o: Obj, parent: Obj): Obj {
  const out = { ...o };
  for (const f of STAMPS[stream] ?? []) out[f] = parent[f];
  // An approval state is one merge request's: the connector stamps the iid it was read under.
  if (stream === 'merge_request_approvals') out['merge_request_iid'] = o['iid'];
  return out;
}

/** Captured documents by key; fails on a key captured twice. */
function captured(stream: string): Map<string, Obj> {
  const docs = run.docs.get(stream) ?? [];
  const byKey = new Map(docs.map((d) => [keyOf(d, KEYS[stream] ?? []), d]));
  expect(byKey.size, `${stream}: a key captured twice`).toBe(docs.length);
  return byKey;
}

/** `references.relative` is relative to the list's parent, and group lists add `group_id` (gitlab-api.md §5.5, §5.6). */
function comparable(o: Obj): Obj {
  const { references, ...rest } = o;
  return references === undefined ? rest : { ...rest, references: { full: (references as Obj)['full'] } };
}

describe('a Flow capture of all 27 streams', () => {
  const derived = [...PER_PROJECT, ...PER_GROUP, 'epics', 'epic_issues', 'merge_requests', 'users'];
  for (const stream of derived) {
    it(`captures ${stream} exactly as the simulator serves it`, () => {
      const want = expected(stream);
      expect(want.length, `${stream}: the seeded world has some`).toBeGreaterThan(0);
      const got = captured(stream);
      const wantByKey = new Map(want.map((o) => [keyOf(o, KEYS[stream] ?? []), o]));
      expect([...got.keys()].sort()).toEqual([...wantByKey.keys()].sort());
      for (const [key, o] of wantByKey) expect(comparable(got.get(key) as Obj), `${stream} ${key}`).toMatchObject(comparable(o));
    });
  }

  it('captures the configured groups with their subgroups, and their projects plus the configured one', () => {
    expect([...captured('groups').keys()].map((k) => JSON.parse(k)[0]).sort()).toEqual(GROUPS);
    expect([...captured('projects').keys()].map((k) => JSON.parse(k)[0]).sort()).toEqual(PROJECTS);
    const projects = new Map(sim.projects().map((p) => [p['id'], p]));
    for (const doc of captured('projects').values()) {
      const { permissions: _, ...listed } = projects.get(doc['id']) as Obj;
      expect(doc).toMatchObject(listed);
    }
  });

  it('captures every issue of the captured projects, the issues-disabled one having none', () => {
    const want = PROJECTS.flatMap((id) => sim.issues(id));
    const got = captured('issues');
    expect(got.size).toBe(want.length);
    for (const issue of want) expect(comparable(got.get(JSON.stringify([issue['id']])) as Obj)).toMatchObject(comparable(issue));
  });

  it('flattens nested ids and stamps parent ids as today\'s capture does', () => {
    const job = (run.docs.get('jobs') ?? [])[0] as Obj;
    expect(job['runner_id']).toBe((job['runner'] as Obj | null)?.['id'] ?? null);
    expect(job['pipeline_id']).toBe((job['pipeline'] as Obj)['id']);
    const mrCommit = (run.docs.get('merge_request_commits') ?? [])[0] as Obj;
    expect(mrCommit).toMatchObject({ project_id: expect.any(Number), merge_request_iid: expect.any(Number) });
    for (const b of run.docs.get('branches') ?? []) expect(b['commit_id']).toBe((b['commit'] as Obj)['id']);
  });

  it('keeps ids above 2^31 and Unicode intact', () => {
    const big = (run.docs.get('jobs') ?? []).map((j) => Number(j['id'])).filter((id) => id > 2 ** 31);
    expect(big.length).toBeGreaterThan(0);
    expect((run.docs.get('issue_notes') ?? []).every((n) => Number(n['id']) > 2 ** 31)).toBe(true);
    const titles = (run.docs.get('epics') ?? []).map((e) => String(e['title']));
    expect(titles).toContain('Épique: 国際化 🌍');
  });

  it('reads the big lists across pages, commits by x-next-page without totals', () => {
    const pages = (path: string) => sim.requests.filter((r) => r.path === `/api/v4${path}`).length;
    expect(pages(`/projects/${BIG_PROJECT_ID}/repository/commits`)).toBeGreaterThanOrEqual(3);
    expect(pages('/groups/11/issues')).toBeGreaterThanOrEqual(3);
    expect(pages('/groups/11/merge_requests')).toBeGreaterThanOrEqual(2);
  });

  it('gets the same commit sha in the fork and its parent as two documents', () => {
    const shas = (project: number) => new Set((run.docs.get('commits') ?? []).filter((c) => c['project_id'] === project).map((c) => c['id']));
    const shared = [...shas(1011)].filter((sha) => shas(1003).has(sha));
    expect(shared.length).toBeGreaterThan(100);
  });
});
