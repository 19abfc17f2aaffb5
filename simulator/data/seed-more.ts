/**
 * @module Seeds everything beyond groups, projects and issues, after `seed.ts` has drawn those,
 * so their seeded contents stay what they were: the extra projects of `layout-more.ts`, group
 * plans and memberships, then repositories, merge requests, notes, group planning and CI/CD.
 */
import { LABELS } from './layout.js';
import { GROUP_PLANS, MORE_MEMBERSHIPS, MORE_PROJECTS } from './layout-more.js';
import type { Db } from './model.js';
import type { Rng } from './prng.js';
import { seedCi } from './seed-ci.js';
import { seedGroupPlanning } from './seed-groups.js';
import { seedRepositories } from './seed-repo.js';
import { seedMergeRequests, seedNotes } from './seed-work.js';
import { DAY, SEED_END } from './seed.js';

export function seedMore(rng: Rng, db: Db): void {
  for (const [groupId, plan] of Object.entries(GROUP_PLANS)) db.groupPlans.set(Number(groupId), plan);
  seedMoreProjects(rng, db);
  const firstMembership = db.memberships.nextId(201);
  MORE_MEMBERSHIPS.forEach((m, i) => {
    db.memberships.insert({ id: firstMembership + i, ...m, createdAt: Date.parse('2021-03-01T10:00:00.000Z') + i * DAY + rng.int(0, DAY) });
  });
  seedRepositories(rng, db);
  seedMergeRequests(rng, db);
  seedNotes(rng, db);
  seedGroupPlanning(rng, db);
  seedCi(rng, db);
  db.version++;
}

function seedMoreProjects(rng: Rng, db: Db): void {
  let labelId = db.labels.nextId(301);
  let milestoneId = db.milestones.nextId(701);
  MORE_PROJECTS.forEach((spec, i) => {
    const createdAt = Date.parse('2022-02-01T08:00:00.000Z') + i * 20 * DAY + rng.int(0, DAY);
    const updatedAt = rng.int(createdAt, SEED_END - 10 * DAY);
    db.projects.insert({
      id: spec.id, name: spec.name, path: spec.path, namespace: spec.namespace, description: spec.description,
      visibility: spec.visibility, archived: false, createdAt, updatedAt, lastActivityAt: rng.int(updatedAt, SEED_END),
      creatorId: rng.pick([101, 103]), defaultBranch: 'main', topics: [], starCount: rng.int(0, 5), forksCount: 0,
      mirror: false, license: null,
      statistics: { commitCount: rng.int(5, 300), repositorySize: rng.int(100_000, 9_000_000), lfsSize: 0, artifactsSize: 0 },
      sharedWith: [],
    });
    if (spec.forkOf !== undefined) db.forkedFrom.set(spec.id, spec.forkOf);
    if (spec.disabled) db.disabledFeatures.set(spec.id, new Set(spec.disabled));
    for (const label of rng.sample(LABELS, rng.int(2, 4))) {
      db.labels.insert({ id: labelId++, projectId: spec.id, ...label, description: null });
    }
    for (let iid = 1; iid <= spec.milestones; iid++) {
      db.milestones.insert({
        id: milestoneId++, iid, projectId: spec.id, title: `v${iid}.0`, description: `Release ${iid}.0`, state: 'active',
        startDate: '2024-01-01', dueDate: '2024-03-01', createdAt: createdAt + DAY, updatedAt: createdAt + 2 * DAY,
      });
    }
  });
}
