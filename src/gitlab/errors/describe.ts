/** @module Shared wording of the client's errors: what failed, then `METHOD url` (ky's form). */
import { STATUS_CODES } from 'node:http';

/** `404 Not Found`; HTTP/2 responses carry no reason phrase, so fall back to Node's table. */
export function statusLine(status: number, statusText?: string): string {
  const text = statusText || STATUS_CODES[status] || '';
  return text ? `${status} ${text}` : String(status);
}

/** ` (gave up after 6 attempts)` when the client retried, else nothing. */
export function attemptsNote(attempt: number, gaveUp: boolean): string {
  return gaveUp && attempt > 1 ? ` (gave up after ${attempt} attempts)` : '';
}
