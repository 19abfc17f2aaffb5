/**
 * @module The OAuth refresh grant against GitLab's Doorkeeper (`POST /oauth/token`, docs §3).
 * GitLab rotates the refresh token on every refresh and the old one dies, so the caller must
 * keep what this returns; a spent token comes back as `400 invalid_grant`.
 */
import { GitLabAuthError } from './errors/auth-error.js';
import { GitLabHttpError, dispositionOf } from './errors/http-error.js';
import { GitLabNetworkError } from './errors/network-error.js';
import { GitLabResponseError } from './errors/response-error.js';
import { excerpt } from './sanitize.js';
import type { FetchLike } from './transport.js';

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** ISO 8601. */
  readonly expiresAt: string;
}

export interface RefreshRequest {
  /** `{instance root}/oauth/token`. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  /** Must match the one of the original authorization, when the app was registered with one. */
  readonly redirectUri?: string;
  readonly fetch: FetchLike;
  readonly now: () => number;
  readonly timeoutMs: number;
  /** Redacted from anything this puts in an error. */
  readonly secrets: readonly string[];
}

/** GitLab's access tokens live two hours (`expires_in: 7200`) when the answer omits it. */
const DEFAULT_EXPIRES_IN_S = 7200;
const REAUTHORIZE = 're-authorize the GitLab connection (sign in again in the capture settings) to get new tokens';

export async function refreshOAuthTokens(req: RefreshRequest): Promise<OAuthTokens> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: req.refreshToken,
    client_id: req.clientId,
    client_secret: req.clientSecret,
  });
  if (req.redirectUri !== undefined) form.set('redirect_uri', req.redirectUri);
  // Expiry from our own clock at send time: GitLab's `created_at` is its clock, which may be skewed.
  const sentAt = req.now();
  const what = { method: 'POST', url: req.tokenUrl, attempt: 1 };
  let status: number;
  let text: string;
  try {
    const res = await req.fetch(req.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch (cause) {
    throw new GitLabNetworkError({ ...what, problem: 'did not answer the OAuth refresh', cause });
  }
  const body = parseJson(text);
  const oauthError = typeof body?.['error'] === 'string' ? body['error'] : undefined;
  if ((status === 400 || status === 401) && (oauthError === 'invalid_grant' || oauthError === 'invalid_client')) {
    const advice = oauthError === 'invalid_client' ? `check client_id and client_secret, or ${REAUTHORIZE}` : REAUTHORIZE;
    throw new GitLabAuthError({ ...what, reason: 'refresh_refused', status, advice, oauthError });
  }
  if (status < 200 || status > 299) {
    throw new GitLabHttpError({ ...what, status, body: excerpt(text, req.secrets), disposition: dispositionOf(status) });
  }
  const accessToken = body?.['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new GitLabResponseError({ ...what, status, problem: 'invalid_json', detail: 'the token answer has no access_token' });
  }
  const refreshToken = body?.['refresh_token'];
  const expiresIn = body?.['expires_in'];
  const lifetimeS = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_S;
  return {
    accessToken,
    // A server that does not rotate omits it: the old refresh token stays valid.
    refreshToken: typeof refreshToken === 'string' && refreshToken !== '' ? refreshToken : req.refreshToken,
    expiresAt: new Date(sentAt + lifetimeS * 1000).toISOString(),
  };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
