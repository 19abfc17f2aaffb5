/**
 * @module Authentication as GitLab does it (gitlab-api.md §3): a personal access token in the
 * `PRIVATE-TOKEN` header or `private_token=` parameter, or `Authorization: Bearer` (OAuth first,
 * then PATs; the simulator has one token book for both), or `access_token=`.
 *
 * Deliberate difference: GitLab serves public resources to anonymous GET requests; the simulator
 * answers 401 to every request without a token, so a client that forgets its token fails loudly.
 */
import { TOKEN_EXPIRED, TOKEN_REVOKED, invalidToken, unauthorized } from './errors.js';
import type { TokenStatus } from './oauth.js';

export type AuthKind = 'private-token' | 'bearer' | 'none';

export interface Credentials {
  readonly kind: AuthKind;
  readonly token: string | undefined;
}

export interface TokenBook {
  readonly valid: ReadonlySet<string>;
  readonly expired: ReadonlySet<string>;
  readonly revoked: ReadonlySet<string>;
}

export function readCredentials(headers: Headers, search: URLSearchParams): Credentials {
  const privateToken = headers.get('private-token') ?? search.get('private_token');
  if (privateToken !== null) return { kind: 'private-token', token: privateToken.trim() };
  const authorization = headers.get('authorization');
  const bearer = authorization === null ? null : /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (bearer?.[1] !== undefined) return { kind: 'bearer', token: bearer[1].trim() };
  const accessToken = search.get('access_token');
  if (accessToken !== null) return { kind: 'bearer', token: accessToken.trim() };
  return { kind: 'none', token: undefined };
}

/**
 * Throws the 401 GitLab would send; returns normally for a valid token. A bearer token is looked
 * up as an OAuth token first (`oauth`), then as a personal access token, as GitLab does.
 */
export function authenticate(credentials: Credentials, book: TokenBook, oauth?: (token: string) => TokenStatus): void {
  const { token } = credentials;
  if (token === undefined || token === '') throw unauthorized();
  const status = credentials.kind === 'bearer' && oauth ? oauth(token) : 'unknown';
  if (status === 'valid') return;
  if (status === 'revoked') throw invalidToken(TOKEN_REVOKED);
  if (status === 'expired') throw invalidToken(TOKEN_EXPIRED);
  if (book.revoked.has(token)) throw invalidToken(TOKEN_REVOKED);
  if (book.expired.has(token)) throw invalidToken(TOKEN_EXPIRED);
  if (!book.valid.has(token)) throw unauthorized();
}

