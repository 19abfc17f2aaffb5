/** @module A 2xx answer the client cannot use: bad JSON, not a list, or a broken page chain. */
import { SourceGitlabError, type Disposition } from '../../errors.js';
import { sanitizeUrl } from '../sanitize.js';
import { attemptsNote } from './describe.js';

export type GitLabResponseProblem = 'invalid_json' | 'not_a_list' | 'pagination_loop' | 'foreign_link';

export interface GitLabResponseErrorInit {
  readonly problem: GitLabResponseProblem;
  readonly method: string;
  readonly url: string | URL;
  readonly status: number;
  readonly attempt: number;
  /** What is wrong, lowercase, without the request: `the body is not valid JSON`. */
  readonly detail: string;
  readonly cause?: unknown;
  readonly gaveUp?: boolean;
}

/**
 * Invalid JSON is `retriable` (a proxy cut the body short); the other problems are `fatal`,
 * because asking again gives the same answer.
 */
export class GitLabResponseError extends SourceGitlabError {
  override readonly name = 'GitLabResponseError';
  readonly code = 'GITLAB_RESPONSE';
  readonly problem: GitLabResponseProblem;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly attempt: number;

  constructor(init: GitLabResponseErrorInit) {
    const url = sanitizeUrl(init.url);
    const disposition: Disposition = init.problem === 'invalid_json' ? 'retriable' : 'fatal';
    super(`GitLab's answer was unusable, ${init.detail}: ${init.method} ${url}` + attemptsNote(init.attempt, init.gaveUp ?? false), {
      cause: init.cause,
      disposition,
    });
    this.problem = init.problem;
    this.method = init.method;
    this.url = url;
    this.status = init.status;
    this.attempt = init.attempt;
  }
}
