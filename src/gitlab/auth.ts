/**
 * @module Which credential goes on a request, and keeping an OAuth token fresh. A personal (or
 * project/group) access token goes in `PRIVATE-TOKEN`; an OAuth token in `Authorization: Bearer`,
 * refreshed 5 minutes before it expires and after any 401. Refreshes are single-flight, and the
 * rotated tokens are handed to `onTokensRotated` (and awaited) before any request goes out, since
 * GitLab has already killed the old refresh token.
 */
import type { Logger } from '../log/logger.js';
import type { Clock } from './clock.js';
import { refreshOAuthTokens, type OAuthTokens } from './oauth.js';
import type { FetchLike } from './transport.js';

export type { OAuthTokens } from './oauth.js';

export type Credentials =
  | { readonly kind: 'token'; readonly token: string }
  | {
      readonly kind: 'oauth';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly accessToken: string;
      readonly refreshToken: string;
      /** ISO 8601. */
      readonly expiresAt: string;
      readonly redirectUri?: string;
    };

export interface AuthorizerOptions {
  readonly credentials: Credentials;
  /** Instance root: the token endpoint is `{webBase}/oauth/token`. */
  readonly webBase: string;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly log: Logger;
  readonly requestTimeoutMs: number;
  readonly onTokensRotated?: (tokens: OAuthTokens) => Promise<void>;
}

/** Refresh this long before expiry, so a page that is slow to arrive never carries a dead token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export class Authorizer {
  private credentials: Credentials;
  /** Every secret this client has held, rotated ones included: old log lines may name them. */
  private readonly known = new Set<string>();
  /** The refresh (or the persisting of its tokens) in progress; every request waits for it. */
  private rotating: Promise<void> | null = null;
  /** Tokens whose `onTokensRotated` failed: persisted again before the next request. */
  private unpersisted: OAuthTokens | null = null;
  refreshes = 0;

  constructor(private readonly options: AuthorizerOptions) {
    this.credentials = options.credentials;
    this.remember();
  }

  get kind(): Credentials['kind'] {
    return this.credentials.kind;
  }

  /** The auth header for the next request, after any refresh it needs; `token` identifies it. */
  async authorize(): Promise<{ headers: Record<string, string>; token: string }> {
    if (this.credentials.kind === 'token') {
      return { headers: { 'PRIVATE-TOKEN': this.credentials.token }, token: this.credentials.token };
    }
    if (this.rotating) await this.rotating;
    if (this.unpersisted) await this.singleFlight(() => this.persist());
    if (Date.parse(this.credentials.expiresAt) - this.options.clock.now() <= REFRESH_MARGIN_MS) {
      await this.singleFlight(() => this.refresh());
    }
    const token = this.accessToken();
    return { headers: { authorization: `Bearer ${token}` }, token };
  }

  /**
   * After a 401 on a request sent with `usedToken`: true when a newer token is now in place (the
   * caller retries once), false when there is nothing to refresh (an access token).
   */
  async recover(usedToken: string): Promise<boolean> {
    if (this.credentials.kind === 'token') return false;
    if (this.rotating) await this.rotating;
    // Another request already refreshed while this one was in flight.
    if (this.accessToken() !== usedToken) return true;
    await this.singleFlight(() => this.refresh());
    return true;
  }

  secrets(): string[] {
    return [...this.known];
  }

  private accessToken(): string {
    const c = this.credentials;
    return c.kind === 'token' ? c.token : c.accessToken;
  }

  private singleFlight(work: () => Promise<void>): Promise<void> {
    this.rotating ??= work().finally(() => {
      this.rotating = null;
    });
    return this.rotating;
  }

  private async refresh(): Promise<void> {
    const c = this.credentials;
    if (c.kind !== 'oauth') return;
    const tokens = await refreshOAuthTokens({
      tokenUrl: `${this.options.webBase}/oauth/token`,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      refreshToken: c.refreshToken,
      ...(c.redirectUri !== undefined ? { redirectUri: c.redirectUri } : {}),
      fetch: this.options.fetch,
      now: () => this.options.clock.now(),
      timeoutMs: this.options.requestTimeoutMs,
      secrets: this.secrets(),
    });
    this.credentials = { ...c, ...tokens };
    this.remember();
    this.refreshes++;
    this.options.log.info('refreshed oauth token', { expires_at: tokens.expiresAt });
    this.unpersisted = tokens;
    await this.persist();
  }

  private async persist(): Promise<void> {
    const tokens = this.unpersisted;
    if (!tokens) return;
    await this.options.onTokensRotated?.(tokens);
    this.unpersisted = null;
  }

  private remember(): void {
    const c = this.credentials;
    const values = c.kind === 'token' ? [c.token] : [c.accessToken, c.refreshToken, c.clientSecret];
    for (const v of values) if (v) this.known.add(v);
  }
}
