/**
 * @module The simulator's virtual clock. Seeded timestamps lie before its start; every mutation
 * advances it, so changed objects always sort after everything seeded and after earlier changes.
 */

/** Seeded data is dated before this instant. */
export const CLOCK_START = Date.parse('2025-06-01T00:00:00.000Z');

export class Clock {
  private ms: number;

  constructor(start: number = CLOCK_START) {
    this.ms = start;
  }

  /** Current time in epoch milliseconds. */
  now(): number {
    return this.ms;
  }

  /** Moves forward by `ms` (whole milliseconds) and returns the new time. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advanceClock: ms must be a non-negative number, got ${ms}`);
    this.ms += Math.round(ms);
    return this.ms;
  }
}

/** A Rails timestamp: UTC, always 3 decimals, `Z` (gitlab-api.md §6). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** A date-only field (`due_date`, `start_date`): `YYYY-MM-DD`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
