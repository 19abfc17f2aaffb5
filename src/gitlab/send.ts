/**
 * @module One attempt of one GET: wait for the shared budget, put the credential on, send with a
 * timeout, follow same-origin redirects, read the body. Deciding what the answer means (and
 * whether to try again) is the client's job.
 */
import type { Logger } from '../log/logger.js';
import type { ApiUrl } from './api-url.js';
import type { Authorizer } from './auth.js';
import type { Clock } from './clock.js';
import { GitLabHttpError } from './errors/http-error.js';
import { GitLabNetworkError, isTlsVerificationError } from './errors/network-error.js';
import type { Permit, RateLimiter } from './rate-limit.js';
import { sanitizePath } from './sanitize.js';
import type { FetchLike } from './transport.js';

export interface SendContext {
  readonly api: ApiUrl;
  readonly fetch: FetchLike;
  readonly limiter: RateLimiter;
  readonly auth: Authorizer;
  readonly clock: Clock;
  readonly log: Logger;
  readonly timeoutMs: number;
  /** Called for every HTTP request sent, redirect hops included. */
  readonly onRequest: () => void;
}

/** A complete answer (any status), read within the timeout. */
export interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly text: string;
  /** The URL that answered (after redirects). */
  readonly url: URL;
  /** The credential it was sent with, to tell a stale token from a refreshed one after a 401. */
  readonly token: string;
}

/** GitLab answers a moved project with 301 (docs §4); the others are here for proxies. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

export async function sendOnce(ctx: SendContext, url: URL, attempt: number, gaveUp: boolean, signal?: AbortSignal): Promise<Answer> {
  const permit = await ctx.limiter.acquire(signal);
  try {
    const { headers, token } = await ctx.auth.authorize();
    // Started after the budget wait and any token refresh: it bounds GitLab's answer only.
    const deadline = startDeadline(ctx.timeoutMs, signal);
    try {
      return { ...(await exchange(ctx, url, headers, permit, deadline.signal, attempt)), token };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason; // the caller stopped: not a failure to retry
      if (!(cause instanceof Unanswered)) throw cause;
      const common = { method: 'GET', url: cause.url, attempt, gaveUp, cause: cause.cause };
      if (isTlsVerificationError(cause.cause)) {
        const advice = 'if GitLab uses a private certificate authority, give its PEM bundle as the CA certificate';
        throw new GitLabNetworkError({ ...common, problem: 'presented a TLS certificate that does not verify', advice, disposition: 'fatal' });
      }
      const problem = deadline.timedOut ? `did not answer within ${ctx.timeoutMs} ms` : cause.problem;
      throw new GitLabNetworkError({ ...common, problem });
    } finally {
      deadline.dispose();
    }
  } finally {
    permit.release();
  }
}

/** The transport failed before a complete answer; `sendOnce` says why. */
class Unanswered extends Error {
  constructor(readonly problem: string, readonly url: URL, cause: unknown) {
    super(problem, { cause });
  }
}

/** Sends, follows same-origin redirects, and reads the body. */
async function exchange(ctx: SendContext, url: URL, headers: Record<string, string>, permit: Permit, signal: AbortSignal, attempt: number): Promise<Omit<Answer, 'token'>> {
  let current = url;
  for (let hop = 0; ; hop++) {
    ctx.onRequest();
    const started = ctx.clock.now();
    let res: Response;
    try {
      res = await ctx.fetch(current.toString(), {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'source-gitlab', ...headers },
        redirect: 'manual', // a credential never follows a redirect by itself
        signal,
      });
    } catch (cause) {
      throw new Unanswered('could not be reached', current, cause);
    }
    permit.observe(res.status, res.headers);
    ctx.log.debug('request', { method: 'GET', path: sanitizePath(current), status: res.status, duration_ms: ctx.clock.now() - started });

    const location = REDIRECTS.has(res.status) ? res.headers.get('location') : null;
    if (location !== null) {
      await res.text().catch(() => ''); // drain, so the connection goes back to the pool
      current = redirectTarget(ctx.api, current, location, res, hop, attempt);
      continue;
    }
    try {
      return { status: res.status, statusText: res.statusText, headers: res.headers, text: await res.text(), url: current };
    } catch (cause) {
      throw new Unanswered('sent a truncated answer', current, cause);
    }
  }
}

/**
 * The caller's signal plus a timeout, by hand rather than `AbortSignal.any`: a capture's signal
 * lives for the whole run, and this removes its listener after every request instead of leaving
 * thousands of them for the garbage collector.
 */
function startDeadline(ms: number, outer?: AbortSignal): { readonly signal: AbortSignal; readonly timedOut: boolean; dispose(): void } {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort(outer?.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
  }, ms);
  timer.unref();
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

/** Where a redirect may be followed: the same origin only, and not too often. */
function redirectTarget(api: ApiUrl, current: URL, location: string, res: Response, hop: number, attempt: number): URL {
  const common = { method: 'GET', url: current, status: res.status, statusText: res.statusText, body: '', attempt, disposition: 'fatal' } as const;
  let target: URL;
  try {
    target = new URL(location, current);
  } catch {
    throw new GitLabHttpError({ ...common, note: 'its Location header is not a URL' });
  }
  if (target.origin !== api.origin) {
    // Name the host only: the full Location may carry anything.
    const note = `it redirects to another host (${target.host}); the redirect was not followed with the credential (if GitLab moved, set api_url to that host)`;
    throw new GitLabHttpError({ ...common, note });
  }
  if (hop >= MAX_REDIRECTS) throw new GitLabHttpError({ ...common, note: `more than ${MAX_REDIRECTS} redirects; not followed` });
  return target;
}
