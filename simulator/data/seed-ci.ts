/**
 * @module Seeds CI/CD: pipelines on `main` commits and merge request branches (some with a child
 * pipeline), their jobs (some failed and retried: the old attempt stays, flagged), environments,
 * and a deployment for every deploy job. Job ids cross 2^31, as they do on GitLab.com.
 */
import { FORK_PROJECT_ID, FORK_SPEC, JOB_STAGES, REPO_SPECS, RUNNERS } from './layout-more.js';
import type { Db, Millis } from './model.js';
import type { CiStatus, Job, Pipeline } from './model-ci.js';
import type { Commit } from './model-repo.js';
import type { Rng } from './prng.js';
import { DAY, SEED_END } from './seed.js';

export const FIRST_PIPELINE_ID = 40001;
/** 2^31 is 2,147,483,648: the first few dozen jobs are below it, the rest above. */
export const FIRST_JOB_ID = 2_147_483_600;
const MINUTE = 60_000;

type PipelineDraft = { -readonly [K in keyof Pipeline]: Pipeline[K] };

export function seedCi(rng: Rng, db: Db): void {
  const drafts: { p: PipelineDraft; child: boolean }[] = [];
  const counts: [number, number][] = Object.entries(REPO_SPECS).map(([id, s]) => [Number(id), s.pipelines]);
  counts.push([FORK_PROJECT_ID, FORK_SPEC.pipelines]);
  for (const [projectId, count] of counts) {
    if (!db.featureEnabled(projectId, 'builds')) continue;
    const repo = db.repositories.get(projectId);
    if (!repo) continue;
    const main = repo.reachable([repo.branch('main')?.headSha ?? '']);
    for (let n = 0; n < count; n++) {
      const commit = main[Math.min(main.length - 1, Math.floor((n * main.length) / count))] as Commit;
      const createdAt = Math.min(SEED_END - DAY, commit.committedAt + rng.int(1, 10) * MINUTE);
      const parent = draftPipeline(rng, db, projectId, commit, createdAt, null);
      drafts.push({ p: parent, child: false });
      if (rng.chance(0.25)) drafts.push({ p: draftPipeline(rng, db, projectId, commit, createdAt + MINUTE, parent), child: true });
    }
  }
  drafts.sort((a, b) => a.p.createdAt - b.p.createdAt || Number(a.child) - Number(b.child));
  const iids = new Map<number, number>();
  drafts.forEach(({ p }, n) => {
    p.id = FIRST_PIPELINE_ID + n;
    p.iid = (iids.get(p.projectId) ?? 0) + 1;
    iids.set(p.projectId, p.iid);
  });
  seedEnvironments(rng, db);
  let jobId = FIRST_JOB_ID;
  for (const { p } of drafts) {
    const parentId = (p as { parent?: PipelineDraft }).parent?.id ?? null;
    const pipeline = db.pipelines.insert({ ...withoutParent(p), parentId });
    jobId = seedJobs(rng, db, pipeline, jobId);
  }
}

function withoutParent(p: PipelineDraft): PipelineDraft {
  const { parent: _parent, ...rest } = p as PipelineDraft & { parent?: unknown };
  return rest;
}

function draftPipeline(rng: Rng, db: Db, projectId: number, commit: Commit, createdAt: Millis, parent: PipelineDraft | null): PipelineDraft {
  const draft: PipelineDraft & { parent?: PipelineDraft } = {
    id: 0, iid: 0, projectId, status: 'created', source: parent ? 'parent_pipeline' : rng.pick(['push', 'push', 'schedule', 'web'] as const),
    ref: 'main', sha: commit.sha, beforeSha: commit.parentShas[0] ?? '0000000000000000000000000000000000000000', tag: false,
    name: parent ? 'Child: integration' : rng.chance(0.5) ? 'Build pipeline' : null,
    userId: rng.pick(db.users.all().filter((u) => u.state === 'active')).id,
    createdAt, updatedAt: createdAt, startedAt: null, finishedAt: null,
    coverage: rng.chance(0.4) ? `${rng.int(50, 99)}.${rng.int(0, 9)}` : null, parentId: null,
  };
  if (parent) draft.parent = parent;
  return draft;
}

