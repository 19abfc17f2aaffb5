/**
 * @module The base of every error source-gitlab raises on purpose. Each subclass sets a literal
 * `name` and a stable `code` to branch on (never the message), and carries its context as
 * fields. `userFacing` errors are printed as one line without a stack trace.
 */
/**
 * How a failure should be handled: stop the capture, try again, or skip the one parent whose
 * sub-resource failed (a 403/404 on a feature that is disabled or tier-gated).
 */
export type Disposition = 'fatal' | 'retriable' | 'skippable';

export abstract class SourceGitlabError extends Error {
  abstract override readonly name: string;
  /** Stable identifier, such as `GITLAB_HTTP` or `CONFIG_INVALID`. */
  abstract readonly code: string;
  /** What the caller should do: stop, try again, or skip this one parent. */
  readonly disposition: Disposition;

  constructor(message: string, options: { cause?: unknown; disposition?: Disposition } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.disposition = options.disposition ?? 'fatal';
  }
}

export function isSourceGitlabError(err: unknown): err is SourceGitlabError {
  return err instanceof SourceGitlabError;
}
