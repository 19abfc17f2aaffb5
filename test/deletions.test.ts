/**
 * Full-refresh streams emit what vanished since the last pass as deletion documents
 * (`{...key fields, _meta: {op: 'd'}}`), and nothing else. Two Flow captures against one
 * simulator; between them a branch is deleted, a project member removed and a label deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../simulator/index.js';
import { captureStreams, streamsConfig, type Obj, type StreamsRun } from './helpers/streams-capture.js';

const STREAMS = ['branches', 'tags', 'project_members', 'group_members', 'project_labels', 'group_labels', 'users', 'project_milestones'];

let sim: Simulator;
let first: StreamsRun;
let second: StreamsRun;
let branch: string;
let label: Obj;

beforeAll(async () => {
  sim = createSimulator({ seed: 3 });
  const config = streamsConfig(await sim.listen(0), '11 14', '1008');
  first = await captureStreams(config, STREAMS);
  branch = String(sim.served('branches', { project_id: 1003 }).find((b) => b['name'] !== 'main')?.['name']);
  sim.deleteBranch(1003, branch);
  // 103 stays a member of 1003 and 1004 through Platform, so `users` keeps them.
  sim.removeMember('project', 1001, 103);
  label = sim.served('project_labels', { project_id: 1004 }).find((l) => l['is_project_label'] === true) as Obj;
  sim.deleteLabel(Number(label['id']));
  second = await captureStreams(config, STREAMS, first.state);
}, 60_000);
afterAll(async () => {
  await sim.close();
});

const deletions = (run: StreamsRun, stream: string): Obj[] => (run.docs.get(stream) ?? []).filter((d) => (d['_meta'] as Obj | undefined)?.['op'] === 'd');

describe('deletions on the next pass', () => {
  it('emits nothing as deleted on a first pass', () => {
    for (const stream of STREAMS) expect(deletions(first, stream), stream).toEqual([]);
  });

  it('emits a deleted branch as its key with op d', () => {
    expect(deletions(second, 'branches')).toEqual([{ project_id: 1003, name: branch, _meta: { op: 'd' } }]);
    expect(second.docs.get('branches')?.some((b) => b['name'] === branch && b['_meta'] === undefined)).toBe(false);
  });

  it('emits a removed project member, and keeps the user who is still a member elsewhere', () => {
    expect(deletions(second, 'project_members')).toEqual([{ project_id: 1001, id: 103, _meta: { op: 'd' } }]);
    expect(deletions(second, 'users')).toEqual([]);
    expect(second.docs.get('users')?.some((u) => u['id'] === 103)).toBe(true);
  });

  it('emits a deleted project label, only under its own project', () => {
    expect(deletions(second, 'project_labels')).toEqual([{ project_id: 1004, id: label['id'], _meta: { op: 'd' } }]);
  });

  it('deletes nothing else, and re-emits everything that is still there', () => {
    for (const stream of ['tags', 'group_members', 'group_labels', 'project_milestones']) expect(deletions(second, stream), stream).toEqual([]);
    for (const stream of STREAMS) {
      const kept = (second.docs.get(stream) ?? []).filter((d) => d['_meta'] === undefined).length;
      const removed = deletions(second, stream).length;
      expect(kept + removed, stream).toBe(first.docs.get(stream)?.length);
    }
  });
});
