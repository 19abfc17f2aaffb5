/** @module An HTTP answer the client does not turn into data. */
import { SourceGitlabError, type Disposition } from '../../errors.js';
import { sanitizeUrl } from '../sanitize.js';
import { attemptsNote, statusLine } from './describe.js';

export interface GitLabHttpErrorInit {
  readonly method: string;
  readonly url: string | URL;
  readonly status: number;
  readonly statusText?: string;
  /** Body excerpt, already cut and redacted (see `excerpt()`). */
  readonly body: string;
  /** 1-based attempt that produced this answer. */
  readonly attempt: number;
  readonly disposition: Disposition;
  /** The client retried until `maxAttempts` and stopped. */
  readonly gaveUp?: boolean;
  /** Said after `METHOD url`: what the client did about this answer. */
  readonly note?: string;
}

/**
 * `GitLab answered 404 Not Found: GET https://host/api/v4/projects/9/issues — {"message":…}`.
 * 403/404 are `skippable` (the caller decides), 429/5xx `retriable`, other 4xx `fatal`.
 */
export class GitLabHttpError extends SourceGitlabError {
  override readonly name = 'GitLabHttpError';
  readonly code = 'GITLAB_HTTP';
  readonly method: string;
  /** The request URL with credential parameters removed. */
  readonly url: string;
  readonly status: number;
  readonly body: string;
  readonly attempt: number;

  constructor(init: GitLabHttpErrorInit) {
    const url = sanitizeUrl(init.url);
    const message =
      `GitLab answered ${statusLine(init.status, init.statusText)}: ${init.method} ${url}` +
      attemptsNote(init.attempt, init.gaveUp ?? false) +
      (init.note ? `; ${init.note}` : '') +
      (init.body ? ` — ${init.body}` : '');
    super(message, { disposition: init.disposition });
    this.method = init.method;
    this.url = url;
    this.status = init.status;
    this.body = init.body;
    this.attempt = init.attempt;
  }
}

/** The disposition of an HTTP status, as the brief's table says. */
export function dispositionOf(status: number): Disposition {
  if (status === 403 || status === 404) return 'skippable';
  if (isRetriableStatus(status)) return 'retriable';
  return 'fatal';
}

export function isRetriableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}
