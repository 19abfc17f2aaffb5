/**
 * @module Failures as Airbyte sees them: a catalog or state file we cannot use, and the TRACE
 * error (plus its `failure_type`) that ends a failed command.
 */
import { SourceGitlabError, isSourceGitlabError } from '../../errors.js';
import { redact } from '../../log/logger.js';
import type { AirbyteErrorTrace, FailureType } from './messages.js';

/** A catalog or state file that cannot be read or understood; the message names file and field. */
export class AirbyteInputError extends SourceGitlabError {
  override readonly name = 'AirbyteInputError';
  readonly code = 'AIRBYTE_INPUT';
}

/** Codes of errors the user fixes in the config, the catalog, the state or the token's rights. */
const CONFIG_CODES = new Set([
  'CONFIG_INVALID',
  'CONFIG_FILE',
  'AIRBYTE_INPUT',
  'STATE_INVALID',
  'GITLAB_AUTH',
  'GITLAB_CONFIG',
  'STREAM_FORBIDDEN',
]);

export function failureTypeOf(err: unknown): FailureType {
  if (!isSourceGitlabError(err)) return 'system_error';
  if (CONFIG_CODES.has(err.code)) return 'config_error';
  // A 403/404 that stops the capture is one on a group or project the user named (others are skipped).
  if (err.code === 'GITLAB_HTTP' && err.disposition === 'skippable') return 'config_error';
  return 'system_error';
}

/** One line, secrets removed: what `check` reports and what a TRACE error says. */
export function describeError(err: unknown, secrets: readonly string[]): string {
  const known = isSourceGitlabError(err);
  const message = err instanceof Error ? err.message : String(err);
  return redact(oneLine(known ? message : `unexpected error: ${message}`), secrets);
}

export interface TraceOptions {
  readonly secrets: readonly string[];
  /** Add the stack trace (LOG_LEVEL=debug). */
  readonly debug: boolean;
}

export function errorTraceOf(err: unknown, options: TraceOptions): AirbyteErrorTrace {
  const stack = options.debug && err instanceof Error && err.stack ? redact(err.stack, options.secrets) : undefined;
  return {
    message: describeError(err, options.secrets),
    internal_message: isSourceGitlabError(err) ? err.code : err instanceof Error ? err.name : 'non-error thrown',
    failure_type: failureTypeOf(err),
    ...(stack ? { stack_trace: stack } : {}),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
