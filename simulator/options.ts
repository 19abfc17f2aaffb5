/**
 * @module The simulator's options: all optional in the public type, complete inside
 * ({@link normalizeOptions}), with bad values rejected by name.
 */
import type { Tier } from './data/serialize.js';
import { normalizeFaults, type FaultOptions, type NormalizedFaults } from './faults.js';
import { normalizeMoves, type MovedProject } from './faults-links.js';
import { normalizeOAuth, type NormalizedOAuth, type OAuthClient, type OAuthRotation, type OAuthTokenPair } from './oauth.js';
import { DEFAULT_TOTALS_LIMIT } from './pagination.js';
import { normalizeRateLimits, type EndpointLimitOptions, type NormalizedRateLimits, type UserLimitOptions } from './rate-limit.js';

/** The personal access token every simulator accepts unless told otherwise. Tests scan output for it. */
export const DEFAULT_TOKEN = 'glpat-SIMULATOR-SECRET-0000000000';

export interface SimulatorOptions {
  /** Seeds every random choice: same seed, byte-identical data. @default 1 */
  seed?: number;
  /** Valid personal access tokens, all belonging to the simulated user. @default [DEFAULT_TOKEN] */
  tokens?: readonly string[];
  /** Issues in the big project (id 1003). @default 250 */
  bigProjectIssues?: number;
  /** Scheme, host and port used in Link headers and `web_url`s. @default the listening address */
  baseUrl?: string;
  /** Tokens answered with 401 `invalid_token` "Token is expired...". @default [] */
  expiredTokens?: readonly string[];
  /** Tokens answered with 401 `invalid_token` "Token was revoked...". @default [] */
  revokedTokens?: readonly string[];
  /** Above this many matching records, offset pagination omits its totals. @default 10000 */
  totalsLimit?: number;
  /** License tier: Premium and Ultimate add fields (`weight`, `mirror`, ...). @default 'ultimate' */
  tier?: Tier;

  // ---- Misbehaviour on purpose (issue 4): all off by default. ----
  /** OAuth applications that may use `POST /oauth/token`. @default [] */
  oauthClients?: readonly OAuthClient[];
  /** OAuth token pairs valid at the start, issued at the clock's start. @default [] */
  oauthTokens?: readonly OAuthTokenPair[];
  /** OAuth access token lifetime on the simulator clock. @default 7_200_000 (GitLab's 2 hours) */
  accessTokenLifetimeMs?: number;
  /**
   * `strict` (documented): a refresh kills the old pair at once. `revoke-on-use` (GitLab's code,
   * Doorkeeper's `refresh_token_revoked_on_use`): the old pair lives until the new access token is
   * first used. @default 'strict'
   */
  oauthRotation?: OAuthRotation;
  /** Rack::Attack's authenticated-API throttle, per user, with RateLimit-* headers. @default off */
  rateLimit?: UserLimitOptions;
  /** Application limits on single routes (`/projects`, `/groups/:id/projects`): 429 JSON, no headers. @default [] */
  endpointLimits?: readonly EndpointLimitOptions[];
  /** Seeded fault injection on `/api/v4` requests. @default off */
  faults?: FaultOptions;
  /** Projects moved to another path (and maybe another origin): requests by the old path get 301. @default [] */
  movedProjects?: readonly MovedProject[];
}

export interface NormalizedOptions {
  readonly seed: number;
  readonly tokens: readonly string[];
  readonly bigProjectIssues: number;
  readonly baseUrl: string | undefined;
  readonly expiredTokens: readonly string[];
  readonly revokedTokens: readonly string[];
  readonly totalsLimit: number;
  readonly tier: Tier;
  readonly oauth: NormalizedOAuth;
  readonly rateLimits: NormalizedRateLimits;
  readonly faults: NormalizedFaults | null;
  readonly movedProjects: readonly MovedProject[];
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`simulator option ${name} must be a non-negative integer, got ${value}`);
  return value;
}

export function normalizeOptions(options: SimulatorOptions = {}): NormalizedOptions {
  let baseUrl: string | undefined;
  if (options.baseUrl !== undefined) {
    const url = new URL(options.baseUrl);
    if (url.pathname !== '/' || url.search !== '') throw new TypeError(`simulator option baseUrl must be scheme://host[:port], got ${options.baseUrl}`);
    baseUrl = url.origin;
  }
  const tier = options.tier ?? 'ultimate';
  if (!['free', 'premium', 'ultimate'].includes(tier)) throw new TypeError(`simulator option tier must be free, premium or ultimate, got ${tier}`);
  return {
    seed: nonNegativeInteger('seed', options.seed, 1),
    tokens: options.tokens ?? [DEFAULT_TOKEN],
    bigProjectIssues: nonNegativeInteger('bigProjectIssues', options.bigProjectIssues, 250),
    baseUrl,
    expiredTokens: options.expiredTokens ?? [],
    revokedTokens: options.revokedTokens ?? [],
    totalsLimit: nonNegativeInteger('totalsLimit', options.totalsLimit, DEFAULT_TOTALS_LIMIT),
    tier,
    oauth: normalizeOAuth(options),
    rateLimits: normalizeRateLimits(options.rateLimit, options.endpointLimits),
    faults: options.faults === undefined ? null : normalizeFaults(options.faults),
    movedProjects: normalizeMoves(options.movedProjects),
  };
}
