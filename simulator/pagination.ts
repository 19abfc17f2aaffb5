/**
 * @module Offset and keyset pagination with GitLab's headers (gitlab-api.md §1), modelled on
 * `Gitlab::Pagination::OffsetHeaderBuilder`:
 * - `x-page`, `x-per-page`, `x-next-page`, `x-prev-page` always; the last two are present but
 *   empty when there is no such page (and both are empty past the end);
 * - `x-total`, `x-total-pages` (at least 1) and `rel="last"` only while the query matches no more
 *   than the totals limit (10,000 on GitLab);
 * - `link`: prev, next, first, last in that order, each repeating every request parameter
 *   (`to_query`, sorted), on the instance's configured host.
 * Keyset pagination sends only a `rel="next"` link, and none once a page comes back short.
 */
import type { Json } from './data/serialize.js';
import { ApiError, invalidType, invalidValue, json } from './errors.js';
import { toQuery, type Query } from './params.js';
import type { RouteContext } from './router.js';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/** Kaminari's MAX_COUNT_LIMIT. */
export const DEFAULT_TOTALS_LIMIT = 10_000;

/** Every paginated route declares these, so links always carry `page` and `per_page`. */
export const PAGE_DEFAULTS = { page: '1', per_page: String(DEFAULT_PER_PAGE) } as const;

interface PageRequest {
  readonly page: number;
  /** What the client asked for; links repeat it (`params[:per_page]`). */
  readonly requestedPerPage: number;
  /** What is served: capped at 100 without complaint (Kaminari `max_per_page`). */
  readonly perPage: number;
}

function readPageRequest(ctx: RouteContext): PageRequest {
  // `per_page=0`, negative or non-numeric: a 400 (lib/api/concerns/pagination_params.rb).
  // Grape's wording for a non-numeric value would be "per_page is invalid"; both are 400s.
  const rawPerPage = ctx.params.string('per_page') ?? PAGE_DEFAULTS.per_page;
  if (!/^\d+$/.test(rawPerPage) || Number(rawPerPage) < 1) throw invalidValue('per_page');
  const rawPage = ctx.params.string('page') ?? PAGE_DEFAULTS.page;
  if (!/^-?\d+$/.test(rawPage)) throw invalidType('page');
  if (Number(rawPage) < 1) throw invalidValue('page');
  const requestedPerPage = Number(rawPerPage);
  return { page: Number(rawPage), requestedPerPage, perPage: Math.min(requestedPerPage, MAX_PER_PAGE) };
}

function pageUrl(ctx: RouteContext, overrides: Query): string {
  return `${ctx.ser.base}${ctx.url.pathname}?${toQuery({ ...ctx.params.all, ...overrides })}`;
}

export interface OffsetOptions {
  /**
   * GitLab's offset ceiling for endpoints that also offer keyset pagination (gitlab-api.md §1.1):
   * past it, a 405 telling the client to use keyset pagination.
   */
  readonly offsetLimit?: { readonly limit: number; readonly type: string };
  /**
   * `paginate(..., without_count: true, exclude_total_headers: true)`, as repository commits
   * call it (gitlab-api.md §1.1): no `x-total`, `x-total-pages` or `rel="last"`, and the total is
   * taken as offset + rows + 1, so `x-next-page` is sent whenever the page is full, even when the
   * next page turns out to be empty.
   */
  readonly withoutCount?: boolean;
}

export function offsetPage<T>(ctx: RouteContext, items: readonly T[], render: (item: T) => Json, options: OffsetOptions = {}): Response {
  const { page, perPage, requestedPerPage } = readPageRequest(ctx);
  const ceiling = options.offsetLimit;
  if (ceiling && page * perPage > ceiling.limit) {
    throw new ApiError(405, {
      error: `Offset pagination has a maximum allowed offset of ${ceiling.limit} for requests that return objects of type ${ceiling.type}. Remaining records can be retrieved using keyset pagination.`,
    });
  }
  const withTotals = !options.withoutCount && items.length <= ctx.totalsLimit;
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  // Without a count, a full page always implies one more row.
  const total = options.withoutCount ? start + slice.length + (slice.length === perPage ? 1 : 0) : items.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  // Kaminari: past the end there is neither a next nor a previous page.
  const outOfRange = start >= total && page > 1;
  const nextPage = !outOfRange && start + perPage < total ? page + 1 : null;
  const prevPage = !outOfRange && page > 1 ? page - 1 : null;

  const href = (n: number): string => pageUrl(ctx, { page: String(n), per_page: String(requestedPerPage) });
  const links: string[] = [];
  if (prevPage !== null) links.push(`<${href(prevPage)}>; rel="prev"`);
  if (nextPage !== null) links.push(`<${href(nextPage)}>; rel="next"`);
  links.push(`<${href(1)}>; rel="first"`);
  if (withTotals) links.push(`<${href(totalPages)}>; rel="last"`);

  const headers: Record<string, string> = {
    'x-per-page': String(perPage),
    'x-page': String(page),
    'x-next-page': nextPage === null ? '' : String(nextPage),
    'x-prev-page': prevPage === null ? '' : String(prevPage),
    link: links.join(', '),
  };
  if (withTotals) {
    headers['x-total'] = String(total);
    headers['x-total-pages'] = String(totalPages);
  }
  return json(200, slice.map(render), headers);
}

/**
 * Keyset pagination by id (`GET /projects?pagination=keyset&order_by=id`). `items` are already
 * filtered by `id_after`/`id_before` and sorted. The next link replaces the bound with the last id
 * served; a short page means the end.
 */
export function keysetPage<T>(ctx: RouteContext, items: readonly T[], render: (item: T) => Json, idOf: (item: T) => number, sort: 'asc' | 'desc'): Response {
  const { perPage } = readPageRequest(ctx);
  const slice = items.slice(0, perPage);
  const headers: Record<string, string> = {};
  const last = slice[slice.length - 1];
  if (last !== undefined && slice.length === perPage) {
    const { id_after: _after, id_before: _before, ...rest } = ctx.params.all;
    const bound = sort === 'asc' ? { id_after: String(idOf(last)) } : { id_before: String(idOf(last)) };
    headers['link'] = `<${ctx.ser.base}${ctx.url.pathname}?${toQuery({ ...rest, ...bound })}>; rel="next"`;
  }
  return json(200, slice.map(render), headers);
}
