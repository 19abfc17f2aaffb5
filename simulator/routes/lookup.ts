/**
 * @module What several routes share: finding a group or project the caller may see (by id or
 * URL-decoded full path; anything invisible is a 404 naming the resource, gitlab-api.md §3), and
 * ordering with GitLab's tie-breaker (id, in the same direction as the sort).
 */
import { canReadGroup, canReadProject } from '../data/access.js';
import type { Db, Group, Project, ProjectFeature } from '../data/model.js';
import { ApiError, notFound } from '../errors.js';
import { toQuery } from '../params.js';
import type { RouteContext } from '../router.js';

export function visibleGroup(ctx: RouteContext): Group {
  const group = ctx.db.findGroup(ctx.path['id'] ?? '');
  if (!group || !canReadGroup(ctx.db, ctx.userId, group)) throw notFound('Group');
  return group;
}

export function visibleProject(ctx: RouteContext): Project {
  const project = ctx.db.findProject(ctx.path['id'] ?? '');
  if (!project || !canReadProject(ctx.db, ctx.userId, project)) throw notFound('Project');
  return project;
}

export type SortKey = number | string | null;

/**
 * Sorts by `key`, then by id, both in `direction`. Nulls sort last in either direction, as
 * PostgreSQL's `NULLS LAST` orderings GitLab uses for optional dates.
 */
export function sortRows<T extends { readonly id: number }>(rows: T[], key: (row: T) => SortKey, direction: 'asc' | 'desc'): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      return (ka < kb ? -1 : 1) * sign;
    }
    return (a.id - b.id) * sign;
  });
}

/** Case-insensitive substring search, as GitLab's `search` does on names and paths. */
export function matchesSearch(term: string | undefined, ...fields: readonly string[]): boolean {
  if (term === undefined) return true;
  const needle = term.toLowerCase();
  return fields.some((f) => f.toLowerCase().includes(needle));
}

const CACHE_SIZE = 8;
const listCache = new WeakMap<Db, Map<string, readonly unknown[]>>();

/**
 * The filtered, ordered rows of a list request, reused while the same list is read page by page
 * and the database has not changed: a 20,000-issue list would otherwise be filtered and sorted
 * again for each of its 200 pages. Any change bumps `db.version`, so a list read across a change
 * is recomputed, as GitLab re-runs its query for every page.
 */
export function cachedRows<T>(ctx: RouteContext, compute: () => T[]): readonly T[] {
  const { page: _page, per_page: _perPage, ...rest } = ctx.params.all;
  const key = `${ctx.db.version} ${ctx.userId} ${ctx.url.pathname}?${toQuery(rest)}`;
  let cache = listCache.get(ctx.db);
  if (!cache) listCache.set(ctx.db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit as readonly T[];
  const rows = compute();
  cache.set(key, rows);
  // Maps iterate in insertion order: the first key is the oldest.
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return rows;
}

/** `forbidden!`: visible, but not allowed (a feature switched off, a plan without it). gitlab-api.md §3. */
export function forbidden(): ApiError {
  return new ApiError(403, { message: '403 Forbidden' });
}

/** A record lookup that raises RecordNotFound: lower-case "f" (gitlab-api.md §4). */
export function recordNotFound(): ApiError {
  return new ApiError(404, { message: '404 Not found' });
}

/** The visible project, with `feature` on: a project that switched it off answers 403. */
export function projectWithFeature(ctx: RouteContext, feature: ProjectFeature): Project {
  const project = visibleProject(ctx);
  if (!ctx.db.featureEnabled(project.id, feature)) throw forbidden();
  return project;
}

/** Premium endpoints (epics): 403 unless both the instance and the group's plan have them. */
export function premiumGroup(ctx: RouteContext): Group {
  const group = visibleGroup(ctx);
  if (ctx.ser.tier === 'free' || ctx.db.groupPlan(group.id) === 'free') throw forbidden();
  return group;
}

/** Projects of a group and its subgroups (never those merely shared with it). */
export function groupTreeProjects(ctx: RouteContext, group: Group): Project[] {
  const ids = new Set(ctx.db.selfAndDescendants(group.id).map((g) => g.id));
  return ctx.db.projects.all().filter((p) => p.namespace.kind === 'group' && ids.has(p.namespace.id));
}

/** Inclusive ("on or after") or exclusive ("after") time bounds, as each endpoint documents. */
export function inTimeRange(value: number, after: number | undefined, before: number | undefined, exclusive = false): boolean {
  if (after !== undefined && (exclusive ? value <= after : value < after)) return false;
  return before === undefined || (exclusive ? value < before : value <= before);
}
