/**
 * @module The request pipeline, in GitLab's order: a path outside `/api/v4` or an unknown route
 * is answered before authentication (Grape's catch-all needs no token), then the token is checked,
 * then the token is counted against the rate limits (Rack::Attack's headers go on every answer
 * from then on), then the route runs. Every failure becomes GitLab's response for it.
 * `POST /oauth/token` lives outside the API, as on GitLab.
 */
import { authenticate, type Credentials, type TokenBook } from './auth.js';
import type { Db } from './data/model.js';
import type { Tier } from './data/serialize.js';
import { ApiError, json, methodNotAllowed, routeNotFound } from './errors.js';
import { Params, parseQuery } from './params.js';
import { matchRoute, type Route } from './router.js';
import { movedProjectRedirect, type MovedProject } from './faults-links.js';
import type { OAuthServer } from './oauth.js';
import type { RateLimits } from './rate-limit.js';

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
  /** OAuth tokens and `POST /oauth/token`. */
  readonly oauth: OAuthServer;
  readonly rateLimits: RateLimits;
  readonly movedProjects: readonly MovedProject[];
}

export async function handleRequest(deps: HandlerDeps, req: Request, url: URL, credentials: Credentials): Promise<Response> {
  // Rack::Attack's headers, once the request has been counted: on errors too.
  const limitHeaders: Record<string, string> = {};
  try {
    return withHeaders(await route(deps, req, url, credentials, limitHeaders), limitHeaders);
  } catch (err) {
    if (err instanceof ApiError) return withHeaders(err.toResponse(), limitHeaders);
    // A simulator bug: answer as GitLab does, but say so where a developer will look.
    process.stderr.write(`simulator: ${req.method} ${url.pathname} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    return json(500, { message: '500 Internal Server Error' });
  }
}

async function route(deps: HandlerDeps, req: Request, url: URL, credentials: Credentials, limitHeaders: Record<string, string>): Promise<Response> {
  const { pathname } = url;
  if (pathname === '/oauth/token') return deps.oauth.tokenEndpoint(req);
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

  authenticate(credentials, deps.tokens, (token) => deps.oauth.check(token));
  const user = deps.db.currentUserId;
  const throttle = deps.rateLimits.throttle(user);
  Object.assign(limitHeaders, throttle.headers);
  if (throttle.limited) return throttle.limited;
  const moved = movedProjectRedirect(deps.movedProjects, url, deps.baseFor(url));
  if (moved) return moved;
  const endpointLimited = deps.rateLimits.endpoint(user, req.method, match.route.pattern);
  if (endpointLimited) return endpointLimited;
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

function withHeaders(response: Response, headers: Record<string, string>): Response {
  const names = Object.keys(headers);
  if (names.length === 0) return response;
  const merged = new Headers(response.headers);
  for (const name of names) if (!merged.has(name)) merged.set(name, headers[name] as string);
  // A new Response: a route may have answered with immutable headers.
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}
