/**
 * @module Issue lists (doc/api/issues.md; gitlab-api.md §5.5):
 * - `/projects/:id/issues`, default `scope=all`;
 * - `/groups/:id/issues`, the group and its subgroups, default `scope=all`, leaving out archived
 *   projects unless `non_archived=false`; projects merely shared with the group are not included;
 * - `/issues`, default `scope=created_by_me` (a client that forgets `scope=all` sees only its own).
 * Date filters are inclusive ("on or after"); `order_by` created_at (default) or updated_at,
 * `sort` desc (default), id breaking ties in the same direction.
 */
import { canReadIssue, canReadProject, projectAccess } from '../data/access.js';
import type { Issue, Project } from '../data/model.js';
import { issueEntity, type ReferenceBase } from '../data/serialize-issue.js';
import { invalidValue } from '../errors.js';
import { PAGE_DEFAULTS, offsetPage } from '../pagination.js';
import type { Route, RouteContext } from '../router.js';
import { cachedRows, matchesSearch, projectWithFeature, sortRows, visibleGroup, type SortKey } from './lookup.js';

const ORDER_BY = [
  'created_at', 'updated_at', 'priority', 'due_date', 'relative_position', 'label_priority',
  'milestone_due', 'popularity', 'weight', 'title',
] as const;
type OrderBy = (typeof ORDER_BY)[number];

/** Orderings the simulator models; the other valid values fall back to created_at. */
const SORT_KEYS: Partial<Record<OrderBy, (i: Issue) => SortKey>> = {
  created_at: (i) => i.createdAt,
  updated_at: (i) => i.updatedAt,
  due_date: (i) => i.dueDate,
  title: (i) => i.title.toLowerCase(),
  weight: (i) => i.weight,
  popularity: (i) => i.upvotes,
};

const DEFAULTS = { ...PAGE_DEFAULTS, order_by: 'created_at', sort: 'desc', state: 'all', with_labels_details: 'false' } as const;

type Scope = 'all' | 'created_by_me' | 'assigned_to_me';

function readScope(ctx: RouteContext): Scope {
  const raw = ctx.params.string('scope') ?? 'all';
  // GitLab still accepts the old hyphenated spellings.
  const scope = raw.replace(/-/g, '_');
  if (scope !== 'all' && scope !== 'created_by_me' && scope !== 'assigned_to_me') throw invalidValue('scope');
  return scope;
}

/** The issues of `projects` the caller may read, filtered, ordered and paginated. */
function listIssues(ctx: RouteContext, projects: readonly Project[], relativeTo: ReferenceBase): Response {
  const { params, db, userId } = ctx;
  const orderBy = params.oneOf('order_by', ORDER_BY) ?? 'created_at';
  const sort = params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc';
  const labelDetails = params.bool('with_labels_details') ?? false;
  const matches = issueFilter(ctx);
  const rows = cachedRows(ctx, () => {
    const matching: Issue[] = [];
    for (const project of projects) {
      if (!canReadProject(db, userId, project) || !db.featureEnabled(project.id, 'issues')) continue;
      const access = projectAccess(db, userId, project);
      for (const issue of db.projectIssues(project.id)) if (matches(issue, access)) matching.push(issue);
    }
    return sortRows(matching, SORT_KEYS[orderBy] ?? ((i: Issue) => i.createdAt), sort);
  });
  return offsetPage(ctx, rows, (i) => issueEntity(ctx.ser, i, { relativeTo, labelDetails }));
}

