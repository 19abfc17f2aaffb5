/**
 * @module Group endpoints (doc/api/groups.md; gitlab-api.md §5.2): `/groups` lists the groups the
 * user belongs to (directly or through an ancestor) unless `all_available=true`; subgroups and
 * descendant groups follow the same rule. Ordered by name ascending by default; no `updated_at`.
 */
import { canReadGroup, directGroupAccess, groupAccess, isGroupMember } from '../data/access.js';
import { AccessLevel, type Group } from '../data/model.js';
import { groupDetail, groupEntity } from '../data/serialize-group.js';
import { json } from '../errors.js';
import { PAGE_DEFAULTS, offsetPage } from '../pagination.js';
import type { Route, RouteContext } from '../router.js';
import { matchesSearch, sortRows, visibleGroup } from './lookup.js';

const LIST_DEFAULTS = {
  ...PAGE_DEFAULTS,
  order_by: 'name',
  sort: 'asc',
  owned: 'false',
  statistics: 'false',
  with_custom_attributes: 'false',
} as const;

/** The `/groups` filters and ordering, over a candidate set. */
function listGroups(ctx: RouteContext, candidates: readonly Group[]): Response {
  const { db, params, userId } = ctx;
  const allAvailable = params.bool('all_available') ?? false;
  const search = params.string('search');
  const owned = params.bool('owned') ?? false;
  const minAccess = params.int('min_access_level');
  const topLevelOnly = params.bool('top_level_only') ?? false;
  const skip = new Set(params.intList('skip_groups') ?? []);
  const orderBy = params.oneOf('order_by', ['name', 'path', 'id', 'similarity'] as const) ?? 'name';
  const sort = params.oneOf('sort', ['asc', 'desc'] as const) ?? 'asc';

  const rows = candidates.filter((g) => {
    if (!(allAvailable ? canReadGroup(db, userId, g) : isGroupMember(db, userId, g))) return false;
    if (skip.has(g.id) || (topLevelOnly && g.parentId !== null)) return false;
    if (!matchesSearch(search, g.name, g.path)) return false;
    if (owned && directGroupAccess(db, userId, g.id) < AccessLevel.owner) return false;
    return minAccess === undefined || groupAccess(db, userId, g.id) >= minAccess;
  });
  const key = orderBy === 'id' ? (g: Group) => g.id : orderBy === 'path' ? (g: Group) => g.path : (g: Group) => g.name.toLowerCase();
  return offsetPage(ctx, sortRows(rows, key, sort), (g) => groupEntity(ctx.ser, g));
}

export const groupRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/groups', defaults: LIST_DEFAULTS, handle: (ctx) => listGroups(ctx, ctx.db.groups.all()) },
  {
    method: 'GET',
    pattern: '/groups/:id',
    defaults: { with_projects: 'true', with_custom_attributes: 'false' },
    handle: (ctx) => {
      const group = visibleGroup(ctx);
      const withProjects = ctx.params.bool('with_projects') ?? true;
      return json(200, groupDetail(ctx.ser, group, { userId: ctx.userId, withProjects }));
    },
  },
  {
    method: 'GET',
    pattern: '/groups/:id/subgroups',
    defaults: LIST_DEFAULTS,
    handle: (ctx) => {
      const group = visibleGroup(ctx);
      return listGroups(ctx, ctx.db.groups.all().filter((g) => g.parentId === group.id));
    },
  },
  {
    method: 'GET',
    pattern: '/groups/:id/descendant_groups',
    defaults: LIST_DEFAULTS,
    handle: (ctx) => {
      const group = visibleGroup(ctx);
      return listGroups(ctx, ctx.db.selfAndDescendants(group.id).slice(1));
    },
  },
];
