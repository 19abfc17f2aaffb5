/**
 * @module Builds the seeded world: the fixed layout (`layout.ts`) filled with contents drawn from
 * one seeded {@link Rng}. Draw order is fixed, so one seed always yields the same database.
 */
import { CLOCK_START, isoDate } from '../clock.js';
import { projectAccess } from './access.js';
import {
  BIG_PROJECT_ID, CURRENT_USER_ID, GROUPS, LABELS, MEMBERSHIPS, PROJECTS, USERS, issueTitle, userNamespaceId,
} from './layout.js';
import { AccessLevel, Db, type Issue, type Millis, type Project } from './model.js';
import { Rng } from './prng.js';
import { seedMore } from './seed-more.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Seeded activity ends a day before the clock starts, so anything the clock stamps is newer. */
export const SEED_END = CLOCK_START - DAY;
export const FIRST_ISSUE_ID = 5001;

/**
 * In the big project's `order_by=updated_at&sort=asc` list, these 1-based positions share one
 * `updated_at`: the tie straddles the boundary between pages 1 and 2 at `per_page=100`.
 */
export const TIE_POSITIONS = [99, 100, 101, 102] as const;

export function seedDatabase(rng: Rng, bigProjectIssues: number): Db {
  const db = new Db(CURRENT_USER_ID);
  const base = Date.parse('2018-01-15T09:00:00.000Z');
  USERS.forEach((u, i) => {
    db.users.insert({
      ...u, hasAvatar: i % 2 === 0, namespaceId: userNamespaceId(u.id),
      createdAt: base + i * 30 * DAY + rng.int(0, DAY),
    });
  });
  GROUPS.forEach((g, i) => {
    db.groups.insert({ ...g, hasAvatar: i === 0, createdAt: base + 365 * DAY + i * 40 * DAY + rng.int(0, DAY) });
  });
  MEMBERSHIPS.forEach((m, i) => {
    db.memberships.insert({ id: 201 + i, ...m, createdAt: base + 500 * DAY + i * DAY + rng.int(0, DAY) });
  });
  PROJECTS.forEach((spec, i) => {
    const createdAt = Date.parse('2020-01-01T08:00:00.000Z') + i * 60 * DAY + rng.int(0, DAY);
    const updatedAt = rng.int(createdAt, SEED_END - 10 * DAY);
    db.projects.insert({
      id: spec.id, name: spec.name, path: spec.path, namespace: spec.namespace, description: spec.description,
      visibility: spec.visibility, archived: spec.archived ?? false, createdAt, updatedAt,
      lastActivityAt: rng.int(updatedAt, SEED_END), creatorId: spec.namespace.kind === 'user' ? 102 : rng.pick([101, 102, 103]),
      defaultBranch: 'main', topics: rng.sample(['api', 'web', 'infra', 'docs', 'ruby', 'typescript'], rng.int(0, 2)),
      starCount: rng.int(0, 40), forksCount: rng.int(0, 5), mirror: spec.mirror ?? false,
      license: rng.pick(['mit', 'apache-2.0', null] as const),
      statistics: {
        commitCount: rng.int(10, 5000), repositorySize: rng.int(100_000, 90_000_000),
        lfsSize: rng.chance(0.3) ? rng.int(1000, 5_000_000) : 0, artifactsSize: rng.int(0, 10_000_000),
      },
      sharedWith: spec.sharedWith ?? [],
    });
  });
  seedLabelsAndMilestones(rng, db);
  seedIssues(rng, db, bigProjectIssues);
  seedMore(rng, db);
  return db;
}

function seedLabelsAndMilestones(rng: Rng, db: Db): void {
  let labelId = 301;
  let milestoneId = 701;
  for (const spec of PROJECTS) {
    const project = db.projects.get(spec.id) as Project;
    for (const label of rng.sample(LABELS, rng.int(4, LABELS.length))) {
      db.labels.insert({ id: labelId++, projectId: project.id, ...label, description: rng.chance(0.5) ? `Issues about ${label.name}` : null });
    }
    for (let iid = 1; iid <= spec.milestones; iid++) {
      const createdAt = project.createdAt + rng.int(DAY, 200 * DAY);
      const start = createdAt + rng.int(0, 30) * DAY;
      const closed = iid < spec.milestones;
      db.milestones.insert({
        id: milestoneId++, iid, projectId: project.id, title: `v${iid}.0`, description: `Release ${iid}.0`,
        state: closed ? 'closed' : 'active', startDate: isoDate(start), dueDate: isoDate(start + 60 * DAY),
        createdAt, updatedAt: createdAt + rng.int(0, 90 * DAY),
      });
    }
  }
}

/** An issue being drawn: ids are filled in last, once creation order across projects is known. */
export type Draft = { -readonly [K in keyof Issue]: Issue[K] };

