/**
 * @module CI/CD entities: pipelines in the list shape (`pipelines.json`) and the richer single
 * shape (`pipeline_single.json`), jobs (`pipeline_jobs.json`), deployments (`deployments.json`)
 * and environments (doc/api/environments.md). Jobs have no `updated_at` (gitlab-api.md §7).
 */
import { isoTime } from '../clock.js';
import { RUNNERS } from './layout-more.js';
import type { Deployment, Environment, Job, Pipeline } from './model-ci.js';
import { userBasic, type JsonObject, type SerializeContext } from './serialize.js';
import { userProfile } from './serialize-user.js';

const time = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));
const seconds = (from: number | null, to: number | null): number | null => (from === null || to === null ? null : (to - from) / 1000);

function projectPath(ctx: SerializeContext, projectId: number): string {
  const p = ctx.db.projects.get(projectId);
  return p ? ctx.db.pathWithNamespace(p) : '';
}

export function pipelineEntity(ctx: SerializeContext, p: Pipeline): JsonObject {
  return {
    id: p.id, iid: p.iid, project_id: p.projectId, sha: p.sha, ref: p.ref, status: p.status, source: p.source,
    created_at: isoTime(p.createdAt), updated_at: isoTime(p.updatedAt),
    web_url: `${ctx.base}/${projectPath(ctx, p.projectId)}/-/pipelines/${p.id}`, name: p.name,
  };
}

export function pipelineDetail(ctx: SerializeContext, p: Pipeline): JsonObject {
  const duration = seconds(p.startedAt, p.finishedAt);
  return {
    ...pipelineEntity(ctx, p),
    before_sha: p.beforeSha, tag: p.tag, yaml_errors: null, user: userBasic(ctx, p.userId),
    started_at: time(p.startedAt), finished_at: time(p.finishedAt), committed_at: null,
    duration: duration === null ? null : Math.round(duration), queued_duration: seconds(p.createdAt, p.startedAt),
    coverage: p.coverage,
    detailed_status: {
      icon: `status_${p.status}`, text: p.status === 'success' ? 'passed' : p.status, label: p.status === 'success' ? 'passed' : p.status,
      group: p.status, tooltip: p.status === 'success' ? 'passed' : p.status, has_details: false,
      details_path: `/${projectPath(ctx, p.projectId)}/-/pipelines/${p.id}`, illustration: null,
      favicon: `/assets/ci_favicons/favicon_status_${p.status}.png`,
    },
    archived: false,
  };
}

export function jobEntity(ctx: SerializeContext, j: Job): JsonObject {
  const { db } = ctx;
  const pipeline = db.pipelines.get(j.pipelineId);
  const project = db.projects.get(j.projectId);
  const commit = pipeline && db.repositories.get(j.projectId)?.commits.get(pipeline.sha);
  const author = commit ? db.users.get(commit.authorId) : undefined;
  const runner = RUNNERS.find((r) => r.id === j.runnerId);
  const user = db.users.get(j.userId);
  return {
    commit: commit ? {
      author_email: `${author?.username ?? ''}@example.com`, author_name: author?.name ?? '', created_at: isoTime(commit.committedAt),
      id: commit.sha, message: commit.message, short_id: commit.sha.slice(0, 8), title: commit.title,
    } : null,
    coverage: j.coverage, archived: false, source: pipeline?.source ?? 'push', allow_failure: j.allowFailure,
    created_at: isoTime(j.createdAt), started_at: time(j.startedAt), finished_at: time(j.finishedAt), erased_at: null,
    duration: seconds(j.startedAt, j.finishedAt), queued_duration: seconds(j.createdAt, j.startedAt),
    artifacts_expire_at: j.finishedAt === null ? null : isoTime(j.finishedAt + 30 * 86_400_000),
    tag_list: [...j.tagList], id: j.id, name: j.name,
    pipeline: pipeline ? { id: pipeline.id, project_id: pipeline.projectId, ref: pipeline.ref, sha: pipeline.sha, status: pipeline.status } : null,
    ref: pipeline?.ref ?? 'main', artifacts: [],
    runner: runner ? {
      id: runner.id, description: runner.description, ip_address: null, active: true, paused: false,
      is_shared: runner.isShared, runner_type: runner.runnerType, name: 'gitlab-runner', online: true, status: 'online',
    } : null,
    runner_manager: null, stage: j.stage, status: j.status, failure_reason: j.failureReason, tag: pipeline?.tag ?? false,
    web_url: `${ctx.base}/${project ? db.pathWithNamespace(project) : ''}/-/jobs/${j.id}`,
    project: { ci_job_token_scope_enabled: false },
    user: user ? { ...userProfile(ctx, user), public_email: null } : null,
  };
}

export function environmentEntity(ctx: SerializeContext, e: Environment): JsonObject {
  return {
    id: e.id, name: e.name, slug: e.slug, description: null, external_url: e.externalUrl, state: e.state, tier: e.tier,
    created_at: isoTime(e.createdAt), updated_at: isoTime(e.updatedAt), auto_stop_at: null, auto_stop_setting: 'always',
    kubernetes_namespace: null, flux_resource_path: null,
  };
}

export function deploymentEntity(ctx: SerializeContext, d: Deployment): JsonObject {
  const env = ctx.db.environments.get(d.environmentId);
  const job = d.jobId === null ? undefined : ctx.db.jobs.get(d.jobId);
  return {
    created_at: isoTime(d.createdAt), updated_at: isoTime(d.updatedAt), status: d.status,
    deployable: job ? jobEntity(ctx, job) : null,
    environment: env ? { id: env.id, name: env.name, external_url: env.externalUrl } : null,
    id: d.id, iid: d.iid, ref: d.ref, sha: d.sha, user: userBasic(ctx, d.userId),
  };
}
