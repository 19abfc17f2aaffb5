/**
 * @module The GitLab client's public surface, listed once. Everything else in this folder
 * (sending, pagination tokens, the limiter's internals) is private to it.
 */
export { GitLabClient, type ClientStats, type Credentials, type GitLabClientOptions, type OAuthTokens, type PageRequest } from './client.js';
export { normalizeApiUrl, DEFAULT_API_URL, type ApiUrl } from './api-url.js';
export { GitLabAuthError, GitLabConfigError, GitLabHttpError, GitLabNetworkError, GitLabResponseError } from './errors/index.js';
export type { GitLabAuthReason, GitLabResponseProblem } from './errors/index.js';
export { parseLinkHeader, nextLink } from './link-header.js';
export { sanitizeUrl } from './sanitize.js';
export type { Clock } from './clock.js';
export type { FetchLike } from './transport.js';
