/**
 * @module Turns the user's `api_url` into the two bases the client needs. Users type a bare host
 * (`gitlab.example.com`), a URL with a trailing slash, or the API URL itself; self-hosted GitLab
 * may live under a relative URL root (`https://example.org/gitlab`), which is kept.
 */
import { GitLabConfigError } from './errors/config-error.js';

export const DEFAULT_API_URL = 'gitlab.com';
const API_PATH = '/api/v4';

export interface ApiUrl {
  /** `https://gitlab.example.com`: the only origin a credential is ever sent to. */
  readonly origin: string;
  /** `https://gitlab.example.com/api/v4`, or `https://example.org/gitlab/api/v4`. */
  readonly apiBase: string;
  /** The instance root (`origin` plus any relative URL root): where `/oauth/token` lives. */
  readonly webBase: string;
}

/**
 * @example normalizeApiUrl('gitlab.example.com').apiBase === 'https://gitlab.example.com/api/v4'
 * @example normalizeApiUrl('http://127.0.0.1:8080').origin === 'http://127.0.0.1:8080'
 */
export function normalizeApiUrl(apiUrl: string | undefined): ApiUrl {
  const raw = (apiUrl ?? '').trim() || DEFAULT_API_URL;
  // `localhost:8080` would parse as scheme `localhost:`, so only `scheme://` counts as a scheme.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(raw, 'is not a valid host name or URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(raw, 'must use https:// (or http://)');
  if (!url.hostname) throw invalid(raw, 'has no host name');
  if (url.username || url.password) throw invalid(raw, 'must not contain a user name or password');
  if (url.search || url.hash) throw invalid(raw, 'must not contain a query or fragment');

  let root = url.pathname.replace(/\/+$/, '');
  if (root.endsWith(API_PATH)) root = root.slice(0, -API_PATH.length);
  const webBase = url.origin + root;
  return { origin: url.origin, apiBase: webBase + API_PATH, webBase };
}

function invalid(raw: string, problem: string): GitLabConfigError {
  // Never echo a value that may carry credentials (`https://user:token@host`).
  const shown = raw.includes('@') ? '' : ` (got ${JSON.stringify(raw)})`;
  return new GitLabConfigError('api_url', `${problem}; expected a host such as gitlab.example.com or a URL such as https://gitlab.example.com${shown}`);
}
