/**
 * @module Everything that makes the simulator misbehave on purpose, in one place the simulator
 * wraps around its handler: OAuth expiry and rotation, rate limits, seeded faults, a next-page
 * `Link` to a foreign origin, and gates that let a test hold a request. Off unless asked for.
 */
import type { Credentials } from './auth.js';
import { FaultInjector, normalizeFaults, type FaultKind, type FaultOptions } from './faults.js';
import { rewriteLinkOrigin } from './faults-links.js';
import { tagSocketFault } from './faults-server.js';
import { OAuthServer } from './oauth.js';
import type { NormalizedOptions } from './options.js';
import { RateLimits } from './rate-limit.js';

/** What the request log adds for these features. */
export interface RequestLogExtras {
  /**
   * Real time the request arrived, epoch ms: rate limits count real time. Recorded only while a
   * rate limit or fault injection is on, so plain logs stay comparable across runs.
   */
  receivedAt?: number;
  /** The fault injected into this request, if any (`foreign-link`: its Link was pointed elsewhere). */
  fault?: FaultKind | 'foreign-link';
  /** A non-secret name of the OAuth token used: `oauth:1.2` is configured pair 1 after one refresh. */
  credential?: string;
}

/** What a gate learns about a request before it is handled. */
export interface GateInfo {
  readonly method: string;
  readonly path: string;
  readonly credential: string | undefined;
}

/** The test-facing controls, part of the `Simulator` interface. */
export interface MisbehaviourControls {
  /** Turns fault injection on (with these options) or off, from the next request. */
  setFaults(options: FaultOptions | null): void;
  /** The next `count` responses that carry a `Link` header get it pointed at `origin`. */
  foreignNextLink(origin: string, count?: number): void;
  /** Awaited before each request is handled: a test can hold one (and look at the client meanwhile). */
  beforeRequest(fn: (info: GateInfo) => void | Promise<void>): () => void;
  /** Every OAuth access token issued so far is expired from now on (the clock and data stay put). */
  expireAccessTokens(): void;
  /** Every OAuth token configured or issued, for secret scans. */
  oauthSecrets(): string[];
  /** Successful `POST /oauth/token` refreshes. */
  readonly oauthRefreshes: number;
}

export class Misbehaviour {
  readonly oauth: OAuthServer;
  readonly rateLimits: RateLimits;
  private faults: FaultInjector | null;
  private foreign: { origin: string; remaining: number } | null = null;
  private readonly gates = new Set<(info: GateInfo) => void | Promise<void>>();

  constructor(private readonly options: NormalizedOptions, now: () => number) {
    this.oauth = new OAuthServer(options.oauth, options.seed, now);
    this.rateLimits = new RateLimits(options.rateLimits);
    this.faults = options.faults ? new FaultInjector(options.faults, options.seed) : null;
  }

  setFaults(o: FaultOptions | null): void {
    this.faults = o ? new FaultInjector(normalizeFaults(o), this.options.seed) : null;
  }

  foreignNextLink(origin: string, count = 1): void {
    this.foreign = { origin: new URL(origin).origin, remaining: count };
  }

  beforeRequest(fn: (info: GateInfo) => void | Promise<void>): () => void {
    this.gates.add(fn);
    return () => this.gates.delete(fn);
  }

  /** Runs `inner` (the real handler) unless a fault replaces it; returns the answer and the log additions. */
  async run(req: Request, url: URL, credentials: Credentials, inner: () => Promise<Response>): Promise<{ response: Response; extras: RequestLogExtras & { status?: number } }> {
    const extras: RequestLogExtras & { status?: number } = {};
    const o = this.options.rateLimits;
    if (this.faults || o.user || o.endpoints.length > 0) extras.receivedAt = Date.now();
    const credential = credentials.kind === 'bearer' && credentials.token ? this.oauth.label(credentials.token) : undefined;
    if (credential) extras.credential = credential;
    for (const gate of [...this.gates]) await gate({ method: req.method, path: url.pathname, credential });

    let response: Response;
    const fault = this.faults?.draw(url.pathname, url.pathname + url.search) ?? null;
    if (fault) extras.fault = fault.kind;
    if (fault?.kind === 'reset' || fault?.kind === 'stall') {
      // Never reaches the application, like a request lost in a proxy. Status 0 in the log: no answer.
      extras.status = 0;
      response = tagSocketFault(new Response(null, { status: 504 }), { kind: fault.kind, stallMs: this.faults?.options.stallMs ?? 0 });
    } else if (fault && this.faults) {
      if (fault.kind === 'latency') await new Promise((r) => setTimeout(r, this.faults?.options.latencyMs ?? 0));
      response = this.faults.response(fault, Date.now()) ?? (await inner());
      if (fault.kind === 'truncate') tagSocketFault(response, { kind: 'truncate', stallMs: 0 });
    } else {
      response = await inner();
    }

    if (this.foreign && this.foreign.remaining > 0 && response.status < 300 && rewriteLinkOrigin(response, this.foreign.origin)) {
      this.foreign.remaining--;
      extras.fault ??= 'foreign-link';
    }
    return { response, extras };
  }
}
