/** @module The credential does not work; the user has to act (new token, scope, re-authorize). */
import { SourceGitlabError } from '../../errors.js';
import { sanitizeUrl } from '../sanitize.js';

export type GitLabAuthReason = 'token_rejected' | 'insufficient_scope' | 'refresh_refused';

export interface GitLabAuthErrorInit {
  readonly reason: GitLabAuthReason;
  readonly method: string;
  readonly url: string | URL;
  readonly status: number;
  /** What the user should do, appended to the message. */
  readonly advice: string;
  /** OAuth's `error` field on a refused refresh (`invalid_grant`). */
  readonly oauthError?: string;
}

const WHAT: Record<GitLabAuthReason, (status: number, oauthError: string) => string> = {
  token_rejected: (status) => `the token was rejected (${status})`,
  insufficient_scope: () => 'the token lacks a scope this request needs (403 insufficient_scope)',
  refresh_refused: (status, oauthError) => `GitLab refused to refresh the OAuth token (${status} ${oauthError})`,
};

/** Always `fatal`, and user-facing: printed as one line without a stack. */
export class GitLabAuthError extends SourceGitlabError {
  override readonly name = 'GitLabAuthError';
  readonly code = 'GITLAB_AUTH';
  readonly userFacing = true;
  readonly reason: GitLabAuthReason;
  readonly method: string;
  readonly url: string;
  readonly status: number;

  constructor(init: GitLabAuthErrorInit) {
    const url = sanitizeUrl(init.url);
    super(`${WHAT[init.reason](init.status, init.oauthError ?? 'invalid_grant')}: ${init.method} ${url}; ${init.advice}`, { disposition: 'fatal' });
    this.reason = init.reason;
    this.method = init.method;
    this.url = url;
    this.status = init.status;
  }
}
