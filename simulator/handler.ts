/**
 * @module The request pipeline, in GitLab's order: a path outside `/api/v4` or an unknown route
 * is answered before authentication (Grape's catch-all needs no token), then the token is checked,
 * then the route runs. Every failure becomes GitLab's response for it.
 */
import { authenticate, type Credentials, type TokenBook } from './auth.js';
import type { Db } from './data/model.js';
import type { Tier } from './data/serialize.js';
import { ApiError, json, methodNotAllowed, routeNotFound } from './errors.js';
import { Params, parseQuery } from './params.js';
import { matchRoute, type Route } from './router.js';

const API_PREFIX = '/api/v4';

export interface HandlerDeps {
  readonly db: Db;
  readonly routes: readonly Route[];
  readonly tokens: TokenBook;
  readonly tier: Tier;
  readonly totalsLimit: number;
  /** Simulator clock, epoch ms. */
  readonly now: () => number;
  /** The instance's base URL for this request (links, `web_url`s). */
  readonly baseFor: (url: URL) => string;
}

export async function handleRequest(deps: HandlerDeps, req: Request, url: URL, credentials: Credentials): Promise<Response> {
  try {
    return await route(deps, req, url, credentials);
  } catch (err) {
    if (err instanceof ApiError) return err.toResponse();
    // A simulator bug: answer as GitLab does, but say so where a developer will look.
    process.stderr.write(`simulator: ${req.method} ${url.pathname} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    return json(500, { message: '500 Internal Server Error' });
  }
}

async function route(deps: HandlerDeps, req: Request, url: URL, credentials: Credentials): Promise<Response> {
  const { pathname } = url;
  if (pathname.startsWith('/api/v3/')) {
    throw new ApiError(410, { error: 'API V3 is no longer supported. Use API V4 instead.' });
  }
  if (!pathname.startsWith(`${API_PREFIX}/`)) {
    return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const segments = pathname.slice(API_PREFIX.length + 1).split('/');
  // Grape answers HEAD on every GET route (the server adapter drops the body).
  const match = matchRoute(deps.routes, req.method === 'HEAD' ? 'GET' : req.method, segments);
  if (match.kind === 'none') throw routeNotFound();
  if (match.kind === 'wrong-method') throw methodNotAllowed();

  authenticate(credentials, deps.tokens);
  const params = new Params({ ...parseQuery(url.searchParams), ...match.path }, match.route.defaults);
  return match.route.handle({
    url,
    path: match.path,
    params,
    db: deps.db,
    ser: { db: deps.db, base: deps.baseFor(url), tier: deps.tier, now: deps.now() },
    userId: deps.db.currentUserId,
    totalsLimit: deps.totalsLimit,
  });
}
