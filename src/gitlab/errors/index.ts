/** @module The client's error classes, each a `SourceGitlabError` with a stable `code`. */
export { GitLabAuthError, type GitLabAuthReason } from './auth-error.js';
export { GitLabConfigError } from './config-error.js';
export { GitLabHttpError, dispositionOf, isRetriableStatus } from './http-error.js';
export { GitLabNetworkError } from './network-error.js';
export { GitLabResponseError, type GitLabResponseProblem } from './response-error.js';
