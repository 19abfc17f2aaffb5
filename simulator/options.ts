/**
 * @module The simulator's options: all optional in the public type, complete inside
 * ({@link normalizeOptions}), with bad values rejected by name.
 */
import type { Tier } from './data/serialize.js';
import { DEFAULT_TOTALS_LIMIT } from './pagination.js';

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
  };
}
