/**
 * @module What the simulator offers tests beyond groups, projects and issues: `served`, the
 * objects each stream's endpoint serves (see `served.ts`), and the mutations of `mutate.ts`.
 * `Simulator` extends this interface; `SimulatorImpl` delegates to {@link WorldControlsImpl}.
 */
import type { Clock } from '../clock.js';
import type { Db } from './model.js';
import { Mutations } from './mutate.js';
import type { Rng } from './prng.js';
import { served, type ServedParent } from './served.js';
import type { JsonObject, SerializeContext } from './serialize.js';

export type { ServedParent } from './served.js';

export interface WorldControls {
  /**
   * What the endpoint of `stream` (a docs/streams.md name) serves for one parent, in the list's
   * shape, with every page, child pipelines and retried jobs included; [] where the feature is off.
   * `merge_request_commits` objects carry the `merge_request_iid` they were listed under.
   * @example sim.served('jobs', { project_id: 1003, pipeline_id: 40012 })
   */
  served(stream: string, parent: ServedParent): JsonObject[];
  touchMergeRequests(ids: readonly number[]): void;
  /** Open merge requests on new branches; returns their ids. */
  createMergeRequests(projectId: number, count: number): number[];
  touchPipelines(ids: readonly number[]): void;
  /** Successful pipelines on `main` with one job each; returns their ids. */
  createPipelines(projectId: number, count: number): number[];
  touchEpics(ids: readonly number[]): void;
  /** A note on an issue or merge request (by id), touching it; returns the note's id. */
  addNote(target: { readonly issueId: number } | { readonly mergeRequestId: number }, body?: string): number;
  deleteBranch(projectId: number, name: string): void;
  removeMember(kind: 'group' | 'project', targetId: number, userId: number): void;
  /** A project or group label, by id. */
  deleteLabel(id: number): void;
}

export class WorldControlsImpl implements WorldControls {
  private readonly mutations: Mutations;

  constructor(db: Db, rng: Rng, clock: Clock, private readonly ser: () => SerializeContext) {
    this.mutations = new Mutations(db, rng, clock);
  }

  served(stream: string, parent: ServedParent): JsonObject[] {
    return served(this.ser(), stream, parent);
  }
  touchMergeRequests(ids: readonly number[]): void {
    this.mutations.touchMergeRequests(ids);
  }
  createMergeRequests(projectId: number, count: number): number[] {
    return this.mutations.createMergeRequests(projectId, count);
  }
  touchPipelines(ids: readonly number[]): void {
    this.mutations.touchPipelines(ids);
  }
  createPipelines(projectId: number, count: number): number[] {
    return this.mutations.createPipelines(projectId, count);
  }
  touchEpics(ids: readonly number[]): void {
    this.mutations.touchEpics(ids);
  }
  addNote(target: { readonly issueId: number } | { readonly mergeRequestId: number }, body?: string): number {
    return this.mutations.addNote(target, body);
  }
  deleteBranch(projectId: number, name: string): void {
    this.mutations.deleteBranch(projectId, name);
  }
  removeMember(kind: 'group' | 'project', targetId: number, userId: number): void {
    this.mutations.removeMember(kind, targetId, userId);
  }
  deleteLabel(id: number): void {
    this.mutations.deleteLabel(id);
  }
}
