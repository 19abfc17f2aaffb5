/**
 * @module Seeded fault injection: each `/api/v4` request draws, from its own PRNG, whether it
 * fails and how. Answers GitLab and its proxies really give (429 from Rack::Attack, 500/503 JSON
 * from Rails, 502/503/504 HTML from nginx or a load balancer) are plain responses; faults that no
 * `Response` can express (a reset connection, a stall past the client's timeout, a body cut
 * short) are tagged on the response and carried out by the HTTP server (`faults-server.ts`).
 * The draws come from a generator of their own, so turning faults on changes no seeded data, and
 * the same seed gives the same sequence of faults.
 */
import { Rng } from './data/prng.js';
import { json } from './errors.js';

export const FAULT_KINDS = ['429', '500', '502', '503', '504', 'reset', 'stall', 'truncate', 'latency'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Faults the server adapter carries out on the socket. */
export type SocketFault = 'reset' | 'stall' | 'truncate';

export interface FaultOptions {
  /** Share of matching requests that get a fault, 0 to 1. */
  readonly rate: number;
  /** Relative weights of the kinds; a kind left out is never drawn. @default every kind, weight 1 */
  readonly kinds?: Partial<Record<FaultKind, number>>;
  /** @default the simulator's seed */
  readonly seed?: number;
  /** How long a stalled request hangs before its socket is destroyed; make it longer than the client's timeout. @default 5000 */
  readonly stallMs?: number;
  /** Added delay of a `latency` fault. @default 200 */
  readonly latencyMs?: number;
  /** `Retry-After` of an injected 429 or 503. @default 1 */
  readonly retryAfterS?: number;
  /** The first N matching requests never fail (lets a test get a run going first). @default 0 */
  readonly after?: number;
  /** Which request paths may fail. @default /^\/api\/v4\// (so `/oauth/token` never does) */
  readonly paths?: RegExp;
  /**
   * The same request (path and query) fails at most this many times in a row: faults are
   * transient, so a client that retries gets through, however requests interleave. @default 2
   */
  readonly maxConsecutive?: number;
}

export type NormalizedFaults = Required<Omit<FaultOptions, 'seed'>> & { readonly seed: number | undefined };

export interface Fault {
  readonly kind: FaultKind;
  /** Which body a 5xx got: what Rails sends (`json`) or a proxy's page (`html`). */
  readonly body?: 'json' | 'html';
}

export function normalizeFaults(o: FaultOptions): NormalizedFaults {
  if (!(o.rate >= 0 && o.rate <= 1)) throw new TypeError(`simulator option faults.rate must be from 0 to 1, got ${o.rate}`);
  const kinds = o.kinds ?? Object.fromEntries(FAULT_KINDS.map((k) => [k, 1]));
  for (const [k, w] of Object.entries(kinds)) {
    if (!(FAULT_KINDS as readonly string[]).includes(k)) throw new TypeError(`simulator option faults.kinds: unknown kind ${k} (known: ${FAULT_KINDS.join(', ')})`);
    if (!(typeof w === 'number' && w >= 0)) throw new TypeError(`simulator option faults.kinds.${k} must be a non-negative weight`);
  }
  return {
    rate: o.rate,
    kinds,
    seed: o.seed,
    stallMs: o.stallMs ?? 5000,
    latencyMs: o.latencyMs ?? 200,
    retryAfterS: o.retryAfterS ?? 1,
    after: o.after ?? 0,
    maxConsecutive: o.maxConsecutive ?? 2,
    paths: o.paths ?? /^\/api\/v4\//,
  };
}

export class FaultInjector {
  private readonly rng: Rng;
  private seen = 0;
  /** Faults in a row per request (path and query). */
  private readonly streaks = new Map<string, number>();

  constructor(readonly options: NormalizedFaults, simulatorSeed: number) {
    this.rng = new Rng((options.seed ?? simulatorSeed) ^ 0x5eed5);
  }

  /** Whether this request fails, and how; null for most. `request` tells retries apart (path and query). */
  draw(path: string, request: string = path): Fault | null {
    const o = this.options;
    if (!o.paths.test(path)) return null;
    if (++this.seen <= o.after) return null;
    // Two draws per request whatever the outcome, so one request's fate never shifts the next's.
    const drawn = this.rng.next() < o.rate;
    const which = this.rng.next();
    const body = this.rng.next() < 0.5 ? 'json' : 'html';
    const streak = this.streaks.get(request) ?? 0;
    const fails = drawn && streak < o.maxConsecutive;
    if (fails) this.streaks.set(request, streak + 1);
    else this.streaks.delete(request);
    if (!fails) return null;
    const entries = Object.entries(o.kinds).filter(([, w]) => (w ?? 0) > 0) as [FaultKind, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    if (total === 0) return null;
    let x = which * total;
    for (const [kind, w] of entries) {
      if ((x -= w) < 0) return kind === '500' || kind === '502' || kind === '503' || kind === '504' ? { kind, body } : { kind };
    }
    return { kind: entries[entries.length - 1]?.[0] ?? 'latency' };
  }

  /** The answer that replaces the real one, for the status faults; null for the others. */
  response(fault: Fault, now: number): Response | null {
    const retryAfter = String(this.options.retryAfterS);
    switch (fault.kind) {
      case '429': {
        // Rack::Attack's throttle: plain text, its headers, and the time to come back.
        const reset = now + this.options.retryAfterS * 1000;
        return new Response('Retry later\n', {
          status: 429,
          headers: {
            'content-type': 'text/plain',
            'retry-after': retryAfter,
            'ratelimit-name': 'throttle_authenticated_api',
            'ratelimit-limit': '2000',
            'ratelimit-observed': '2001',
            'ratelimit-remaining': '0',
            'ratelimit-reset': String(Math.ceil(reset / 1000)),
            'ratelimit-resettime': new Date(reset).toUTCString(),
          },
        });
      }
      case '500':
        return fault.body === 'html' ? html(500, 'We\'re sorry, but something went wrong.') : json(500, { message: '500 Internal Server Error' });
      case '502':
        return fault.body === 'json' ? json(502, { message: '502 Bad Gateway' }) : html(502, '502 Bad Gateway');
      case '503':
        return fault.body === 'json'
          ? json(503, { message: '503 Service Unavailable' }, { 'retry-after': retryAfter })
          : html(503, '503 Service Temporarily Unavailable', { 'retry-after': retryAfter });
      case '504':
        return fault.body === 'json' ? json(504, { message: '504 Gateway Timeout' }) : html(504, '504 Gateway Time-out');
      default:
        return null;
    }
  }
}

/** An nginx-style error page. */
function html(status: number, title: string, headers: Record<string, string> = {}): Response {
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(body, { status, headers: { 'content-type': 'text/html', ...headers } });
}
