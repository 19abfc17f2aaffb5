/**
 * @module Page tokens. A token is the path and query of a page relative to the API base
 * (`/projects/42/issues?page=2&per_page=100`): opaque to callers, small enough for state, and
 * always resolved against `api_url`'s origin, never against the host GitLab wrote into its `Link`
 * header (behind a proxy that host differs, and the credential must not follow it there).
 */
import type { ApiUrl } from './api-url.js';
import { nextLink } from './link-header.js';

/** The URL of a list's first page: `per_page` added unless the caller set it. */
export function firstPageUrl(api: ApiUrl, path: string, params: Readonly<Record<string, string>> | undefined, perPage: number): URL {
  const url = apiUrlOf(api, path, params);
  if (!url.searchParams.has('per_page')) url.searchParams.set('per_page', String(perPage));
  return url;
}

/** `{apiBase}{path}?{params}`; `path` must start with `/` and carry no query. */
export function apiUrlOf(api: ApiUrl, path: string, params?: Readonly<Record<string, string>>): URL {
  if (!path.startsWith('/') || path.includes('?') || path.includes('#')) {
    throw new Error(`Implementation error: an API path must start with "/" and carry no query; got ${JSON.stringify(path)}`);
  }
  const url = new URL(api.apiBase + path);
  for (const [k, v] of Object.entries(params ?? {})) url.searchParams.set(k, v);
  return url;
}

/** The URL a token names, or null when it would leave the API (a forged or corrupted token). */
export function urlOfToken(api: ApiUrl, token: string): URL | null {
  if (!token.startsWith('/') || token.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(api.apiBase + token);
  } catch {
    return null;
  }
  return tokenOf(api, url) === null ? null : url;
}

/** The token of a URL on any host, or null when its path is outside the API base path. */
export function tokenOf(api: ApiUrl, url: URL): string | null {
  const basePath = new URL(api.apiBase).pathname;
  if (!url.pathname.startsWith(basePath + '/')) return null;
  return url.pathname.slice(basePath.length) + url.search;
}

export type NextPage = { token: string } | { outside: URL } | null;

/**
 * The next page: the `Link` rel="next" target (offset or keyset), else `x-next-page` applied to
 * the current URL, else none. A short page is never taken as the end: only these headers are.
 */
export function nextPage(api: ApiUrl, current: URL, headers: Headers): NextPage {
  const link = nextLink(headers.get('link'));
  if (link !== null) {
    const target = new URL(link, current);
    const token = tokenOf(api, target);
    return token === null ? { outside: target } : { token };
  }
  const page = headers.get('x-next-page')?.trim();
  if (!page) return null;
  const url = new URL(current);
  url.searchParams.set('page', page);
  const token = tokenOf(api, url);
  return token === null ? { outside: url } : { token };
}

/**
 * The same page however its query is ordered (Rails re-sorts the keys of its links), and with
 * `page=1` meaning the same as no `page`.
 */
export function pageKey(url: URL): string {
  const params = [...url.searchParams].filter(([k, v]) => !(k === 'page' && v === '1')).sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  return url.pathname + '?' + new URLSearchParams(params).toString();
}
