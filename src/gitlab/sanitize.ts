/**
 * @module Keeps secrets out of what the client prints: URLs lose their credential parameters and
 * user info, response bodies are cut to an excerpt with every known secret replaced.
 */
import { redact } from '../log/logger.js';

/** Query parameters GitLab accepts credentials in (docs: REST authentication, OAuth 2.0). */
const SECRET_PARAMS = ['private_token', 'access_token', 'refresh_token', 'client_secret', 'job_token'];

/** Longest body excerpt kept on an error: enough for GitLab's JSON error bodies. */
export const EXCERPT_LENGTH = 300;

/** The URL as it may be printed: credential parameters and `user:pass@` removed. */
export function sanitizeUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return '[unparseable url]';
  }
  url.username = '';
  url.password = '';
  for (const name of SECRET_PARAMS) url.searchParams.delete(name);
  return url.toString();
}

/** The path and query of a URL as it may be printed (`/api/v4/projects/9/issues?page=2`). */
export function sanitizePath(input: string | URL): string {
  const url = new URL(sanitizeUrl(input));
  return url.pathname + url.search;
}

/** At most {@link EXCERPT_LENGTH} characters of a body, whitespace collapsed, secrets redacted. */
export function excerpt(body: string, secrets: readonly string[]): string {
  const flat = redact(body, secrets).replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : flat.slice(0, EXCERPT_LENGTH - 1) + '…';
}
