/**
 * @module The HTTP transport: undici's `fetch` through one keep-alive `Agent` per client, so
 * thousands of small page requests reuse a few TLS connections instead of opening one each.
 */
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';

/** A fetch-compatible function; tests and the simulator inject one. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface Transport {
  readonly fetch: FetchLike;
  close(): Promise<void>;
}

/** How long an idle connection is kept; GitLab's nginx keeps them 65 s by default. */
const KEEP_ALIVE_MS = 30_000;

/**
 * An injected `fetch` is used as is (it owns its connections and TLS, so `caCert` does not apply
 * to it). Otherwise an Agent is made; `caCert` is added to Node's public roots rather than
 * replacing them, so a private CA never stops a public host from verifying. TLS is always verified.
 */
export function createTransport(options: { fetch?: FetchLike; caCert?: string }): Transport {
  if (options.fetch) return { fetch: options.fetch, close: async () => {} };
  const agent = new Agent({
    keepAliveTimeout: KEEP_ALIVE_MS,
    ...(options.caCert ? { connect: { ca: [...rootCertificates, options.caCert] } } : {}),
  });
  const fetch: FetchLike = async (input, init) =>
    // undici's own Request/Response types are structurally the DOM ones Node exposes globally.
    (await undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as Response;
  return { fetch, close: () => agent.close() };
}
