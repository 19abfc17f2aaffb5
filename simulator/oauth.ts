/**
 * @module GitLab's OAuth token endpoint and token book (gitlab-api.md §3): `POST /oauth/token`
 * with `grant_type=refresh_token` answers Doorkeeper's shapes, access tokens expire on the
 * simulator clock, and every refresh rotates the pair. Rotation is strict by default (the docs:
 * the old pair dies at once); `revoke-on-use` is what GitLab's code does (the old pair lives until
 * the new access token is first used). Tokens are 64 hex characters drawn from the seed.
 */
import { Rng } from './data/prng.js';
import { json } from './errors.js';

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** When set, a refresh that sends a different `redirect_uri` is refused (`invalid_grant`). */
  readonly redirectUri?: string;
}

export interface OAuthTokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** @default the first client's id */
  readonly clientId?: string;
}

export type OAuthRotation = 'strict' | 'revoke-on-use';

export interface NormalizedOAuth {
  readonly clients: readonly OAuthClient[];
  readonly tokens: readonly OAuthTokenPair[];
  readonly lifetimeMs: number;
  readonly rotation: OAuthRotation;
}

export type TokenStatus = 'valid' | 'expired' | 'revoked' | 'unknown';

/** Doorkeeper's `invalid_grant` description, word for word (gitlab-api.md §3). */
export const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
const INVALID_CLIENT = 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';

export function normalizeOAuth(o: {
  oauthClients?: readonly OAuthClient[];
  oauthTokens?: readonly OAuthTokenPair[];
  accessTokenLifetimeMs?: number;
  oauthRotation?: OAuthRotation;
}): NormalizedOAuth {
  const lifetimeMs = o.accessTokenLifetimeMs ?? 7_200_000;
  if (!Number.isInteger(lifetimeMs) || lifetimeMs < 1000) throw new TypeError(`simulator option accessTokenLifetimeMs must be an integer ≥ 1000, got ${lifetimeMs}`);
  const rotation = o.oauthRotation ?? 'strict';
  if (rotation !== 'strict' && rotation !== 'revoke-on-use') throw new TypeError(`simulator option oauthRotation must be strict or revoke-on-use, got ${String(rotation)}`);
  const clients = o.oauthClients ?? [];
  for (const t of o.oauthTokens ?? []) {
    const id = t.clientId ?? clients[0]?.clientId;
    if (!clients.some((c) => c.clientId === id)) throw new TypeError(`simulator option oauthTokens: no oauthClients entry for client ${String(id)}`);
  }
  return { clients, tokens: o.oauthTokens ?? [], lifetimeMs, rotation };
}

/** One access/refresh pair and what happened to it. */
interface Grant {
  readonly access: string;
  readonly refresh: string;
  readonly clientId: string;
  /** Simulator clock, ms. */
  createdAt: number;
  /** Which configured pair this descends from (1-based), and how many refreshes down (1: the pair itself). */
  readonly chain: number;
  readonly generation: number;
  accessRevoked: boolean;
  refreshRevoked: boolean;
  /** revoke-on-use: the pair this one replaced, revoked when this one is first used. */
  previous: Grant | null;
}

export class OAuthServer {
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();
  /** Separate from the data's generator, so turning OAuth on never changes the seeded data. */
  private readonly rng: Rng;
  refreshes = 0;

  constructor(private readonly options: NormalizedOAuth, seed: number, private readonly now: () => number) {
    this.rng = new Rng(seed ^ 0x0a0a7);
    for (const [i, t] of options.tokens.entries()) {
      this.add({ access: t.accessToken, refresh: t.refreshToken, clientId: t.clientId ?? options.clients[0]?.clientId ?? '', chain: i + 1, generation: 1, previous: null });
    }
  }

  /** What a bearer token is; using a new token for the first time retires its predecessor (revoke-on-use). */
  check(token: string): TokenStatus {
    const g = this.byAccess.get(token);
    if (!g) return 'unknown';
    // Doorkeeper checks expiry before revocation (AccessTokenValidationService).
    if (this.now() - g.createdAt >= this.options.lifetimeMs) return 'expired';
    if (g.accessRevoked) return 'revoked';
    if (g.previous) {
      g.previous.accessRevoked = g.previous.refreshRevoked = true;
      g.previous = null;
    }
    return 'valid';
  }

