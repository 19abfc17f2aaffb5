/**
 * @module Timestamps as GitLab sends them: ISO 8601 with or without milliseconds, `Z` or an
 * offset. Cursors keep GitLab's own string; comparisons go through epoch milliseconds.
 */

/** Epoch milliseconds of an ISO 8601 timestamp, or NaN when it does not parse. */
export function toMillis(value: string): number {
  return Date.parse(value);
}

/** Compares two timestamps by instant (not by string). */
export function compareTimestamps(a: string, b: string): number {
  return toMillis(a) - toMillis(b);
}
