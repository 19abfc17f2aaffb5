/**
 * @module The error the SQLite store raises when a collection or document does not fit its
 * table: a key that changed between runs, a document without a key value, an unknown collection.
 */
import { SourceGitlabError } from '../errors.js';

export class StoreError extends SourceGitlabError {
  override readonly name = 'StoreError';
  readonly code = 'RUNNER_STORE';
  /** The collection (table) concerned, when there is one. */
  readonly stream: string | undefined;

  constructor(message: string, options: { stream?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.stream = options.stream;
  }
}
