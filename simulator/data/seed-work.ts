/**
 * @module Seeds merge requests (merged ones over `main` commits, open and closed ones on their own
 * branches), notes on issues and merge requests (issues' `user_notes_count` is made to match),
 * and approvals. Ids grow with creation time across projects, iids within each project.
 */
import { BRANCH_WORDS, FORK_PROJECT_ID, FORK_SPEC, REPO_SPECS } from './layout-more.js';
import { issueTitle } from './layout.js';
import type { Db, Millis } from './model.js';
import type { Commit } from './model-repo.js';
import type { MergeRequest, Note } from './model-work.js';
import type { Rng } from './prng.js';
import { drawChain } from './seed-repo.js';
import { DAY, HOUR, SEED_END } from './seed.js';

export const FIRST_MERGE_REQUEST_ID = 20001;
/** Note ids are above 2^31, as on GitLab.com: a 32-bit integer column would overflow. */
export const FIRST_NOTE_ID = 3_000_000_001;

type MrDraft = { -readonly [K in keyof MergeRequest]: MergeRequest[K] };

export function seedMergeRequests(rng: Rng, db: Db): void {
  const drafts: MrDraft[] = [];
  const counts: [number, number][] = Object.entries(REPO_SPECS).map(([id, s]) => [Number(id), s.mergeRequests]);
  counts.push([FORK_PROJECT_ID, FORK_SPEC.mergeRequests]);
  for (const [projectId, count] of counts) {
    for (let n = 0; n < count; n++) drafts.push(draftMergeRequest(rng, db, projectId, n));
  }
  const ordered = drafts.map((d, i) => ({ d, i })).sort((a, b) => a.d.createdAt - b.d.createdAt || a.i - b.i);
  const iids = new Map<number, number>();
  ordered.forEach(({ d }, n) => {
    d.iid = (iids.get(d.projectId) ?? 0) + 1;
    d.id = FIRST_MERGE_REQUEST_ID + n;
    iids.set(d.projectId, d.iid);
    db.mergeRequests.insert(d);
  });
}

function draftMergeRequest(rng: Rng, db: Db, projectId: number, n: number): MrDraft {
  const repo = db.repositories.get(projectId);
  if (!repo) throw new Error(`Implementation error: project ${projectId} has no repository`);
  const mainCommits = repo.reachable([repo.branch('main')?.headSha ?? '']).reverse();
  const users = db.users.all().filter((u) => u.state === 'active').map((u) => u.id);
  const labels = db.labels.all().filter((l) => l.projectId === projectId);
  const milestones = db.milestones.all().filter((m) => m.projectId === projectId);
  const state = rng.pick(['merged', 'merged', 'merged', 'opened', 'opened', 'closed'] as const);
  let commits: Commit[];
  let sourceBranch: string;
  if (state === 'merged') {
    const end = rng.int(1, mainCommits.length - 1);
    commits = mainCommits.slice(Math.max(1, end - rng.int(0, 2)), end + 1);
    sourceBranch = `${rng.pick(BRANCH_WORDS)}-${n + 1}`;
  } else {
    const base = rng.pick(mainCommits);
    sourceBranch = `${rng.pick(BRANCH_WORDS)}-${n + 1}`;
    const from = base.committedAt + HOUR;
    commits = drawChain(rng, db, repo, base.sha, rng.int(1, 3), from, Math.min(SEED_END - 2 * DAY, from + 5 * DAY));
    repo.branches.push({ name: sourceBranch, headSha: (commits[commits.length - 1] as Commit).sha, protected: false, merged: false });
  }
  const first = commits[0] as Commit;
  const last = commits[commits.length - 1] as Commit;
  const createdAt = first.committedAt + rng.int(1, 60) * 60_000;
  const doneAt = Math.min(SEED_END - DAY, last.committedAt + rng.int(1, 48) * HOUR);
  const closed = state !== 'opened';
  const updatedAt = closed ? doneAt : Math.min(SEED_END, Math.max(createdAt, last.committedAt) + rng.int(1, 72) * HOUR);
  const approvers = rng.sample(users.filter((u) => u !== 101), state === 'merged' ? rng.int(1, 2) : rng.int(0, 1));
  return {
    id: 0, iid: 0, projectId, title: issueTitle((xs) => rng.pick(xs), rng.chance(0.15)), description: `Closes nothing yet.\n\n${last.title}`,
    state, createdAt, updatedAt: Math.max(updatedAt, createdAt),
    mergedAt: state === 'merged' ? doneAt : null, closedAt: state === 'closed' ? doneAt : null,
    authorId: rng.pick(users), assigneeIds: rng.sample(users, rng.pick([0, 1, 1])), reviewerIds: rng.sample(users, rng.int(0, 2)),
    mergedById: state === 'merged' ? rng.pick(users) : null, closedById: state === 'closed' ? rng.pick(users) : null,
    sourceBranch, targetBranch: 'main', labelIds: rng.sample(labels, rng.int(0, 2)).map((l) => l.id),
    milestoneId: milestones.length > 0 && rng.chance(0.4) ? rng.pick(milestones).id : null,
    draft: state === 'opened' && rng.chance(0.2), commitShas: commits.map((c) => c.sha),
    mergeCommitSha: null, approvedBy: approvers, upvotes: rng.int(0, 4), downvotes: rng.chance(0.1) ? 1 : 0,
  };
}