function seedIssues(rng: Rng, db: Db, bigProjectIssues: number): void {
  const drafts: Draft[] = [];
  for (const spec of PROJECTS) {
    const project = db.projects.get(spec.id) as Project;
    const count = spec.issues === 'big' ? bigProjectIssues : spec.issues;
    const mine: Draft[] = [];
    for (let i = 0; i < count; i++) {
      const createdAt = rng.int(project.createdAt + DAY, SEED_END - 2 * DAY);
      const updatedAt = rng.chance(0.2) ? createdAt : Math.min(SEED_END, createdAt + rng.int(1, 90 * DAY));
      mine.push(draftIssue(rng, db, project, createdAt, updatedAt));
    }
    if (project.id === BIG_PROJECT_ID) makeUpdatedAtTie(rng, mine);
    for (const d of mine) settleClosedAt(rng, d);
    drafts.push(...mine);
  }
  // Ids grow with creation time across the instance, iids within each project, as in GitLab.
  const ordered = drafts.map((d, i) => ({ d, i })).sort((a, b) => a.d.createdAt - b.d.createdAt || a.i - b.i);
  const iids = new Map<number, number>();
  ordered.forEach(({ d }, n) => {
    d.iid = (iids.get(d.projectId) ?? 0) + 1;
    d.id = FIRST_ISSUE_ID + n;
    iids.set(d.projectId, d.iid);
    db.addIssue(d);
  });
}

/**
 * Makes every `updated_at` in the project distinct, then gives {@link TIE_POSITIONS} one shared
 * value, so the only tie in the ascending list is the one that straddles a page boundary.
 */
function makeUpdatedAtTie(rng: Rng, drafts: Draft[]): void {
  const sorted = [...drafts].sort((a, b) => a.updatedAt - b.updatedAt);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as Draft;
    const cur = sorted[i] as Draft;
    if (cur.updatedAt <= prev.updatedAt) cur.updatedAt = prev.updatedAt + 1;
  }
  const [first, ...rest] = TIE_POSITIONS.map((p) => sorted[p - 1]);
  if (!first || rest.some((d) => !d)) return; // fewer issues than the tie needs
  for (const d of rest as Draft[]) {
    d.updatedAt = first.updatedAt;
    if (d.createdAt > d.updatedAt) d.createdAt = d.updatedAt - rng.int(HOUR, 30 * DAY);
  }
}

function settleClosedAt(rng: Rng, d: Draft): void {
  if (d.state !== 'closed') return;
  // Closing an issue updates it, so closed_at lies between created_at and updated_at.
  d.closedAt = rng.chance(0.5) ? d.updatedAt : rng.int(d.createdAt, d.updatedAt);
}

/** Random contents of one issue; used by the seed and by `createIssues`. */
export function draftIssue(rng: Rng, db: Db, project: Project, createdAt: Millis, updatedAt: Millis): Draft {
  const users = db.users.all().filter((u) => u.state === 'active').map((u) => u.id);
  // Confidential only where the token's user can read it, so issues() matches what is served.
  const mayBeConfidential = projectAccess(db, db.currentUserId, project) >= AccessLevel.reporter;
  const authorId = rng.chance(0.3) ? db.currentUserId : rng.pick(users);
  const closed = rng.chance(0.35);
  const tasks = rng.chance(0.3) ? rng.int(1, 5) : 0;
  const done = tasks > 0 ? rng.int(0, tasks) : 0;
  const incident = rng.chance(0.05);
  const milestones = db.milestones.all().filter((m) => m.projectId === project.id);
  const labels = db.labels.all().filter((l) => l.projectId === project.id);
  const checklist = Array.from({ length: tasks }, (_, i) => `- [${i < done ? 'x' : ' '}] step ${i + 1}`);
  return {
    id: 0,
    iid: 0,
    projectId: project.id,
    title: issueTitle((items) => rng.pick(items), rng.chance(0.12)),
    description: ['Steps to reproduce are in the linked thread.', ...checklist].join('\n'),
    state: closed ? 'closed' : 'opened',
    createdAt, updatedAt,
    closedAt: null,
    closedById: closed ? rng.pick(users) : null,
    authorId,
    assigneeIds: rng.sample(users, rng.pick([0, 1, 1, 2])),
    milestoneId: milestones.length > 0 && rng.chance(0.5) ? rng.pick(milestones).id : null,
    labelIds: rng.sample(labels, rng.int(0, 3)).map((l) => l.id),
    upvotes: rng.int(0, 5), downvotes: rng.chance(0.2) ? rng.int(1, 2) : 0,
    userNotesCount: rng.int(0, 12), mergeRequestsCount: rng.int(0, 2),
    dueDate: rng.chance(0.3) ? isoDate(createdAt + rng.int(7, 60) * DAY) : null,
    confidential: mayBeConfidential && rng.chance(0.1),
    // GitLab sends null for a boolean that was never set (gitlab-api.md §6).
    discussionLocked: rng.pick([null, null, false, true] as const),
    weight: rng.chance(0.5) ? rng.int(1, 8) : null,
    timeEstimate: rng.pick([0, 0, 3600, 7200, 14_400, 28_800]),
    timeSpent: rng.pick([0, 0, 1800, 5400]),
    issueType: incident ? 'incident' : 'issue',
    severity: incident ? rng.pick(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const) : 'UNKNOWN',
  };
}
