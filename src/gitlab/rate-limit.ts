/**
 * @module One request budget shared by every request of a client: at most `maxConcurrency` in
 * flight, and a rate of `requestsPerMinute` that adapts to what GitLab says.
 *
 * Written here rather than taken from a library (p-limit, bottleneck): those enforce a fixed rate,
 * but this budget must follow GitLab's own headers. When `RateLimit-Remaining` runs low the
 * remaining quota is spread until `RateLimit-Reset`; at zero every request waits for the reset;
 * a 429 without those headers (endpoint limits send none, docs §2.2) halves the rate, which then
 * recovers by doubling each quiet minute.
 *
 * The rate is a GCRA token bucket: a small burst (1/20 of the budget) and a refill of the rest, so
 * that no 60-second window (GitLab counts per window) ever holds more than `requestsPerMinute`.
 */
import type { Logger } from '../log/logger.js';
import type { Clock } from './clock.js';
import { parseResetEpoch, SERVER_DELAY_CAP_MS } from './retry.js';

export interface RateLimiterOptions {
  readonly requestsPerMinute: number;
  readonly maxConcurrency: number;
  readonly clock: Clock;
  readonly log: Logger;
}

/** The right to send one request; give it back with `release()` once the body is read. */
export interface Permit {
  /** Feed the response's status and headers to the limiter. */
  observe(status: number, headers: Headers): void;
  /** Frees the concurrency slot. Idempotent. */
  release(): void;
}

const MINUTE = 60_000;
/** The slowest a run of 429s can make the limiter: 1/16 of the configured rate. */
const MIN_FACTOR = 1 / 16;

export class RateLimiter {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  /** GCRA "theoretical arrival time" of the next request. */
  private tat = 0;
  private pausedUntil = 0;
  private pace: { intervalMs: number; until: number } | null = null;
  /** `lastGrant`: the last permit granted when it was decided; earlier ones were sent under the old rate. */
  private slowdown: { factor: number; at: number; lastGrant: number } | null = null;
  private grants = 0;
  private warned = false;

  constructor(private readonly options: RateLimiterOptions) {}

  /** Waits for a concurrency slot, then for the rate; rejects if `signal` aborts meanwhile. */
  async acquire(signal?: AbortSignal): Promise<Permit> {
    await this.takeSlot(signal);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.freeSlot();
    };
    try {
      const wait = this.reserve();
      if (wait > 0) await this.options.clock.sleep(wait, signal);
    } catch (err) {
      release();
      throw err;
    }
    const grant = ++this.grants;
    return { observe: (status, headers) => this.observe(status, headers, grant), release };
  }

  /** Throttling beyond the configured budget is in force (for logs and tests). */
  get elevated(): boolean {
    const now = this.options.clock.now();
    return this.pausedUntil > now || (this.pace !== null && this.pace.until > now) || this.factor(now) < 1;
  }

  private takeSlot(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.inFlight < this.options.maxConcurrency) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Hands the slot straight to the next waiter, so `inFlight` never dips below the queue. */
  private freeSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }

  /** Books the next send time and returns how long to wait for it. */
  private reserve(): number {
    const now = this.options.clock.now();
    const { intervalMs, burst } = this.currentRate(now);
    const tat = Math.max(this.tat, now);
    const allowAt = Math.max(now, tat - (burst - 1) * intervalMs, this.pausedUntil);
    this.tat = Math.max(tat, allowAt) + intervalMs;
    return allowAt - now;
  }

  private currentRate(now: number): { intervalMs: number; burst: number } {
    const rpm = this.options.requestsPerMinute;
    let burst = Math.max(1, Math.floor(rpm / 20));
    // Whole milliseconds, rounded up: float error must never squeeze one more into a window.
    let intervalMs = Math.ceil(MINUTE / (rpm - burst));
    const factor = this.factor(now);
    if (factor < 1) {
      intervalMs /= factor;
      burst = 1;
    }
    if (this.pace && this.pace.until > now) {
      intervalMs = Math.max(intervalMs, this.pace.intervalMs);
      burst = 1;
    }
    return { intervalMs, burst };
  }

  /** The 429 slowdown in force: halved per 429, doubling back each minute without one. */
  private factor(now: number): number {
    if (!this.slowdown) return 1;
    const f = this.slowdown.factor * 2 ** ((now - this.slowdown.at) / MINUTE);
    if (f >= 1) this.slowdown = null;
    return Math.min(1, f);
  }

  private observe(status: number, headers: Headers, grant: number): void {
    const now = this.options.clock.now();
    const remaining = numberHeader(headers, 'ratelimit-remaining');
    const resetIn = parseResetEpoch(headers.get('ratelimit-reset'), now);
    if (remaining !== null && resetIn !== null && resetIn > 0) {
      const resetAt = now + Math.min(resetIn, SERVER_DELAY_CAP_MS);
      const limit = numberHeader(headers, 'ratelimit-limit');
      const low = Math.max(2 * this.options.maxConcurrency, limit === null ? 0 : Math.ceil(limit / 10));
      // The other requests in flight will spend quota too (this one is still counted).
      const usable = remaining - (this.inFlight - 1);
      if (usable <= 0) {
        this.pausedUntil = Math.max(this.pausedUntil, resetAt);
        this.warnOnce('quota_exhausted', { reset_in_ms: resetAt - now });
      } else if (remaining <= low) {
        this.pace = { intervalMs: (resetAt - now) / usable, until: resetAt };
        this.warnOnce('remaining_low', { remaining, reset_in_ms: resetAt - now });
      } else {
        this.pace = null;
      }
    }
    // A request sent before the last slowdown was answered under the old rate: don't halve twice.
    if (status === 429 && remaining === null && !(this.slowdown && grant <= this.slowdown.lastGrant)) {
      this.slowdown = { factor: Math.max(MIN_FACTOR, this.factor(now) / 2), at: now, lastGrant: this.grants };
      const rpm = Math.round(this.options.requestsPerMinute * this.slowdown.factor);
      this.warnOnce('429', { requests_per_minute: rpm });
    }
  }

  /** Elevated throttling is logged once per client; later episodes only show in `stats`. */
  private warnOnce(reason: string, fields: Record<string, number>): void {
    if (this.warned) return;
    this.warned = true;
    this.options.log.warn('rate limit reached, slowing down', { reason, ...fields });
  }
}

function numberHeader(headers: Headers, name: string): number | null {
  const v = headers.get(name);
  if (v === null || !/^\s*\d+\s*$/.test(v)) return null;
  return Number(v);
}
