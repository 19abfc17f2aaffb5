/**
 * @module Merge requests (doc/api/merge_requests.md; gitlab-api.md §5.6) and notes (notes.md,
 * §5.18): the project list, the group list (the group and its subgroups, default `scope=all`,
 * archived projects left out unless `non_archived=false`), one merge request's commits, notes and
 * approvals, and an issue's notes. Lists default to `order_by=created_at&sort=desc`; date
 * filters are inclusive. Projects with merge requests (or issues) switched off answer 403.
 */
import { canReadIssue, canReadProject, projectAccess } from '../data/access.js';
import type { Project } from '../data/model.js';
import type { MergeRequest, Note } from '../data/model-work.js';
import { commitEntity } from '../data/serialize-repo.js';
import { approvalsEntity, mergeRequestEntity, noteEntity, type MrReferenceBase } from '../data/serialize-mr.js';
import { invalidValue, json } from '../errors.js';
import { PAGE_DEFAULTS, offsetPage } from '../pagination.js';
import type { Route, RouteContext } from '../router.js';
import { groupTreeProjects, inTimeRange, projectWithFeature, recordNotFound, sortRows, visibleGroup, type SortKey } from './lookup.js';

const DEFAULTS = { ...PAGE_DEFAULTS, order_by: 'created_at', sort: 'desc', state: 'all', scope: 'all', with_labels_details: 'false' } as const;
const ORDER_BY = ['created_at', 'updated_at', 'title', 'merged_at'] as const;
const SORT_KEYS: Record<(typeof ORDER_BY)[number], (m: MergeRequest) => SortKey> = {
  created_at: (m) => m.createdAt, updated_at: (m) => m.updatedAt, title: (m) => m.title.toLowerCase(), merged_at: (m) => m.mergedAt,
};

function listMergeRequests(ctx: RouteContext, projects: readonly Project[], relativeTo: MrReferenceBase): Response {
  const { params, db, userId } = ctx;
  const orderBy = params.oneOf('order_by', ORDER_BY) ?? 'created_at';
  const sort = params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc';
  const state = params.oneOf('state', ['opened', 'closed', 'locked', 'merged', 'all'] as const) ?? 'all';
  const scope = (params.string('scope') ?? 'all').replace(/-/g, '_');
  if (!['all', 'created_by_me', 'assigned_to_me'].includes(scope)) throw invalidValue('scope');
  const [ua, ub, ca, cb] = ['updated_after', 'updated_before', 'created_after', 'created_before'].map((n) => params.time(n));
  const iids = params.intList('iids');
  const ids = new Set(projects.filter((p) => canReadProject(db, userId, p) && db.featureEnabled(p.id, 'merge_requests')).map((p) => p.id));
  const rows = db.mergeRequests.all().filter((m) => {
    if (!ids.has(m.projectId)) return false;
    if (state !== 'all' && m.state !== state) return false;
    if (scope === 'created_by_me' && m.authorId !== userId) return false;
    if (scope === 'assigned_to_me' && !m.assigneeIds.includes(userId)) return false;
    if (iids !== undefined && !iids.includes(m.iid)) return false;
    return inTimeRange(m.updatedAt, ua, ub) && inTimeRange(m.createdAt, ca, cb);
  });
  sortRows(rows, SORT_KEYS[orderBy], sort);
  const labelDetails = params.bool('with_labels_details') ?? false;
  return offsetPage(ctx, rows, (m) => mergeRequestEntity(ctx.ser, m, { relativeTo, labelDetails }));
}

function mergeRequestOf(ctx: RouteContext): { project: Project; mr: MergeRequest } {
  const project = projectWithFeature(ctx, 'merge_requests');
  const iid = Number(ctx.path['merge_request_iid']);
  const mr = ctx.db.mergeRequests.all().find((m) => m.projectId === project.id && m.iid === iid);
  if (!mr) throw recordNotFound();
  return { project, mr };
}

/** Notes, `order_by` created_at (default) or updated_at, `sort` desc by default. */
function listNotes(ctx: RouteContext, type: Note['noteableType'], noteableId: number): Response {
  const orderBy = ctx.params.oneOf('order_by', ['created_at', 'updated_at'] as const) ?? 'created_at';
  const sort = ctx.params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc';
  const rows = ctx.db.notes.all().filter((n) => n.noteableType === type && n.noteableId === noteableId);
  sortRows(rows, orderBy === 'created_at' ? (n) => n.createdAt : (n) => n.updatedAt, sort);
  return offsetPage(ctx, rows, (n) => noteEntity(ctx.ser, n));
}

const NOTE_DEFAULTS = { ...PAGE_DEFAULTS, order_by: 'created_at', sort: 'desc' } as const;

export const mergeRequestRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/merge_requests',
    defaults: DEFAULTS,
    handle: (ctx) => listMergeRequests(ctx, [projectWithFeature(ctx, 'merge_requests')], { kind: 'project' }),
  },
  {
    method: 'GET',
    pattern: '/groups/:id/merge_requests',
    defaults: { ...DEFAULTS, non_archived: 'true' },
    handle: (ctx) => {
      const group = visibleGroup(ctx);
      const nonArchived = ctx.params.bool('non_archived') ?? true;
      const projects = groupTreeProjects(ctx, group).filter((p) => !(nonArchived && p.archived));
      return listMergeRequests(ctx, projects, { kind: 'group', groupId: group.id });
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/merge_requests/:merge_request_iid/commits',
    defaults: PAGE_DEFAULTS,
    handle: (ctx) => {
      const { project, mr } = mergeRequestOf(ctx);
      const repo = ctx.db.repositories.get(project.id);
      const commits = mr.commitShas.map((sha) => repo?.commits.get(sha)).filter((c) => c !== undefined).reverse();
      return offsetPage(ctx, commits, (c) => commitEntity(ctx.ser, project, c));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/merge_requests/:merge_request_iid/notes',
    defaults: NOTE_DEFAULTS,
    handle: (ctx) => listNotes(ctx, 'MergeRequest', mergeRequestOf(ctx).mr.id),
  },
  {
    method: 'GET',
    pattern: '/projects/:id/merge_requests/:merge_request_iid/approvals',
    handle: (ctx) => json(200, approvalsEntity(ctx.ser, mergeRequestOf(ctx).mr)),
  },
  {
    method: 'GET',
    pattern: '/projects/:id/issues/:issue_iid/notes',
    defaults: NOTE_DEFAULTS,
    handle: (ctx) => {
      const project = projectWithFeature(ctx, 'issues');
      const iid = Number(ctx.path['issue_iid']);
      const issue = ctx.db.projectIssues(project.id).find((i) => i.iid === iid);
      if (!issue || !canReadIssue(ctx.userId, issue, projectAccess(ctx.db, ctx.userId, project))) throw recordNotFound();
      return listNotes(ctx, 'Issue', issue.id);
    },
  },
];
