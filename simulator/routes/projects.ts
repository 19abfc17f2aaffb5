/**
 * @module Project endpoints (doc/api/projects.md, doc/api/groups.md § List projects;
 * gitlab-api.md §5.1): `/projects` (offset or keyset by id), `/projects/:id`, and
 * `/groups/:id/projects` (own projects; subgroups only with `include_subgroups=true`; projects
 * shared with the group unless `with_shared=false`).
 */
import { canReadProject, isProjectMember, projectAccess } from '../data/access.js';
import { AccessLevel, type Project } from '../data/model.js';
import { projectEntity, type ProjectView } from '../data/serialize-project.js';
import { ApiError, badRequest, json } from '../errors.js';
import { PAGE_DEFAULTS, keysetPage, offsetPage } from '../pagination.js';
import type { Route, RouteContext } from '../router.js';
import { matchesSearch, sortRows, visibleGroup, visibleProject, type SortKey } from './lookup.js';

/** GitLab's offset ceiling for `/projects` (instance_limits.md; gitlab-api.md §1.1). */
export const PROJECTS_OFFSET_LIMIT = 50_000;

const ORDER_BY = ['id', 'name', 'path', 'created_at', 'updated_at', 'last_activity_at', 'star_count', 'similarity'] as const;

const COMMON_DEFAULTS = {
  ...PAGE_DEFAULTS,
  order_by: 'created_at',
  sort: 'desc',
  owned: 'false',
  simple: 'false',
  starred: 'false',
  with_custom_attributes: 'false',
  with_issues_enabled: 'false',
  with_merge_requests_enabled: 'false',
} as const;

const SORT_KEYS: Record<(typeof ORDER_BY)[number], (p: Project) => SortKey> = {
  id: (p) => p.id,
  name: (p) => p.name.toLowerCase(),
  path: (p) => p.path.toLowerCase(),
  created_at: (p) => p.createdAt,
  updated_at: (p) => p.updatedAt,
  last_activity_at: (p) => p.lastActivityAt,
  star_count: (p) => p.starCount,
  similarity: (p) => p.name.toLowerCase(),
};

/** Filters both project lists share. */
function commonFilter(ctx: RouteContext): (p: Project) => boolean {
  const { params, db, userId } = ctx;
  const archived = params.bool('archived');
  const visibility = params.oneOf('visibility', ['private', 'internal', 'public'] as const);
  const search = params.string('search');
  const owned = params.bool('owned') ?? false;
  const starred = params.bool('starred') ?? false;
  const minAccess = params.int('min_access_level');
  const topic = params.string('topic');
  return (p) => {
    if (archived !== undefined && p.archived !== archived) return false;
    if (visibility !== undefined && p.visibility !== visibility) return false;
    if (!matchesSearch(search, p.name, p.path)) return false;
    // The simulated user has starred nothing.
    if (starred) return false;
    const access = projectAccess(db, userId, p);
    if (owned && access < AccessLevel.owner) return false;
    if (minAccess !== undefined && access < minAccess) return false;
    return topic === undefined || topic.split(',').every((t) => p.topics.includes(t.trim()));
  };
}

function view(ctx: RouteContext, withAccess: boolean): ProjectView {
  const simple = ctx.params.bool('simple') ?? false;
  return {
    shape: simple ? 'simple' : 'full',
    withAccess,
    statistics: ctx.params.bool('statistics') ?? false,
    userId: ctx.userId,
  };
}

function listProjects(ctx: RouteContext): Response {
  const { params, db, userId } = ctx;
  const orderBy = params.oneOf('order_by', ORDER_BY) ?? 'created_at';
  const sort = params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc';
  const updatedAfter = params.time('updated_after');
  const updatedBefore = params.time('updated_before');
  if ((updatedAfter !== undefined || updatedBefore !== undefined) && orderBy !== 'updated_at') {
    throw badRequest('`updated_at` filter and `updated_at` sorting must be paired');
  }
  const keyset = params.oneOf('pagination', ['keyset', 'offset'] as const) === 'keyset';
  if (keyset && orderBy !== 'id') {
    throw new ApiError(405, { error: 'Keyset pagination is not yet available for this type of request' });
  }
  const membership = params.bool('membership') ?? false;
  const idAfter = params.int('id_after');
  const idBefore = params.int('id_before');
  const lastActivityAfter = params.time('last_activity_after');
  const lastActivityBefore = params.time('last_activity_before');
  const common = commonFilter(ctx);
  const rows = db.projects.all().filter((p) => {
    if (!(membership ? isProjectMember(db, userId, p) : canReadProject(db, userId, p))) return false;
    if (idAfter !== undefined && p.id <= idAfter) return false;
    if (idBefore !== undefined && p.id >= idBefore) return false;
    if (updatedAfter !== undefined && p.updatedAt < updatedAfter) return false;
    if (updatedBefore !== undefined && p.updatedAt > updatedBefore) return false;
    if (lastActivityAfter !== undefined && p.lastActivityAt < lastActivityAfter) return false;
    if (lastActivityBefore !== undefined && p.lastActivityAt > lastActivityBefore) return false;
    return common(p);
  });
  sortRows(rows, SORT_KEYS[orderBy], sort);
  const v = view(ctx, true);
  const render = (p: Project) => projectEntity(ctx.ser, p, v);
  if (keyset) return keysetPage(ctx, rows, render, (p) => p.id, sort);
  return offsetPage(ctx, rows, render, { offsetLimit: { limit: PROJECTS_OFFSET_LIMIT, type: 'Project' } });
}

function listGroupProjects(ctx: RouteContext): Response {
  const { params, db, userId } = ctx;
  const group = visibleGroup(ctx);
  const includeSubgroups = params.bool('include_subgroups') ?? false;
  const withShared = params.bool('with_shared') ?? true;
  const orderBy = params.oneOf('order_by', ORDER_BY) ?? 'created_at';
  const sort = params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc';
  const groupIds = new Set(includeSubgroups ? db.selfAndDescendants(group.id).map((g) => g.id) : [group.id]);
  const common = commonFilter(ctx);
  const rows = db.projects.all().filter((p) => {
    const own = p.namespace.kind === 'group' && groupIds.has(p.namespace.id);
    // Only projects shared with this group itself, not with its subgroups.
    const shared = withShared && p.sharedWith.some((s) => s.groupId === group.id);
    return (own || shared) && canReadProject(db, userId, p) && common(p);
  });
  sortRows(rows, SORT_KEYS[orderBy], sort);
  // `Entities::Project`: no `permissions`, unlike `/projects`.
  const v = view(ctx, false);
  return offsetPage(ctx, rows, (p) => projectEntity(ctx.ser, p, v));
}

export const projectRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/projects',
    defaults: { ...COMMON_DEFAULTS, membership: 'false', statistics: 'false' },
    handle: listProjects,
  },
  {
    method: 'GET',
    pattern: '/projects/:id',
    defaults: { license: 'false', statistics: 'false', with_custom_attributes: 'false' },
    handle: (ctx) => {
      const project = visibleProject(ctx);
      return json(200, projectEntity(ctx.ser, project, {
        shape: 'full',
        withAccess: true,
        statistics: ctx.params.bool('statistics') ?? false,
        license: ctx.params.bool('license') ?? false,
        userId: ctx.userId,
      }));
    },
  },
  {
    method: 'GET',
    pattern: '/groups/:id/projects',
    defaults: { ...COMMON_DEFAULTS, include_subgroups: 'false', with_shared: 'true' },
    handle: listGroupProjects,
  },
];
