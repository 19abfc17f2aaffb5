/**
 * @module Answers that point away from the instance, to test that a client keeps its credential
 * home: a `Link` header whose next page names another origin (a proxy that rewrites hosts, or a
 * malicious one), and GitLab's 301 for a project moved to a new path (gitlab-api.md §4
 * "Redirects"), optionally on another origin.
 */

export interface MovedProject {
  /** The old full path, as a client would still ask for it: `acme/old-api`. */
  readonly from: string;
  /** The project's current full path: `acme/platform/api`. */
  readonly to: string;
  /** Scheme, host and port the `Location` names. @default the instance's own base URL */
  readonly origin?: string;
}

export function normalizeMoves(moves: readonly MovedProject[] | undefined): readonly MovedProject[] {
  for (const m of moves ?? []) {
    if (!m.from || !m.to) throw new TypeError('simulator option movedProjects: each entry needs from and to');
    if (m.origin !== undefined) new URL(m.origin); // throws on a bad URL
  }
  return moves ?? [];
}

/**
 * The 301 for a request by a moved project's old path (`/api/v4/projects/acme%2Fold-api/issues`),
 * or null. GitLab redirects only requests by path, never by id.
 */
export function movedProjectRedirect(moves: readonly MovedProject[], url: URL, base: string): Response | null {
  const m = /^\/api\/v4\/projects\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (!m?.[1]) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  const move = moves.find((x) => x.from === id);
  if (!move) return null;
  const location = `${move.origin ?? base}/api/v4/projects/${encodeURIComponent(move.to)}${m[2] ?? ''}${url.search}`;
  return new Response(`This resource has been moved permanently to ${location}.`, {
    status: 301,
    headers: { location, 'content-type': 'text/plain' },
  });
}

/** Rewrites the origin of every link in a `Link` header; returns whether there was one. */
export function rewriteLinkOrigin(response: Response, origin: string): boolean {
  const link = response.headers.get('link');
  if (!link) return false;
  response.headers.set('link', link.replace(/<([^>]+)>/g, (_, href: string) => {
    const u = new URL(href);
    return `<${origin}${u.pathname}${u.search}>`;
  }));
  return true;
}