type NoteDraft = Omit<Note, 'id'>;

/** Notes on every issue and merge request, ids in creation order; issues' counts made to match. */
export function seedNotes(rng: Rng, db: Db): void {
  const drafts: NoteDraft[] = [];
  const users = db.users.all().filter((u) => u.state === 'active').map((u) => u.id);
  const between = (from: Millis, to: Millis): Millis => (to > from ? rng.int(from, to) : from);
  for (const issue of db.issues.all()) {
    const count = Math.min(issue.userNotesCount, 6);
    issue.userNotesCount = count;
    for (let i = 0; i < count; i++) {
      const at = between(issue.createdAt, issue.updatedAt);
      drafts.push({ projectId: issue.projectId, noteableType: 'Issue', noteableId: issue.id, noteableIid: issue.iid, authorId: rng.pick(users), body: rng.chance(0.2) ? 'Looks good 👍 — merci!' : 'I can reproduce this on main.', system: false, internal: rng.chance(0.1), createdAt: at, updatedAt: at });
    }
    if (issue.closedAt !== null) {
      drafts.push({ projectId: issue.projectId, noteableType: 'Issue', noteableId: issue.id, noteableIid: issue.iid, authorId: issue.closedById ?? issue.authorId, body: 'closed', system: true, internal: false, createdAt: issue.closedAt, updatedAt: issue.closedAt });
    }
  }
  for (const mr of db.mergeRequests.all()) {
    for (let i = rng.int(0, 4); i > 0; i--) {
      const at = between(mr.createdAt, mr.updatedAt);
      drafts.push({ projectId: mr.projectId, noteableType: 'MergeRequest', noteableId: mr.id, noteableIid: mr.iid, authorId: rng.pick(users), body: 'Could we add a test for this?', system: false, internal: false, createdAt: at, updatedAt: at });
    }
    for (const userId of mr.approvedBy) {
      const at = between(mr.createdAt, mr.updatedAt);
      drafts.push({ projectId: mr.projectId, noteableType: 'MergeRequest', noteableId: mr.id, noteableIid: mr.iid, authorId: userId, body: 'approved this merge request', system: true, internal: false, createdAt: at, updatedAt: at });
    }
  }
  drafts.sort((a, b) => a.createdAt - b.createdAt);
  drafts.forEach((d, n) => db.notes.insert({ id: FIRST_NOTE_ID + n, ...d }));
}