  /**
   * `oauth:1.3`: the configured pair 1 after two refreshes. Says which token a request carried
   * without printing it.
   */
  label(token: string): string | undefined {
    const g = this.byAccess.get(token);
    return g ? `oauth:${g.chain}.${g.generation}` : undefined;
  }

  /** Every token ever issued or configured, for secret scans of a test's output. */
  secrets(): string[] {
    return [...this.byAccess.values()].flatMap((g) => [g.access, g.refresh]);
  }

  /** Makes every access token issued so far expired, without moving the clock (data stays put). */
  expireAccessTokens(): void {
    for (const g of this.byAccess.values()) g.createdAt = Math.min(g.createdAt, this.now() - this.options.lifetimeMs);
  }

  /** `POST /oauth/token`. */
  async tokenEndpoint(req: Request): Promise<Response> {
    if (req.method !== 'POST') return json(404, { error: '404 Not Found' });
    const p = await formOf(req);
    const grantType = p.get('grant_type');
    if (!grantType) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type.');
    if (grantType !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
    }
    const basic = basicAuth(req.headers.get('authorization'));
    const clientId = basic?.id ?? p.get('client_id');
    const secret = basic?.secret ?? p.get('client_secret');
    const client = this.options.clients.find((c) => c.clientId === clientId);
    if (!client || client.clientSecret !== secret) return oauthError(401, 'invalid_client', INVALID_CLIENT);
    const refresh = p.get('refresh_token');
    if (!refresh) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token.');
    const old = this.byRefresh.get(refresh);
    const redirect = p.get('redirect_uri');
    const redirectOk = client.redirectUri === undefined || redirect === null || redirect === client.redirectUri;
    if (!old || old.refreshRevoked || old.clientId !== client.clientId || !redirectOk) return oauthError(400, 'invalid_grant', INVALID_GRANT);

    const strict = this.options.rotation === 'strict';
    if (strict) old.accessRevoked = old.refreshRevoked = true;
    const g = this.add({ access: this.hex(), refresh: this.hex(), clientId: client.clientId, chain: old.chain, generation: old.generation + 1, previous: strict ? null : old });
    this.refreshes++;
    return json(
      200,
      {
        access_token: g.access,
        token_type: 'bearer',
        expires_in: Math.round(this.options.lifetimeMs / 1000),
        refresh_token: g.refresh,
        scope: 'read_api',
        created_at: Math.floor(g.createdAt / 1000),
      },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }

  private add(init: Omit<Grant, 'createdAt' | 'accessRevoked' | 'refreshRevoked'>): Grant {
    const g: Grant = { ...init, createdAt: this.now(), accessRevoked: false, refreshRevoked: false };
    this.byAccess.set(g.access, g);
    this.byRefresh.set(g.refresh, g);
    return g;
  }

  private hex(): string {
    let s = '';
    while (s.length < 64) s += Math.floor(this.rng.next() * 0x10000).toString(16).padStart(4, '0');
    return s;
  }
}

/** Doorkeeper reads the form body (the client's choice) or a JSON body. */
async function formOf(req: Request): Promise<URLSearchParams> {
  const text = await req.text();
  if ((req.headers.get('content-type') ?? '').includes('json')) {
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(o).filter(([, v]) => typeof v === 'string') as [string, string][]);
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}

function basicAuth(header: string | null): { id: string; secret: string } | null {
  const m = header === null ? null : /^Basic\s+(\S+)$/i.exec(header.trim());
  if (!m?.[1]) return null;
  const [id, ...rest] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
  return id === undefined ? null : { id: decodeURIComponent(id), secret: decodeURIComponent(rest.join(':')) };
}

function oauthError(status: number, error: string, description: string): Response {
  return json(status, { error, error_description: description }, { 'cache-control': 'no-store', pragma: 'no-cache' });
}
