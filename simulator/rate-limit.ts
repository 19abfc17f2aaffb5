/**
 * @module GitLab's two kinds of rate limit (gitlab-api.md §2.2), on real time, because the
 * connector's limiter runs on real time too; windows are configurable so tests take seconds.
 *
 * - Rack::Attack's authenticated-API throttle counts per user in fixed windows (Rack::Attack
 *   buckets by `now / period`) and puts `RateLimit-*` headers on every response it tracks; over
 *   the limit it answers 429 `text/plain` `Retry later\n` with `Retry-After` and
 *   `RateLimit-ResetTime`. Throttled requests are counted too, so `Observed` can pass `Limit`.
 * - Application limits on single routes (`GET /projects`, `/groups/:id/projects`) send **no**
 *   headers at all and answer 429 JSON `{"message":{"error":"This endpoint has been requested too many times. Try again later."}}`.
 */
import { json } from './errors.js';

export interface UserLimitOptions {
  /** Requests per window per user. */
  readonly limit: number;
  /** @default 60_000 */
  readonly windowMs?: number;
}

export interface EndpointLimitOptions {
  /** A route pattern as the router writes it: `/projects`, `/groups/:id/projects`. GET only. */
  readonly route: string;
  readonly limit: number;
  /** @default 60_000 */
  readonly windowMs?: number;
}

export interface NormalizedRateLimits {
  readonly user: { readonly limit: number; readonly windowMs: number } | null;
  readonly endpoints: readonly { readonly route: string; readonly limit: number; readonly windowMs: number }[];
}

export const THROTTLE_NAME = 'throttle_authenticated_api';
export const ENDPOINT_LIMITED = { message: { error: 'This endpoint has been requested too many times. Try again later.' } };

function positive(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new TypeError(`simulator option ${name} must be a positive integer, got ${v}`);
  return v;
}

export function normalizeRateLimits(user: UserLimitOptions | undefined, endpoints: readonly EndpointLimitOptions[] | undefined): NormalizedRateLimits {
  return {
    user: user ? { limit: positive('rateLimit.limit', user.limit), windowMs: positive('rateLimit.windowMs', user.windowMs ?? 60_000) } : null,
    endpoints: (endpoints ?? []).map((e) => ({
      route: e.route,
      limit: positive(`endpointLimits[${e.route}].limit`, e.limit),
      windowMs: positive(`endpointLimits[${e.route}].windowMs`, e.windowMs ?? 60_000),
    })),
  };
}

/** Fixed-window counters keyed by user (and route). */
export class RateLimits {
  private readonly counts = new Map<string, { bucket: number; n: number }>();

  constructor(private readonly options: NormalizedRateLimits, private readonly now: () => number = Date.now) {}

  /**
   * Counts a request of `user` against the throttle. Returns the headers every tracked response
   * carries and, over the limit, the 429 to send instead.
   */
  throttle(user: number): { headers: Record<string, string>; limited: Response | null } {
    const t = this.options.user;
    if (!t) return { headers: {}, limited: null };
    const now = this.now();
    const { n, resetAt } = this.count(`user:${user}`, t.windowMs, now);
    const headers: Record<string, string> = {
      'ratelimit-name': THROTTLE_NAME,
      // "Quota per minute, normalised when the period is not 60 s" (docs §2.2).
      'ratelimit-limit': String(Math.ceil((t.limit * 60_000) / t.windowMs)),
      'ratelimit-observed': String(n),
      'ratelimit-remaining': String(Math.max(0, t.limit - n)),
      // Unix seconds, rounded up so a client that waits for it is never early.
      'ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    };
    if (n <= t.limit) return { headers, limited: null };
    const limitedHeaders = {
      ...headers,
      'content-type': 'text/plain',
      'retry-after': String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
      'ratelimit-resettime': new Date(resetAt).toUTCString(),
    };
    return { headers, limited: new Response('Retry later\n', { status: 429, headers: limitedHeaders }) };
  }

  /** The application limit of a GET route, if it has one: null, or the header-less 429. */
  endpoint(user: number, method: string, route: string): Response | null {
    if (method !== 'GET' && method !== 'HEAD') return null;
    const e = this.options.endpoints.find((x) => x.route === route);
    if (!e) return null;
    const { n } = this.count(`route:${route}:${user}`, e.windowMs, this.now());
    return n > e.limit ? json(429, ENDPOINT_LIMITED) : null;
  }

  private count(key: string, windowMs: number, now: number): { n: number; resetAt: number } {
    const bucket = Math.floor(now / windowMs);
    const c = this.counts.get(key);
    const n = c && c.bucket === bucket ? c.n + 1 : 1;
    this.counts.set(key, { bucket, n });
    return { n, resetAt: (bucket + 1) * windowMs };
  }
}
