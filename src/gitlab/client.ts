/**
 * @module The GitLab REST v4 client the engine reads through (it satisfies the engine's
 * `ApiClient` structurally, without importing it). It pages lists by their `Link`/`x-next-page`
 * headers, retries what is worth retrying with backoff, keeps within one shared rate budget, and
 * sends the credential to `api_url`'s origin only.
 */
import { isSourceGitlabError, type SourceGitlabError } from '../errors.js';
import type { ApiUrl } from './api-url.js';
import { Authorizer } from './auth.js';
import { GitLabAuthError } from './errors/auth-error.js';
import { GitLabHttpError, dispositionOf, isRetriableStatus } from './errors/http-error.js';
import { GitLabResponseError } from './errors/response-error.js';
import { normalizeOptions, type GitLabClientOptions, type NormalizedOptions } from './options.js';
import { apiUrlOf, firstPageUrl, nextPage, pageKey, urlOfToken } from './pagination.js';
import { RateLimiter } from './rate-limit.js';
import { retryDelay } from './retry.js';
import { excerpt, sanitizePath } from './sanitize.js';
import { sendOnce, type Answer, type SendContext } from './send.js';
import { createTransport, type Transport } from './transport.js';

export type { GitLabClientOptions } from './options.js';
export type { Credentials, OAuthTokens } from './auth.js';

export type PageRequest = { readonly path: string; readonly params?: Readonly<Record<string, string>> } | { readonly next: string };
export interface ClientStats {
  /** HTTP requests sent to the API: every attempt and redirect hop (token refreshes not included). */
  readonly requests: number;
  readonly retries: number;
  /** 429 answers received. */
  readonly rateLimited: number;
  readonly refreshes: number;
}

/** Page chains kept for loop detection; beyond this the oldest (abandoned) chains are dropped. */
const MAX_CHAINS = 10_000;

export class GitLabClient {
  private readonly options: NormalizedOptions;
  private readonly transport: Transport;
  private readonly auth: Authorizer;
  private readonly send: SendContext;
  private readonly counts = { requests: 0, retries: 0, rateLimited: 0 };
  /** Next token → the pages its chain has visited, to stop on a token that comes back. */
  private readonly chains = new Map<string, Set<string>>();
  private closed = false;

