/** @module No usable answer: connection refused or reset, timeout, truncated body. */
import { SourceGitlabError } from '../../errors.js';
import { sanitizeUrl } from '../sanitize.js';
import { attemptsNote } from './describe.js';

export interface GitLabNetworkErrorInit {
  readonly method: string;
  readonly url: string | URL;
  readonly attempt: number;
  /** What went wrong, lowercase: `did not answer within 60000 ms`, `could not be reached`. */
  readonly problem: string;
  readonly cause: unknown;
  readonly gaveUp?: boolean;
  /** Said after the cause: what the user can do. */
  readonly advice?: string;
  /** @default 'retriable' */
  readonly disposition?: 'retriable' | 'fatal';
}

/**
 * `retriable` (the client retries it, and a caller may retry the whole pass later), except a TLS
 * certificate that does not verify: that stays so until the user acts.
 */
export class GitLabNetworkError extends SourceGitlabError {
  override readonly name = 'GitLabNetworkError';
  readonly code = 'GITLAB_NETWORK';
  readonly method: string;
  readonly url: string;
  readonly attempt: number;

  constructor(init: GitLabNetworkErrorInit) {
    const url = sanitizeUrl(init.url);
    const reason = init.cause instanceof Error ? causeText(init.cause) : '';
    super(
      `GitLab ${init.problem}: ${init.method} ${url}` +
        attemptsNote(init.attempt, init.gaveUp ?? false) +
        (reason ? ` — ${reason}` : '') +
        (init.advice ? `; ${init.advice}` : ''),
      { cause: init.cause, disposition: init.disposition ?? 'retriable' },
    );
    this.method = init.method;
    this.url = url;
    this.attempt = init.attempt;
  }
}

/** undici hides the socket error (`ECONNRESET`) one level down, under `fetch failed`. */
function causeText(err: Error): string {
  const inner = err.cause instanceof Error ? err.cause : undefined;
  const code = errorCode(inner);
  const detail = inner ? `${code ? code + ' ' : ''}${inner.message}` : '';
  return detail ? `${err.message}: ${detail}` : err.message;
}

/** The Node error code (`ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`) of an error or its cause. */
export function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('UND_ERR')) return code;
  }
  return undefined;
}

/** OpenSSL's verification failures: retrying cannot help, a CA bundle or a fixed host can. */
const TLS_CODES = /^(?:ERR_TLS_CERT_ALTNAME_INVALID|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REJECTED|HOSTNAME_MISMATCH)$/;

export function isTlsVerificationError(err: unknown): boolean {
  return TLS_CODES.test(errorCode(err) ?? '');
}
