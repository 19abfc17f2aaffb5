/**
 * @module CI/CD endpoints (doc/api/pipelines.md, jobs.md, deployments.md, environments.md;
 * gitlab-api.md §5.7–5.9). A project with CI/CD (or its repository) switched off answers 403.
 * - pipelines: child pipelines only with `source=parent_pipeline` (17.0+); `updated_after` is
 *   "after" (exclusive); `order_by` id (default) ... `updated_at`; `sort` desc by default;
 * - a pipeline's jobs leave out retried attempts unless `include_retried=true`;
 * - deployments: `updated_*` filters need `order_by=updated_at` (400 otherwise); `sort` asc by
 *   default, unlike most lists.
 */
import type { Job, Pipeline } from '../data/model-ci.js';
import { deploymentEntity, environmentEntity, jobEntity, pipelineDetail, pipelineEntity } from '../data/serialize-ci.js';
import { badRequest, json } from '../errors.js';
import { PAGE_DEFAULTS, offsetPage } from '../pagination.js';
import type { Route, RouteContext } from '../router.js';
import { inTimeRange, matchesSearch, projectWithFeature, recordNotFound, sortRows, type SortKey } from './lookup.js';

const PIPELINE_ORDER = ['id', 'status', 'ref', 'updated_at', 'user_id'] as const;
const PIPELINE_KEYS: Record<(typeof PIPELINE_ORDER)[number], (p: Pipeline) => SortKey> = {
  id: (p) => p.id, status: (p) => p.status, ref: (p) => p.ref, updated_at: (p) => p.updatedAt, user_id: (p) => p.userId,
};

function pipelineOf(ctx: RouteContext): Pipeline {
  const project = projectWithFeature(ctx, 'builds');
  const pipeline = ctx.db.pipelines.get(Number(ctx.path['pipeline_id']));
  if (!pipeline || pipeline.projectId !== project.id) throw recordNotFound();
  return pipeline;
}

const DEPLOYMENT_ORDER = ['id', 'iid', 'created_at', 'updated_at', 'finished_at', 'ref'] as const;

export const pipelineRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/pipelines',
    defaults: { ...PAGE_DEFAULTS, order_by: 'id', sort: 'desc' },
    handle: (ctx) => {
      const project = projectWithFeature(ctx, 'builds');
      const { params } = ctx;
      const orderBy = params.oneOf('order_by', PIPELINE_ORDER) ?? 'id';
      const sort = params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc';
      const source = params.string('source');
      const [status, ref, sha] = [params.string('status'), params.string('ref'), params.string('sha')];
      const [ua, ub, ca, cb] = ['updated_after', 'updated_before', 'created_after', 'created_before'].map((n) => params.time(n));
      const rows = ctx.db.pipelines.all().filter((p) => {
        if (p.projectId !== project.id) return false;
        // Child pipelines are listed only when asked for by source (GitLab 17.0+).
        if (source === undefined ? p.source === 'parent_pipeline' : p.source !== source) return false;
        if ((status !== undefined && p.status !== status) || (ref !== undefined && p.ref !== ref) || (sha !== undefined && p.sha !== sha)) return false;
        // The docs say "after" and "before": strict bounds (gitlab-api.md §6).
        return inTimeRange(p.updatedAt, ua, ub, true) && inTimeRange(p.createdAt, ca, cb, true);
      });
      sortRows(rows, PIPELINE_KEYS[orderBy], sort);
      return offsetPage(ctx, rows, (p) => pipelineEntity(ctx.ser, p));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/pipelines/:pipeline_id',
    handle: (ctx) => json(200, pipelineDetail(ctx.ser, pipelineOf(ctx))),
  },
  {
    method: 'GET',
    pattern: '/projects/:id/pipelines/:pipeline_id/jobs',
    defaults: { ...PAGE_DEFAULTS, include_retried: 'false' },
    handle: (ctx) => {
      const pipeline = pipelineOf(ctx);
      const includeRetried = ctx.params.bool('include_retried') ?? false;
      const scope = ctx.params.all['scope[]'] ?? ctx.params.all['scope'];
      const scopes = scope === undefined ? undefined : Array.isArray(scope) ? scope : [scope];
      const rows: Job[] = ctx.db.jobs.all().filter((j) =>
        j.pipelineId === pipeline.id && (includeRetried || !j.retried) && (scopes === undefined || scopes.includes(j.status)));
      return offsetPage(ctx, sortRows(rows, (j) => j.id, 'asc'), (j) => jobEntity(ctx.ser, j));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/deployments',
    defaults: { ...PAGE_DEFAULTS, order_by: 'id', sort: 'asc' },
    handle: (ctx) => {
      const project = projectWithFeature(ctx, 'builds');
      const { params } = ctx;
      const orderBy = params.oneOf('order_by', DEPLOYMENT_ORDER) ?? 'id';
      const sort = params.oneOf('sort', ['asc', 'desc'] as const) ?? 'asc';
      const [ua, ub] = [params.time('updated_after'), params.time('updated_before')];
      if ((ua !== undefined || ub !== undefined) && orderBy !== 'updated_at') throw badRequest('`updated_at` filter requires `updated_at` sort');
      const status = params.oneOf('status', ['created', 'running', 'success', 'failed', 'canceled', 'blocked'] as const);
      const environment = params.string('environment');
      const rows = ctx.db.deployments.all().filter((d) =>
        d.projectId === project.id && (status === undefined || d.status === status)
        && (environment === undefined || ctx.db.environments.get(d.environmentId)?.name === environment)
        && inTimeRange(d.updatedAt, ua, ub, true));
      const keys: Record<(typeof DEPLOYMENT_ORDER)[number], (d: (typeof rows)[number]) => SortKey> = {
        id: (d) => d.id, iid: (d) => d.iid, created_at: (d) => d.createdAt, updated_at: (d) => d.updatedAt,
        finished_at: (d) => d.updatedAt, ref: (d) => d.ref,
      };
      sortRows(rows, keys[orderBy], sort);
      return offsetPage(ctx, rows, (d) => deploymentEntity(ctx.ser, d));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/environments',
    defaults: PAGE_DEFAULTS,
    handle: (ctx) => {
      const project = projectWithFeature(ctx, 'builds');
      const name = ctx.params.string('name');
      const search = ctx.params.string('search');
      const states = ctx.params.oneOf('states', ['available', 'stopping', 'stopped'] as const);
      const rows = ctx.db.environments.all().filter((e) =>
        e.projectId === project.id && (name === undefined || e.name === name) && matchesSearch(search, e.name) && (states === undefined || e.state === states));
      return offsetPage(ctx, rows, (e) => environmentEntity(ctx.ser, e));
    },
  },
];