  constructor(options: GitLabClientOptions) {
    const o = (this.options = normalizeOptions(options));
    this.transport = createTransport({ ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.caCert ? { caCert: o.caCert } : {}) });
    this.auth = new Authorizer({
      credentials: o.credentials,
      webBase: o.api.webBase,
      fetch: this.transport.fetch,
      clock: o.clock,
      log: o.log,
      requestTimeoutMs: o.requestTimeoutMs,
      ...(o.onTokensRotated ? { onTokensRotated: o.onTokensRotated } : {}),
    });
    const limiter = new RateLimiter({ requestsPerMinute: o.requestsPerMinute, maxConcurrency: o.maxConcurrency, clock: o.clock, log: o.log });
    this.send = {
      api: o.api,
      fetch: this.transport.fetch,
      limiter,
      auth: this.auth,
      clock: o.clock,
      log: o.log,
      timeoutMs: o.requestTimeoutMs,
      onRequest: () => void this.counts.requests++,
    };
  }

  get api(): ApiUrl {
    return this.options.api;
  }

  get stats(): ClientStats {
    return { ...this.counts, refreshes: this.auth.refreshes };
  }

  /** Every secret in use (and rotated away during this run), for log redaction. */
  secrets(): string[] {
    return this.auth.secrets();
  }

  /**
   * The first page of a list (`per_page` added), or the page a previous `next` names.
   * @example const { items, next } = await client.page({ path: '/projects/42/issues', params: { state: 'all' } });
   */
  async page(request: PageRequest, signal?: AbortSignal): Promise<{ items: unknown[]; next: string | null }> {
    const o = this.options;
    let url: URL;
    let seen: Set<string> | undefined;
    if ('next' in request) {
      const resolved = urlOfToken(o.api, request.next);
      if (!resolved) throw new Error(`Implementation error: ${JSON.stringify(request.next)} is not a page token of this client`);
      url = resolved;
      seen = this.chains.get(request.next);
    } else {
      url = firstPageUrl(o.api, request.path, request.params, o.perPage);
    }
    const answer = await this.request(url, signal);
    const items = answer.body;
    if (!Array.isArray(items)) {
      throw new GitLabResponseError({ ...this.where(answer), problem: 'not_a_list', detail: `expected a JSON array, got ${kindOf(items)}` });
    }
    const next = nextPage(o.api, answer.url, answer.headers);
    if ('next' in request) this.chains.delete(request.next);
    if (next === null) return { items, next: null };
    if ('outside' in next) {
      const detail = `its next-page link leaves the API (${sanitizePath(next.outside)} is not under ${new URL(o.api.apiBase).pathname})`;
      throw new GitLabResponseError({ ...this.where(answer), problem: 'foreign_link', detail });
    }
    seen ??= new Set([pageKey(url)]);
    const key = pageKey(new URL(o.api.apiBase + next.token));
    if (seen.has(key)) {
      throw new GitLabResponseError({ ...this.where(answer), problem: 'pagination_loop', detail: `loop detected: the next page is one already read (${sanitizePath(o.api.apiBase + next.token)})` });
    }
    seen.add(key);
    if (this.chains.size >= MAX_CHAINS) this.chains.delete(this.chains.keys().next().value as string);
    this.chains.set(next.token, seen);
    return { items, next: next.token };
  }

  /** One object: `GET {apiBase}{path}?{params}`. */
  async get(request: { readonly path: string; readonly params?: Readonly<Record<string, string>> }, signal?: AbortSignal): Promise<unknown> {
    return (await this.request(apiUrlOf(this.options.api, request.path, request.params), signal)).body;
  }

  /** Closes the keep-alive connections. The client cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.transport.close();
  }

  /** GET with retries: what a caller sees is a parsed 2xx body or one classified error. */
  private async request(url: URL, signal?: AbortSignal): Promise<Answer & { body: unknown; attempt: number }> {
    if (this.closed) throw new Error('Implementation error: GitLabClient used after close()');
    const { maxAttempts, clock, log, random } = this.options;
    let refreshedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      const gaveUp = attempt >= maxAttempts;
      let failure: SourceGitlabError;
      let answer: Answer | undefined;
      try {
        answer = await sendOnce(this.send, url, attempt, gaveUp, signal);
        if (answer.status === 401 && !refreshedAfter401 && (await this.auth.recover(answer.token))) {
          // The token expired or was rotated under this request: once more with the new one, not
          // counted as an attempt (a second 401 means the new token is refused too).
          refreshedAfter401 = true;
          attempt--;
          continue;
        }
        if (answer.status === 429) this.counts.rateLimited++;
        return { ...answer, body: this.interpret(answer, attempt, gaveUp), attempt };
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        if (!isSourceGitlabError(err) || err.disposition !== 'retriable' || gaveUp) throw err;
        failure = err;
      }
      const status = answer?.status ?? null;
      const { delayMs } = retryDelay(attempt, status, answer?.headers ?? null, { now: () => clock.now(), random });
      this.counts.retries++;
      log.warn('retrying request', {
        method: 'GET',
        path: sanitizePath(url),
        status,
        attempt,
        delay_ms: delayMs,
        ...(status === null ? { error: failure.message } : {}),
      });
      await clock.sleep(delayMs, signal);
    }
  }

  /** A 2xx body parsed, or the error this answer is. */
  private interpret(answer: Answer, attempt: number, gaveUp: boolean): unknown {
    const { status } = answer;
    const at = { ...this.where({ ...answer, attempt }), gaveUp };
    if (status >= 200 && status <= 299) {
      try {
        return JSON.parse(answer.text) as unknown;
      } catch (cause) {
        // A proxy that cut the body short, or an HTML error page: worth another try.
        const start = excerpt(answer.text.slice(0, 120), this.secrets());
        throw new GitLabResponseError({ ...at, problem: 'invalid_json', detail: `the body is not valid JSON (${start ? `it starts ${JSON.stringify(start)}` : 'it is empty'})`, cause });
      }
    }
    const body = excerpt(answer.text, this.secrets());
    if (status === 401) {
      const advice = this.auth.kind === 'token'
        ? 'check that the access token exists, has not expired or been revoked, and has the read_api scope'
        : 'it was refused even after an OAuth refresh; re-authorize the GitLab connection';
      throw new GitLabAuthError({ ...at, reason: 'token_rejected', advice });
    }
    if (status === 403 && errorField(answer.text) === 'insufficient_scope') {
      throw new GitLabAuthError({ ...at, reason: 'insufficient_scope', advice: 'use a token with the read_api scope' });
    }
    const disposition = dispositionOf(status);
    throw new GitLabHttpError({ ...at, statusText: answer.statusText, body, disposition, gaveUp: gaveUp && isRetriableStatus(status) });
  }

  /** The request an error is about. */
  private where(answer: Answer & { attempt: number }): { method: string; url: URL; status: number; attempt: number } {
    return { method: 'GET', url: answer.url, status: answer.status, attempt: answer.attempt };
  }
}

/** `error` of an OAuth-style JSON body (`{"error":"insufficient_scope",…}`). */
function errorField(text: string): string | undefined {
  try {
    const v = JSON.parse(text) as { error?: unknown } | null;
    return typeof v?.error === 'string' ? v.error : undefined;
  } catch {
    return undefined;
  }
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v;
}
