/**
 * @module Milestones, members, labels and a project's users (doc/api/milestones.md,
 * group_milestones.md, members.md, labels.md, group_labels.md; gitlab-api.md §5.12–5.15).
 * Members are direct members (`/members/all` would add inherited ones); a project's labels
 * include its ancestor groups' labels by default (`include_ancestor_groups=true`), and so do a
 * group's.
 */
import { canReadProject, projectAccess } from '../data/access.js';
import { AccessLevel, type Label } from '../data/model.js';
import type { GroupLabel } from '../data/model-work.js';
import { groupMilestoneEntity, labelEntity, memberEntity } from '../data/serialize-planning.js';
import { milestoneEntity, userBasic, type JsonObject } from '../data/serialize.js';
import { PAGE_DEFAULTS, offsetPage } from '../pagination.js';
import type { Route, RouteContext } from '../router.js';
import { inTimeRange, matchesSearch, visibleGroup, visibleProject } from './lookup.js';

function listMembers(ctx: RouteContext, kind: 'group' | 'project', targetId: number): Response {
  const query = ctx.params.string('query');
  const userIds = ctx.params.intList('user_ids');
  const rows = ctx.db.memberships.all().filter((m) => {
    if (m.kind !== kind || m.targetId !== targetId) return false;
    const user = ctx.db.users.get(m.userId);
    return user !== undefined && matchesSearch(query, user.name, user.username) && (userIds === undefined || userIds.includes(user.id));
  });
  return offsetPage(ctx, rows, (m) => memberEntity(ctx.ser, m));
}

/** Group labels of `groupId`'s chain (ancestors first) when `ancestors`, else of the group alone. */
function groupLabelsOf(ctx: RouteContext, groupId: number, ancestors: boolean): GroupLabel[] {
  const ids = ancestors ? ctx.db.groupChain(groupId).map((g) => g.id) : [groupId];
  return ctx.db.groupLabels.all().filter((l) => ids.includes(l.groupId));
}

function milestoneFilter(ctx: RouteContext): (m: { state: string; title: string; iid: number; updatedAt: number }) => boolean {
  const state = ctx.params.oneOf('state', ['active', 'closed'] as const);
  const title = ctx.params.string('title');
  const search = ctx.params.string('search');
  const iids = ctx.params.intList('iids');
  const [ua, ub] = [ctx.params.time('updated_after'), ctx.params.time('updated_before')];
  return (m) => (state === undefined || m.state === state) && (title === undefined || m.title === title)
    && matchesSearch(search, m.title) && (iids === undefined || iids.includes(m.iid)) && inTimeRange(m.updatedAt, ua, ub);
}

export const peopleAndLabelRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/milestones',
    defaults: { ...PAGE_DEFAULTS, include_ancestors: 'false' },
    handle: (ctx) => {
      const project = visibleProject(ctx);
      const keep = milestoneFilter(ctx);
      const own = ctx.db.milestones.all().filter((m) => m.projectId === project.id && keep(m)).map((m) => milestoneEntity(ctx.ser, m) as JsonObject);
      const withAncestors = (ctx.params.bool('include_ancestors') ?? false) && project.namespace.kind === 'group';
      const chain = withAncestors ? ctx.db.groupChain(project.namespace.id).map((g) => g.id) : [];
      const inherited = ctx.db.groupMilestones.all().filter((m) => chain.includes(m.groupId) && keep(m)).map((m) => groupMilestoneEntity(ctx.ser, m));
      // Newest due date first, as GitLab sorts milestones; id breaks ties.
      return offsetPage(ctx, [...own, ...inherited].sort((a, b) => Number(b['id']) - Number(a['id'])), (m) => m);
    },
  },
  {
    method: 'GET',
    pattern: '/groups/:id/milestones',
    defaults: { ...PAGE_DEFAULTS, include_ancestors: 'false', include_descendants: 'false' },
    handle: (ctx) => {
      const group = visibleGroup(ctx);
      const keep = milestoneFilter(ctx);
      const ids = new Set([group.id]);
      if (ctx.params.bool('include_ancestors')) for (const g of ctx.db.groupChain(group.id)) ids.add(g.id);
      if (ctx.params.bool('include_descendants')) for (const g of ctx.db.selfAndDescendants(group.id)) ids.add(g.id);
      const rows = ctx.db.groupMilestones.all().filter((m) => ids.has(m.groupId) && keep(m)).sort((a, b) => b.id - a.id);
      return offsetPage(ctx, rows, (m) => groupMilestoneEntity(ctx.ser, m));
    },
  },
  { method: 'GET', pattern: '/projects/:id/members', defaults: PAGE_DEFAULTS, handle: (ctx) => listMembers(ctx, 'project', visibleProject(ctx).id) },
  { method: 'GET', pattern: '/groups/:id/members', defaults: PAGE_DEFAULTS, handle: (ctx) => listMembers(ctx, 'group', visibleGroup(ctx).id) },
  {
    method: 'GET',
    pattern: '/projects/:id/labels',
    defaults: { ...PAGE_DEFAULTS, with_counts: 'false', include_ancestor_groups: 'true' },
    handle: (ctx) => {
      const project = visibleProject(ctx);
      const withCounts = ctx.params.bool('with_counts') ?? false;
      const ancestors = ctx.params.bool('include_ancestor_groups') ?? true;
      const search = ctx.params.string('search');
      const own: (Label | GroupLabel)[] = ctx.db.labels.all().filter((l) => l.projectId === project.id);
      const inherited = ancestors && project.namespace.kind === 'group' ? groupLabelsOf(ctx, project.namespace.id, true) : [];
      const rows = [...own, ...inherited].filter((l) => matchesSearch(search, l.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
      return offsetPage(ctx, rows, (l) => labelEntity(ctx.ser, l, { withCounts, projectId: project.id }));
    },
  },
  {
    method: 'GET',
    pattern: '/groups/:id/labels',
    defaults: { ...PAGE_DEFAULTS, with_counts: 'false', include_ancestor_groups: 'true', include_descendant_groups: 'false', only_group_labels: 'true' },
    handle: (ctx) => {
      const group = visibleGroup(ctx);
      const withCounts = ctx.params.bool('with_counts') ?? false;
      const labels = groupLabelsOf(ctx, group.id, ctx.params.bool('include_ancestor_groups') ?? true);
      if (ctx.params.bool('include_descendant_groups')) {
        for (const g of ctx.db.selfAndDescendants(group.id).slice(1)) labels.push(...groupLabelsOf(ctx, g.id, false));
      }
      const search = ctx.params.string('search');
      const rows = labels.filter((l) => matchesSearch(search, l.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
      return offsetPage(ctx, rows, (l) => labelEntity(ctx.ser, l, { withCounts }));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/users',
    defaults: PAGE_DEFAULTS,
    handle: (ctx) => {
      const project = visibleProject(ctx);
      const search = ctx.params.string('search');
      const skip = new Set(ctx.params.intList('skip_users') ?? []);
      // Everyone with access: direct, inherited through the group chain, or through a share.
      const rows = ctx.db.users.all().filter((u) => projectAccess(ctx.db, u.id, project) > AccessLevel.none
        && canReadProject(ctx.db, u.id, project) && !skip.has(u.id) && matchesSearch(search, u.name, u.username));
      return offsetPage(ctx, rows, (u) => userBasic(ctx.ser, u.id));
    },
  },
];