/** The request's filters as one predicate over an issue and the caller's access to its project. */
function issueFilter(ctx: RouteContext): (issue: Issue, access: number) => boolean {
  const { params, userId } = ctx;
  const scope = readScope(ctx);
  const state = params.oneOf('state', ['opened', 'closed', 'all'] as const) ?? 'all';
  const createdAfter = params.time('created_after');
  const createdBefore = params.time('created_before');
  const updatedAfter = params.time('updated_after');
  const updatedBefore = params.time('updated_before');
  const iids = params.intList('iids');
  const authorId = params.int('author_id');
  const assigneeId = params.string('assignee_id');
  const confidential = params.bool('confidential');
  const labels = params.string('labels')?.split(',').map((l) => l.trim()).filter((l) => l !== '');
  const milestone = params.string('milestone');
  const search = params.string('search');
  return (issue, access) => {
    if (!canReadIssue(userId, issue, access)) return false;
    if (scope === 'created_by_me' && issue.authorId !== userId) return false;
    if (scope === 'assigned_to_me' && !issue.assigneeIds.includes(userId)) return false;
    if (state !== 'all' && issue.state !== state) return false;
    // Every bound is inclusive: "on or after", "on or before".
    if (createdAfter !== undefined && issue.createdAt < createdAfter) return false;
    if (createdBefore !== undefined && issue.createdAt > createdBefore) return false;
    if (updatedAfter !== undefined && issue.updatedAt < updatedAfter) return false;
    if (updatedBefore !== undefined && issue.updatedAt > updatedBefore) return false;
    if (iids !== undefined && !iids.includes(issue.iid)) return false;
    if (authorId !== undefined && issue.authorId !== authorId) return false;
    if (assigneeId !== undefined && !matchesAssignee(issue, assigneeId)) return false;
    if (confidential !== undefined && issue.confidential !== confidential) return false;
    if (labels !== undefined && !matchesLabels(ctx, issue, labels)) return false;
    if (milestone !== undefined && !matchesMilestone(ctx, issue, milestone)) return false;
    return matchesSearch(search, issue.title, issue.description);
  };
}

function matchesAssignee(issue: Issue, wanted: string): boolean {
  if (wanted.toLowerCase() === 'none') return issue.assigneeIds.length === 0;
  if (wanted.toLowerCase() === 'any') return issue.assigneeIds.length > 0;
  return issue.assigneeIds.includes(Number(wanted));
}

/** `labels=a,b`: every label; `None` / `Any` for no label / at least one. */
function matchesLabels(ctx: RouteContext, issue: Issue, wanted: readonly string[]): boolean {
  const names = issue.labelIds.map((id) => ctx.db.labels.get(id)?.name.toLowerCase());
  if (wanted.length === 1 && wanted[0]?.toLowerCase() === 'none') return names.length === 0;
  if (wanted.length === 1 && wanted[0]?.toLowerCase() === 'any') return names.length > 0;
  return wanted.every((w) => names.includes(w.toLowerCase()));
}

function matchesMilestone(ctx: RouteContext, issue: Issue, wanted: string): boolean {
  if (wanted === 'None') return issue.milestoneId === null;
  if (wanted === 'Any') return issue.milestoneId !== null;
  const title = issue.milestoneId === null ? undefined : ctx.db.milestones.get(issue.milestoneId)?.title;
  return title === wanted;
}

export const issueRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/issues',
    defaults: { ...DEFAULTS, scope: 'all' },
    // Issues switched off: 403 (gitlab-api.md §3).
    handle: (ctx) => listIssues(ctx, [projectWithFeature(ctx, 'issues')], { kind: 'project' }),
  },
  {
    method: 'GET',
    pattern: '/groups/:id/issues',
    defaults: { ...DEFAULTS, scope: 'all', non_archived: 'true' },
    handle: (ctx) => {
      const group = visibleGroup(ctx);
      const nonArchived = ctx.params.bool('non_archived') ?? true;
      const groupIds = new Set(ctx.db.selfAndDescendants(group.id).map((g) => g.id));
      const projects = ctx.db.projects.all().filter(
        (p) => p.namespace.kind === 'group' && groupIds.has(p.namespace.id) && !(nonArchived && p.archived),
      );
      return listIssues(ctx, projects, { kind: 'group', groupId: group.id });
    },
  },
  {
    method: 'GET',
    pattern: '/issues',
    defaults: { ...DEFAULTS, scope: 'created_by_me' },
    handle: (ctx) => listIssues(ctx, ctx.db.projects.all(), { kind: 'instance' }),
  },
];
