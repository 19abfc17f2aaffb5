/**
 * @module The route table: method + path pattern → handler. A pattern's `:name` segments match
 * one URL-decoded path segment, so `/projects/acme%2Fapi` finds project `acme/api` while an
 * unencoded `/projects/acme/api` matches nothing and gets Grape's 404, as on GitLab
 * (gitlab-api.md §4 "Encoding"). Adding an endpoint is adding a row.
 */
import type { Db } from './data/model.js';
import type { SerializeContext } from './data/serialize.js';
import type { Params } from './params.js';

export interface RouteContext {
  readonly url: URL;
  /** Decoded path parameters: `{ id: 'acme/platform' }`. */
  readonly path: Readonly<Record<string, string>>;
  /** Query parameters over the route's defaults, plus the path parameters (Grape merges them). */
  readonly params: Params;
  readonly db: Db;
  readonly ser: SerializeContext;
  /** The user the token belongs to. */
  readonly userId: number;
  /** Above this many matching records, offset pagination omits its totals. */
  readonly totalsLimit: number;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below `/api/v4`: `/projects/:id/issues`. */
  readonly pattern: string;
  /**
   * Declared parameter defaults. Grape puts them into `params`, so they are echoed in Link
   * headers: a real GitLab link carries `order_by=created_at&sort=desc...` the client never sent.
   */
  readonly defaults?: Readonly<Record<string, string>>;
  readonly handle: (ctx: RouteContext) => Response | Promise<Response>;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly path: Record<string, string> }
  | { readonly kind: 'wrong-method' }
  | { readonly kind: 'none' };

/** `segments` are the raw (still encoded) segments below `/api/v4`. */
export function matchRoute(routes: readonly Route[], method: string, segments: readonly string[]): RouteMatch {
  let wrongMethod = false;
  for (const route of routes) {
    const path = matchPattern(route.pattern, segments);
    if (!path) continue;
    if (route.method === method) return { kind: 'found', route, path };
    wrongMethod = true;
  }
  return wrongMethod ? { kind: 'wrong-method' } : { kind: 'none' };
}

function matchPattern(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter((s) => s !== '');
  if (parts.length !== segments.length) return undefined;
  const path: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const raw = segments[i] as string;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (part.startsWith(':')) {
      if (value === '') return undefined;
      path[part.slice(1)] = value;
    } else if (part !== value) {
      return undefined;
    }
  }
  return path;
}
