/**
 * @module When to try again. Like ky's `retry-timing.ts`: a time the server gave wins and is used
 * as is (no jitter: the server knows when the quota resets); otherwise exponential backoff with
 * full jitter, so parallel requests that failed together do not come back together.
 */

/** Backoff before the 2nd attempt (before jitter); doubles each attempt. */
export const BACKOFF_BASE_MS = 1_000;
/** Longest computed backoff. */
export const BACKOFF_CAP_MS = 60_000;
/**
 * Longest server-given wait honoured. Rack::Attack periods are at most an hour on self-managed
 * GitLab; anything longer is a misconfigured proxy or a clock far off, and the next attempt
 * simply asks again.
 */
export const SERVER_DELAY_CAP_MS = 3_600_000;

export interface RetryTiming {
  readonly now: () => number;
  /** In [0, 1). */
  readonly random: () => number;
}

export interface RetryDelay {
  readonly delayMs: number;
  /** The delay came from `Retry-After` or `RateLimit-Reset`. */
  readonly fromServer: boolean;
}

/**
 * The wait after failed attempt `attempt` (1-based). `status` is null for network failures.
 * @example retryDelay(1, null, null, { now, random: () => 0.5 }).delayMs === 500
 */
export function retryDelay(attempt: number, status: number | null, headers: Headers | null, timing: RetryTiming): RetryDelay {
  const server = status === 429 || status === 503 ? serverDelay(headers, timing.now()) : null;
  if (server !== null) return { delayMs: server, fromServer: true };
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return { delayMs: Math.floor(timing.random() * ceiling), fromServer: false };
}

/**
 * `Retry-After` first (RFC 9110: seconds or an HTTP date), then GitLab's `RateLimit-Reset`
 * (Unix seconds), then `RateLimit-ResetTime` (HTTP date), which GitLab adds on a 429.
 */
export function serverDelay(headers: Headers | null, now: number): number | null {
  if (!headers) return null;
  const ms =
    parseRetryAfter(headers.get('retry-after'), now) ??
    parseResetEpoch(headers.get('ratelimit-reset'), now) ??
    parseHttpDate(headers.get('ratelimit-resettime'), now);
  return ms === null ? null : Math.min(SERVER_DELAY_CAP_MS, Math.max(0, ms));
}

export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  return parseHttpDate(v, now);
}

/**
 * GitLab sends Unix seconds (`1609844400`). Other servers send seconds to wait (the IETF draft),
 * so a small number is read as a delta: no real reset time lies before 2001.
 */
export function parseResetEpoch(value: string | null, now: number): number | null {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  const n = Number(value);
  return n > 1e9 ? n * 1000 - now : n * 1000;
}

function parseHttpDate(value: string | null, now: number): number | null {
  if (value === null) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t - now;
}
