/**
 * @module Group boards and epics (doc/api/group_boards.md, epics.md, epic_issues.md;
 * gitlab-api.md §5.16, §5.17). Epics are Premium: a group on a Free plan answers
 * `403 {"message":"403 Forbidden"}`. The epic list includes descendant groups' epics by default
 * (`include_descendant_groups=true`), orders by `created_at` desc by default, and treats
 * `updated_after` as "on or after".
 */
import type { Epic } from '../data/model-work.js';
import { boardEntity, epicEntity, epicIssueEntity } from '../data/serialize-planning.js';
import { PAGE_DEFAULTS, offsetPage } from '../pagination.js';
import type { Route } from '../router.js';
import { inTimeRange, matchesSearch, premiumGroup, recordNotFound, sortRows, visibleGroup, type SortKey } from './lookup.js';

const EPIC_ORDER = ['created_at', 'updated_at', 'title'] as const;
const EPIC_KEYS: Record<(typeof EPIC_ORDER)[number], (e: Epic) => SortKey> = {
  created_at: (e) => e.createdAt, updated_at: (e) => e.updatedAt, title: (e) => e.title.toLowerCase(),
};

export const epicAndBoardRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/groups/:id/boards',
    defaults: PAGE_DEFAULTS,
    handle: (ctx) => {
      const group = visibleGroup(ctx);
      return offsetPage(ctx, ctx.db.boards.all().filter((b) => b.groupId === group.id), (b) => boardEntity(ctx.ser, b));
    },
  },
  {
    method: 'GET',
    pattern: '/groups/:id/epics',
    defaults: { ...PAGE_DEFAULTS, order_by: 'created_at', sort: 'desc', state: 'all', include_ancestor_groups: 'false', include_descendant_groups: 'true' },
    handle: (ctx) => {
      const group = premiumGroup(ctx);
      const { params, db } = ctx;
      const ids = new Set<number>((params.bool('include_descendant_groups') ?? true) ? db.selfAndDescendants(group.id).map((g) => g.id) : [group.id]);
      if (params.bool('include_ancestor_groups')) for (const g of db.groupChain(group.id)) ids.add(g.id);
      const orderBy = params.oneOf('order_by', EPIC_ORDER) ?? 'created_at';
      const sort = params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc';
      const state = params.oneOf('state', ['opened', 'closed', 'all'] as const) ?? 'all';
      const [ua, ub, ca, cb] = ['updated_after', 'updated_before', 'created_after', 'created_before'].map((n) => params.time(n));
      const authorId = params.int('author_id');
      const search = params.string('search');
      const rows = db.epics.all().filter((e) => ids.has(e.groupId) && (state === 'all' || e.state === state)
        && inTimeRange(e.updatedAt, ua, ub) && inTimeRange(e.createdAt, ca, cb)
        && (authorId === undefined || e.authorId === authorId) && matchesSearch(search, e.title, e.description));
      sortRows(rows, EPIC_KEYS[orderBy], sort);
      return offsetPage(ctx, rows, (e) => epicEntity(ctx.ser, e));
    },
  },
  {
    method: 'GET',
    pattern: '/groups/:id/epics/:epic_iid/issues',
    defaults: PAGE_DEFAULTS,
    handle: (ctx) => {
      const group = premiumGroup(ctx);
      const iid = Number(ctx.path['epic_iid']);
      const epic = ctx.db.epics.all().find((e) => e.groupId === group.id && e.iid === iid);
      if (!epic) throw recordNotFound();
      const links = ctx.db.epicIssues.all().filter((l) => l.epicId === epic.id).sort((a, b) => a.relativePosition - b.relativePosition || a.id - b.id);
      return offsetPage(ctx, links, (l) => epicIssueEntity(ctx.ser, l));
    },
  },
];