/** Jobs stage by stage; a failed job is retried once. Sets the pipeline's status and times. */
function seedJobs(rng: Rng, db: Db, pipeline: Pipeline, firstId: number): number {
  let id = firstId;
  let at = pipeline.createdAt + rng.int(5, 60) * 1000;
  const started = at;
  let failed = false;
  const env = db.environments.all().find((e) => e.projectId === pipeline.projectId && e.name === 'staging');
  for (const { stage, names } of JOB_STAGES) {
    if (stage === 'deploy' && (!env || pipeline.parentId !== null)) continue;
    for (const name of names) {
      const attempt = (status: CiStatus, retried: boolean): Job => {
        const start = at + rng.int(1, 30) * 1000;
        const finish = start + rng.int(20, 600) * 1000;
        at = finish;
        return db.jobs.insert({
          id: id++, pipelineId: pipeline.id, projectId: pipeline.projectId, name, stage, status, retried,
          createdAt: pipeline.createdAt, startedAt: start, finishedAt: finish, userId: pipeline.userId,
          runnerId: rng.pick(RUNNERS).id, allowFailure: name === 'lint', tagList: rng.sample(['docker', 'linux', 'ünïcode'], rng.int(0, 2)),
          failureReason: status === 'failed' ? 'script_failure' : null, coverage: name === 'rspec' ? rng.int(60, 95) : null,
        });
      };
      if (rng.chance(0.15)) {
        attempt('failed', true);
        const again = attempt(rng.chance(0.8) ? 'success' : 'failed', false);
        failed ||= again.status === 'failed' && !again.allowFailure;
      } else {
        attempt('success', false);
      }
    }
  }
  const row = db.pipelines.get(pipeline.id) as { -readonly [K in keyof Pipeline]: Pipeline[K] };
  Object.assign(row, { status: failed ? 'failed' : 'success', startedAt: started, finishedAt: at, updatedAt: at + 1000 });
  const deploy = db.jobs.all().find((j) => j.pipelineId === pipeline.id && j.stage === 'deploy' && !j.retried);
  if (deploy && env) {
    db.deployments.insert({
      id: 45001 + db.deployments.all().length, iid: db.deployments.all().filter((d) => d.projectId === pipeline.projectId).length + 1,
      projectId: pipeline.projectId, environmentId: env.id, ref: pipeline.ref, sha: pipeline.sha,
      status: deploy.status === 'success' ? 'success' : 'failed', userId: pipeline.userId,
      createdAt: deploy.startedAt ?? pipeline.createdAt, updatedAt: (deploy.finishedAt ?? at) + 500, jobId: deploy.id,
    });
  }
  return id;
}

function seedEnvironments(rng: Rng, db: Db): void {
  let id = 501;
  for (const project of db.projects.all()) {
    if (!db.repositories.has(project.id) || !db.featureEnabled(project.id, 'builds')) continue;
    const names = rng.chance(0.7) ? ['production', 'staging'] : ['staging'];
    if (rng.chance(0.3)) names.push('review/ünïcode-branch');
    for (const name of names) {
      const createdAt = project.createdAt + rng.int(1, 100) * DAY;
      db.environments.insert({
        id: id++, projectId: project.id, name, slug: `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${rng.int(100, 999)}`,
        externalUrl: name === 'production' ? `https://${project.path}.example.com` : null,
        state: name.startsWith('review/') ? 'stopped' : 'available',
        tier: name === 'production' ? 'production' : name === 'staging' ? 'staging' : 'development',
        createdAt, updatedAt: createdAt + rng.int(0, 50) * DAY,
      });
    }
  }
}
