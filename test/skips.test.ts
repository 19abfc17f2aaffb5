/**
 * A 403 on one parent's sub-resource (a feature switched off, a plan without epics) skips that
 * parent for that stream: a warning names the stream, the project or group and the status, and
 * every other parent is captured in full. One Flow capture of explicitly configured projects
 * with issues (1012), the repository (1013) or CI/CD (1014) switched off, plus a Free group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CI_DISABLED_PROJECT_ID, ISSUES_DISABLED_PROJECT_ID, REPOSITORY_DISABLED_PROJECT_ID, createSimulator, type Simulator,
} from '../simulator/index.js';
import { captureStreams, keyOf, streamsConfig, warnings, type Obj, type StreamsRun } from './helpers/streams-capture.js';

const STREAMS = ['issues', 'branches', 'commits', 'tags', 'releases', 'merge_requests', 'pipelines', 'jobs', 'deployments', 'environments', 'project_labels', 'epics'];
const PROJECTS = [1001, 1006, 1007, ISSUES_DISABLED_PROJECT_ID, REPOSITORY_DISABLED_PROJECT_ID, CI_DISABLED_PROJECT_ID];
const KEYS: Record<string, string[]> = {
  issues: ['/id'], branches: ['/project_id', '/name'], commits: ['/project_id', '/id'], tags: ['/project_id', '/name'],
  releases: ['/project_id', '/tag_name'], merge_requests: ['/id'], pipelines: ['/id'], jobs: ['/id'], deployments: ['/id'],
  environments: ['/id'], project_labels: ['/project_id', '/id'],
};

let sim: Simulator;
let run: StreamsRun;
beforeAll(async () => {
  sim = createSimulator({ seed: 5 });
  const config = streamsConfig(await sim.listen(0), '14', `${ISSUES_DISABLED_PROJECT_ID} ${REPOSITORY_DISABLED_PROJECT_ID} ${CI_DISABLED_PROJECT_ID} 1001`);
  run = await captureStreams(config, STREAMS);
}, 60_000);
afterAll(async () => {
  await sim.close();
});

describe('parents skipped on 403', () => {
  it('warns once per skipped stream and parent, naming the stream, the parent and the status', () => {
    const skipped = warnings(run.stderr)
      .filter((w) => w.message === 'skipping parent')
      .map((w) => `${String(w.fields['stream'])} ${w.fields['project_id'] !== undefined ? `project_id=${String(w.fields['project_id'])}` : `group_id=${String(w.fields['group_id'])}`} ${String(w.fields['status'])}`);
    const repo = ['branches', 'commits', 'tags', 'releases', 'merge_requests', 'deployments', 'environments'].map((s) => `${s} project_id=1013 403`);
    const ci = ['deployments', 'environments'].map((s) => `${s} project_id=1014 403`);
    // Pipelines are two lists per project (child pipelines apart): each is skipped.
    const pipelines = [1013, 1013, 1014, 1014].map((id) => `pipelines project_id=${id} 403`);
    expect(skipped.sort()).toEqual([...repo, ...ci, ...pipelines, 'issues project_id=1012 403', 'epics group_id=14 403'].sort());
  });

  it('loses nothing from the parents that were readable', () => {
    for (const stream of Object.keys(KEYS)) {
      const pointers = KEYS[stream] ?? [];
      const want = PROJECTS.flatMap((project_id) => {
        if (stream === 'issues') return sim.issues(project_id).filter(() => project_id !== ISSUES_DISABLED_PROJECT_ID);
        return sim.served(stream, { project_id }).map((o) => ({ ...o, project_id }));
      });
      const got = (run.docs.get(stream) ?? []).map((d) => keyOf(d, pointers)).sort();
      expect(got, stream).toEqual(want.map((o: Obj) => keyOf(o, pointers)).sort());
      expect(want.length, `${stream} has data to lose`).toBeGreaterThan(0);
    }
  });

  it('reports the skips in the summary and still ends successfully', () => {
    expect(run.code).toBe(0);
    const done = run.stderr.split('\n').filter((l) => l.includes('"capture pass done"')).map((l) => JSON.parse(l) as { fields: Obj });
    expect(done).toHaveLength(1);
    expect(done[0]?.fields['skipped']).toBe(15);
  });
});
