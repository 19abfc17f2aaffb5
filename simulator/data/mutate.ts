/**
 * @module Changes tests make between (or during) reads. Each advances the clock, so what changed
 * sorts after everything before it, and bumps `db.version`. A note touches its issue or merge
 * request, as GitLab does, so the parent shows up in an `updated_after` list.
 */
import type { Clock } from '../clock.js';
import type { Db } from './model.js';
import type { MergeRequest } from './model-work.js';
import type { Rng } from './prng.js';
import { drawChain } from './seed-repo.js';
import { FIRST_MERGE_REQUEST_ID, FIRST_NOTE_ID } from './seed-work.js';
import { FIRST_JOB_ID, FIRST_PIPELINE_ID } from './seed-ci.js';

export class Mutations {
  constructor(private readonly db: Db, private readonly rng: Rng, private readonly clock: Clock) {}

  private tick(): number {
    this.db.version++;
    return this.clock.advance(1);
  }

  touchMergeRequests(ids: readonly number[]): void {
    const rows = ids.map((id) => this.db.mergeRequests.get(id) ?? fail(`touchMergeRequests: no merge request ${id}`));
    const now = this.tick();
    for (const mr of rows) mr.updatedAt = now;
  }

  /** New open merge requests, each on a new branch with one new commit. Returns their ids. */
  createMergeRequests(projectId: number, count: number): number[] {
    const repo = this.db.repositories.get(projectId) ?? fail(`createMergeRequests: project ${projectId} has no repository`);
    const out: number[] = [];
    for (let n = 0; n < count; n++) {
      const now = this.tick();
      const head = repo.branch('main')?.headSha ?? fail('no main branch');
      const [commit] = drawChain(this.rng, this.db, repo, head, 1, now, now);
      const iid = Math.max(0, ...this.db.mergeRequests.all().filter((m) => m.projectId === projectId).map((m) => m.iid)) + 1;
      const branch = `new-feature-${iid}`;
      repo.branches.push({ name: branch, headSha: commit?.sha ?? head, protected: false, merged: false });
      const mr: MergeRequest = {
        id: this.db.mergeRequests.nextId(FIRST_MERGE_REQUEST_ID), iid, projectId, title: `New feature ${iid}`, description: '',
        state: 'opened', createdAt: now, updatedAt: now, mergedAt: null, closedAt: null, authorId: this.db.currentUserId,
        assigneeIds: [], reviewerIds: [], mergedById: null, closedById: null, sourceBranch: branch, targetBranch: 'main',
        labelIds: [], milestoneId: null, draft: false, commitShas: commit ? [commit.sha] : [], mergeCommitSha: null,
        approvedBy: [], upvotes: 0, downvotes: 0,
      };
      out.push(this.db.mergeRequests.insert(mr).id);
    }
    return out;
  }

  /** A pipeline is updated (its status changes): it sorts last in `order_by=updated_at`. */
  touchPipelines(ids: readonly number[]): void {
    const rows = ids.map((id) => this.db.pipelines.get(id) ?? fail(`touchPipelines: no pipeline ${id}`));
    const now = this.tick();
    for (const p of rows) p.updatedAt = now;
  }

  /** New successful pipelines on the head of `main`, each with one job. Returns their ids. */
  createPipelines(projectId: number, count: number): number[] {
    const repo = this.db.repositories.get(projectId) ?? fail(`createPipelines: project ${projectId} has no repository`);
    const out: number[] = [];
    for (let n = 0; n < count; n++) {
      const now = this.tick();
      const sha = repo.branch('main')?.headSha ?? fail('no main branch');
      const id = this.db.pipelines.nextId(FIRST_PIPELINE_ID);
      const iid = Math.max(0, ...this.db.pipelines.all().filter((p) => p.projectId === projectId).map((p) => p.iid)) + 1;
      this.db.pipelines.insert({
        id, iid, projectId, status: 'success', source: 'push', ref: 'main', sha, beforeSha: sha, tag: false, name: null,
        userId: this.db.currentUserId, createdAt: now, updatedAt: now, startedAt: now, finishedAt: now, coverage: null, parentId: null,
      });
      this.db.jobs.insert({
        id: this.db.jobs.nextId(FIRST_JOB_ID), pipelineId: id, projectId, name: 'rspec', stage: 'test', status: 'success',
        retried: false, createdAt: now, startedAt: now, finishedAt: now, userId: this.db.currentUserId, runnerId: 7,
        allowFailure: false, tagList: [], failureReason: null, coverage: null,
      });
      out.push(id);
    }
    return out;
  }

  touchEpics(ids: readonly number[]): void {
    const rows = ids.map((id) => this.db.epics.get(id) ?? fail(`touchEpics: no epic ${id}`));
    const now = this.tick();
    for (const e of rows) e.updatedAt = now;
  }

  /** A user's note on an issue or merge request (by id); the parent's `updated_at` moves too. Returns the note id. */
  addNote(target: { readonly issueId: number } | { readonly mergeRequestId: number }, body = 'A new comment ✍️'): number {
    const now = this.tick();
    const id = this.db.notes.nextId(FIRST_NOTE_ID);
    if ('issueId' in target) {
      const issue = this.db.issues.get(target.issueId) ?? fail(`addNote: no issue ${target.issueId}`);
      issue.updatedAt = now;
      issue.userNotesCount++;
      this.db.notes.insert({ id, projectId: issue.projectId, noteableType: 'Issue', noteableId: issue.id, noteableIid: issue.iid, authorId: this.db.currentUserId, body, system: false, internal: false, createdAt: now, updatedAt: now });
    } else {
      const mr = this.db.mergeRequests.get(target.mergeRequestId) ?? fail(`addNote: no merge request ${target.mergeRequestId}`);
      mr.updatedAt = now;
      this.db.notes.insert({ id, projectId: mr.projectId, noteableType: 'MergeRequest', noteableId: mr.id, noteableIid: mr.iid, authorId: this.db.currentUserId, body, system: false, internal: false, createdAt: now, updatedAt: now });
    }
    return id;
  }

  deleteBranch(projectId: number, name: string): void {
    const repo = this.db.repositories.get(projectId) ?? fail(`deleteBranch: project ${projectId} has no repository`);
    if (name === 'main' || !repo.branch(name)) fail(`deleteBranch: cannot delete ${name} of project ${projectId}`);
    repo.branches = repo.branches.filter((b) => b.name !== name);
    this.tick();
  }

  /** Removes a direct member of a group or project. */
  removeMember(kind: 'group' | 'project', targetId: number, userId: number): void {
    const m = this.db.memberships.all().find((x) => x.kind === kind && x.targetId === targetId && x.userId === userId);
    if (!m) fail(`removeMember: user ${userId} is no direct member of ${kind} ${targetId}`);
    this.db.memberships.delete(m.id);
    this.tick();
  }

  /** Deletes a project or group label, and takes it off every issue, merge request and epic list. */
  deleteLabel(id: number): void {
    if (!this.db.labels.delete(id) && !this.db.groupLabels.delete(id)) fail(`deleteLabel: no label ${id}`);
    for (const i of this.db.issues.all()) i.labelIds = i.labelIds.filter((l) => l !== id);
    for (const m of this.db.mergeRequests.all()) m.labelIds = m.labelIds.filter((l) => l !== id);
    this.tick();
  }
}

function fail(message: string): never {
  throw new Error(message);
}
