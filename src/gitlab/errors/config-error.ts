/** @module A client option (or `api_url`) that cannot work, named by its field. */
import { SourceGitlabError } from '../../errors.js';

/** Always `fatal` and user-facing: `perPage must be an integer from 1 to 100; got 500`. */
export class GitLabConfigError extends SourceGitlabError {
  override readonly name = 'GitLabConfigError';
  readonly code = 'GITLAB_CONFIG';
  readonly userFacing = true;
  /** The offending field (`api_url`, `perPage`, `credentials.expiresAt`). */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field} ${problem}`, { disposition: 'fatal' });
    this.field = field;
  }
}
