/**
 * @module Repository endpoints (doc/api/branches.md, commits.md, tags.md, releases/_index.md;
 * gitlab-api.md §5.3, §5.4, §5.10, §5.11). A project whose repository is switched off answers
 * 403 on each. Commits are newest first, `since`/`until` bound the commit date inclusively, and
 * the list is paginated without a count: no totals, and `x-next-page` whenever a page is full.
 */
import type { Project } from '../data/model.js';
import type { Repository } from '../data/model-repo.js';
import { branchEntity, commitEntity, releaseEntity, tagEntity } from '../data/serialize-repo.js';
import { PAGE_DEFAULTS, offsetPage } from '../pagination.js';
import type { Route, RouteContext } from '../router.js';
import { inTimeRange, matchesSearch, projectWithFeature } from './lookup.js';

function repositoryOf(ctx: RouteContext): { project: Project; repo: Repository } {
  const project = projectWithFeature(ctx, 'repository');
  const repo = ctx.db.repositories.get(project.id);
  if (!repo) throw new Error(`Implementation error: project ${project.id} has its repository on but none is seeded`);
  return { project, repo };
}

/** `search` with GitLab's `^` and `$` anchors. */
function matchesAnchored(term: string | undefined, name: string): boolean {
  if (term === undefined) return true;
  if (term.startsWith('^')) return name.toLowerCase().startsWith(term.slice(1).toLowerCase());
  if (term.endsWith('$')) return name.toLowerCase().endsWith(term.slice(0, -1).toLowerCase());
  return matchesSearch(term, name);
}

export const repositoryRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/repository/branches',
    defaults: PAGE_DEFAULTS,
    handle: (ctx) => {
      const { project, repo } = repositoryOf(ctx);
      const search = ctx.params.string('search');
      const rows = repo.branches.filter((b) => matchesAnchored(search, b.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
      return offsetPage(ctx, rows, (b) => branchEntity(ctx.ser, project, repo, b));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/repository/commits',
    defaults: PAGE_DEFAULTS,
    handle: (ctx) => {
      const { project, repo } = repositoryOf(ctx);
      const all = ctx.params.bool('all') ?? false;
      const refName = ctx.params.string('ref_name') ?? project.defaultBranch;
      const since = ctx.params.time('since');
      const until = ctx.params.time('until');
      const withStats = ctx.params.bool('with_stats') ?? false;
      const heads = all ? repo.branches.map((b) => b.headSha) : [repo.branch(refName)?.headSha ?? repo.tags.find((t) => t.name === refName)?.sha ?? refName];
      const rows = repo.reachable(heads).filter((c) => inTimeRange(c.committedAt, since, until));
      return offsetPage(ctx, rows, (c) => commitEntity(ctx.ser, project, c, { stats: withStats }), { withoutCount: true });
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/repository/tags',
    defaults: { ...PAGE_DEFAULTS, order_by: 'updated', sort: 'desc' },
    handle: (ctx) => {
      const { project, repo } = repositoryOf(ctx);
      const orderBy = ctx.params.oneOf('order_by', ['updated', 'name', 'version'] as const) ?? 'updated';
      const sign = (ctx.params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc') === 'asc' ? 1 : -1;
      const search = ctx.params.string('search');
      const when = (sha: string): number => repo.commits.get(sha)?.committedAt ?? 0;
      const rows = repo.tags
        .filter((t) => matchesAnchored(search, t.name))
        .sort((a, b) => sign * (orderBy === 'updated' ? when(a.sha) - when(b.sha) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return offsetPage(ctx, rows, (t) => tagEntity(ctx.ser, project, repo, t));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/releases',
    defaults: { ...PAGE_DEFAULTS, order_by: 'released_at', sort: 'desc', include_html_description: 'false' },
    handle: (ctx) => {
      const { project, repo } = repositoryOf(ctx);
      const orderBy = ctx.params.oneOf('order_by', ['released_at', 'created_at'] as const) ?? 'released_at';
      const sign = (ctx.params.oneOf('sort', ['asc', 'desc'] as const) ?? 'desc') === 'asc' ? 1 : -1;
      const key = orderBy === 'released_at' ? (r: (typeof repo.releases)[number]) => r.releasedAt : (r: (typeof repo.releases)[number]) => r.createdAt;
      const rows = [...repo.releases].sort((a, b) => sign * (key(a) - key(b)));
      return offsetPage(ctx, rows, (r) => releaseEntity(ctx.ser, project, repo, r));
    },
  },
];
