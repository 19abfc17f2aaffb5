/**
 * @module The client's options: all optional in the public type (each with its `@default`),
 * complete inside. {@link normalizeOptions} is the one place that fills defaults and rejects a bad
 * value by naming the field, as ky's `normalize.ts` does.
 */
import { silentLogger, type Logger } from '../log/logger.js';
import { normalizeApiUrl, type ApiUrl } from './api-url.js';
import type { Credentials, OAuthTokens } from './auth.js';
import { systemClock, type Clock } from './clock.js';
import { GitLabConfigError } from './errors/config-error.js';
import type { FetchLike } from './transport.js';

export interface GitLabClientOptions {
  /** `gitlab.example.com`, `https://gitlab.example.com/`, `https://example.org/gitlab`; empty means gitlab.com. */
  apiUrl: string;
  credentials: Credentials;
  /** Awaited after every OAuth refresh, before any other request is sent: the caller persists the rotated tokens (a checkpoint). */
  onTokensRotated?: (tokens: OAuthTokens) => Promise<void>;
  /** Transport. @default undici fetch through a keep-alive Agent */
  fetch?: FetchLike;
  /** PEM bundle for self-hosted GitLab behind a private CA, added to the public roots. TLS is always verified. */
  caCert?: string;
  /** @default the system clock */
  clock?: Clock;
  /** @default a logger that drops everything */
  log?: Logger;
  /** Items per page, 1 to 100 (GitLab caps at 100). @default 100 */
  perPage?: number;
  /** Per attempt, body included. @default 60_000 */
  requestTimeoutMs?: number;
  /** Tries per request, the first included. @default 6 */
  maxAttempts?: number;
  /** Budget shared by all requests of the client. @default 2000 (gitlab.com, authenticated API) */
  requestsPerMinute?: number;
  /** Requests in flight at once. @default 8 */
  maxConcurrency?: number;
  /** Jitter source, in [0, 1). @default Math.random */
  random?: () => number;
}

export interface NormalizedOptions {
  readonly api: ApiUrl;
  readonly credentials: Credentials;
  readonly onTokensRotated?: (tokens: OAuthTokens) => Promise<void>;
  readonly fetch?: FetchLike;
  readonly caCert?: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly perPage: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
  readonly requestsPerMinute: number;
  readonly maxConcurrency: number;
  readonly random: () => number;
}

const DEFAULTS = {
  perPage: 100,
  requestTimeoutMs: 60_000,
  maxAttempts: 6,
  requestsPerMinute: 2000,
  maxConcurrency: 8,
} as const;

export function normalizeOptions(options: GitLabClientOptions): NormalizedOptions {
  const n = (field: keyof typeof DEFAULTS): number => options[field] ?? DEFAULTS[field];
  return {
    api: normalizeApiUrl(options.apiUrl),
    credentials: checkCredentials(options.credentials),
    ...(options.onTokensRotated ? { onTokensRotated: options.onTokensRotated } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.caCert ? { caCert: checkCaCert(options.caCert) } : {}),
    clock: options.clock ?? systemClock,
    log: options.log ?? silentLogger,
    perPage: integer('perPage', n('perPage'), 1, 100),
    requestTimeoutMs: integer('requestTimeoutMs', n('requestTimeoutMs'), 1, 3_600_000),
    maxAttempts: integer('maxAttempts', n('maxAttempts'), 1, 100),
    // Below 10 a minute the burst-and-refill split of the limiter stops making sense.
    requestsPerMinute: integer('requestsPerMinute', n('requestsPerMinute'), 10, 1_000_000),
    maxConcurrency: integer('maxConcurrency', n('maxConcurrency'), 1, 256),
    random: options.random ?? Math.random,
  };
}

function integer(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new GitLabConfigError(field, `must be an integer from ${min} to ${max}; got ${String(value)}`);
  }
  return value;
}

function checkCredentials(c: Credentials | undefined): Credentials {
  if (!c || (c.kind !== 'token' && c.kind !== 'oauth')) {
    throw new GitLabConfigError('credentials', "must be { kind: 'token', … } or { kind: 'oauth', … }");
  }
  const required = c.kind === 'token' ? (['token'] as const) : (['clientId', 'clientSecret', 'accessToken', 'refreshToken', 'expiresAt'] as const);
  for (const field of required) {
    const v = (c as Record<string, unknown>)[field];
    if (typeof v !== 'string' || v.trim() === '') throw new GitLabConfigError(`credentials.${field}`, 'must be a non-empty string');
  }
  if (c.kind === 'oauth' && Number.isNaN(Date.parse(c.expiresAt))) {
    // Not echoed: it is not secret, but keep every credential field out of messages alike.
    throw new GitLabConfigError('credentials.expiresAt', 'must be an ISO 8601 date-time such as 2024-05-01T12:00:00Z');
  }
  return c;
}

function checkCaCert(pem: string): string {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new GitLabConfigError('caCert', 'must be a PEM bundle (-----BEGIN CERTIFICATE----- …)');
  }
  return pem;
}
