/**
 * @module Seeds repositories: a linear `main` per project, tags (annotated and lightweight) and
 * releases on some of them, and a fork whose history is the first part of its parent's (same
 * shas). Merge request branches are added by `seed-work.ts`.
 */
import { FORK_PROJECT_ID, FORK_SPEC, REPO_SPECS } from './layout-more.js';
import { type Db, type Millis, type Project } from './model.js';
import { Repository, type Commit } from './model-repo.js';
import type { Rng } from './prng.js';
import { DAY, HOUR, SEED_END } from './seed.js';

const OFFSETS = [0, 60, 120, 180, -420, 330, 540, -300];
const SUBJECTS = ['Fix flaky test', 'Bump dependencies', 'Add retry to webhook client', 'Update README', 'Refactor settings page', 'Ünïcode in commit titles ✓', 'Speed up CI cache', 'Remove dead code', '修正: 日付の表示'];

export function randomSha(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += rng.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return s;
}

export function drawCommit(rng: Rng, db: Db, parents: readonly string[], committedAt: Millis): Commit {
  const users = db.users.all().filter((u) => u.state === 'active').map((u) => u.id);
  const authorId = rng.pick(users);
  const title = rng.pick(SUBJECTS);
  return {
    sha: randomSha(rng), parentShas: [...parents], title,
    message: rng.chance(0.4) ? `${title}\n\nSigned-off-by: ${db.users.get(authorId)?.name ?? ''}\n` : title,
    authorId, committerId: rng.chance(0.8) ? authorId : rng.pick(users),
    authoredAt: committedAt - rng.int(0, 2 * HOUR), committedAt, offsetMinutes: rng.pick(OFFSETS),
    additions: rng.int(0, 400), deletions: rng.int(0, 150),
  };
}

/** `count` commits on a new chain from `parent`, evenly spread over [from, to]. */
export function drawChain(rng: Rng, db: Db, repo: Repository, parent: string | null, count: number, from: Millis, to: Millis): Commit[] {
  const out: Commit[] = [];
  const step = Math.max(1, Math.floor((to - from) / Math.max(1, count)));
  let prev = parent;
  for (let i = 0; i < count; i++) {
    const c = repo.add(drawCommit(rng, db, prev === null ? [] : [prev], from + i * step + rng.int(0, Math.max(0, step - 1))));
    out.push(c);
    prev = c.sha;
  }
  return out;
}

export function seedRepositories(rng: Rng, db: Db): void {
  for (const [id, spec] of Object.entries(REPO_SPECS)) {
    const project = db.projects.get(Number(id)) as Project;
    const repo = new Repository();
    const main = drawChain(rng, db, repo, null, spec.commits, project.createdAt + DAY, SEED_END - 5 * DAY);
    const head = main[main.length - 1] as Commit;
    repo.branches.push({ name: project.defaultBranch, headSha: head.sha, protected: true, merged: false });
    seedTags(rng, db, project, repo, main, spec.tags);
    db.repositories.set(project.id, repo);
  }
  seedFork(rng, db);
}

function seedTags(rng: Rng, db: Db, project: Project, repo: Repository, main: readonly Commit[], count: number): void {
  const milestones = db.milestones.all().filter((m) => m.projectId === project.id);
  for (let i = 0; i < count; i++) {
    const commit = main[Math.floor(((i + 1) * (main.length - 1)) / (count + 1))] as Commit;
    const annotated = rng.chance(0.7);
    const name = `v${i + 1}.${rng.int(0, 9)}.0`;
    const createdAt = annotated ? commit.committedAt + rng.int(1, 6) * HOUR : null;
    repo.tags.push({
      name, sha: commit.sha, message: annotated ? `Release ${name}` : null, createdAt,
      targetSha: annotated ? randomSha(rng) : commit.sha, protected: rng.chance(0.5),
    });
    if (annotated && createdAt !== null) {
      repo.releases.push({
        tagName: name, name: `${project.name} ${name}`, description: `## Changes\n\n- ${commit.title}`,
        createdAt: createdAt + HOUR, releasedAt: createdAt + HOUR,
        authorId: rng.pick([101, 102, 103]),
        milestoneIds: milestones.length > 0 && rng.chance(0.5) ? [rng.pick(milestones).id] : [],
      });
    }
  }
}

/** The fork: 1003's first commits (shared objects, same shas), then its own. */
function seedFork(rng: Rng, db: Db): void {
  const parentRepo = db.repositories.get(1003);
  const fork = db.projects.get(FORK_PROJECT_ID);
  if (!parentRepo || !fork) return;
  const history = [...parentRepo.reachable([parentRepo.branch('main')?.headSha ?? ''])].reverse();
  const shared = history.slice(0, FORK_SPEC.sharedCommits);
  const repo = new Repository();
  for (const c of shared) repo.add(c);
  const base = shared[shared.length - 1] as Commit;
  const own = drawChain(rng, db, repo, base.sha, FORK_SPEC.ownCommits, base.committedAt + DAY, SEED_END - 4 * DAY);
  repo.branches.push({ name: 'main', headSha: (own[own.length - 1] as Commit).sha, protected: true, merged: false });
  db.repositories.set(fork.id, repo);
}
