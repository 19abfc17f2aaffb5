/**
 * @module The composition root: turns a validated config and a list of bindings into a running
 * capture (GitLab client + GitLab resources + engine). Protocol adapters and the local runner
 * call {@link runCapture}; nothing below this file knows about protocols or SQLite.
 */
import { ConfigError } from './config/config-error.js';
import { runEngine } from './engine/capture.js';
import { syncModes, type Binding, type JsonObject, type Resource } from './engine/types.js';
import { GitLabClient, type OAuthTokens } from './gitlab/client.js';
import { createResources, resolveRoots, usesMembership } from './resources/index.js';
import { credentialsFromState, oauthStatePatch } from './oauth-state.js';
import type { Config } from './config/config.js';
import type { CaptureSink, CaptureSummary, ConnectorState, ProgressEvent, SyncMode } from './engine/types.js';
import type { Logger } from './log/logger.js';
import type { SecretSet } from './log/secrets.js';

/** A fetch-compatible transport, injectable so tests can route requests in-process. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface BindingRequest {
  /** Index in the caller's binding list (`captured.binding`). */
  readonly index: number;
  /** Stream name (`issues`). Unknown names are a ConfigError naming the stream. */
  readonly stream: string;
  readonly mode: SyncMode;
  /** Where this binding's state lives (Flow's `stateKey`; the runner uses the stream name). */
  readonly stateKey: string;
}

export interface CaptureOptions {
  readonly config: Config;
  readonly bindings: readonly BindingRequest[];
  readonly state: ConnectorState;
  readonly sink: CaptureSink;
  readonly log: Logger;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly fetch?: FetchLike;
  readonly signal?: AbortSignal;
  /** Rotated OAuth tokens are added here so logs can redact them. */
  readonly secrets?: SecretSet;
}

export interface CaptureResult extends CaptureSummary {
  /** HTTP requests sent to GitLab during the pass. */
  readonly requests: number;
}

/** Resolves requested bindings to resources; an unknown stream is a ConfigError naming it. */
export function resolveBindings(requests: readonly BindingRequest[], resources: readonly Resource[]): Binding[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const errors: string[] = [];
  const bindings: Binding[] = [];
  for (const b of requests) {
    const resource = byName.get(b.stream);
    if (!resource) {
      errors.push(`binding ${b.index}: unknown stream ${JSON.stringify(b.stream)} (known: ${[...byName.keys()].join(', ')})`);
      continue;
    }
    if (!syncModes(resource).includes(b.mode)) {
      errors.push(`binding ${b.index}: stream ${b.stream} supports ${syncModes(resource).join(' and ')}, not ${b.mode}`);
      continue;
    }
    bindings.push({ index: b.index, stateKey: b.stateKey, resource, mode: b.mode });
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return bindings;
}

/** Creates the GitLab client for a config, using rotated OAuth tokens from state when they apply. */
export function createClient(options: Pick<CaptureOptions, 'config' | 'state' | 'log' | 'fetch'> & {
  onTokensRotated?: (patch: JsonObject, tokens: OAuthTokens) => Promise<void>;
}): GitLabClient {
  const { config, state, log } = options;
  const credentials = credentialsFromState(config.credentials, state, log);
  const onRotated = options.onTokensRotated;
  return new GitLabClient({
    apiUrl: config.apiUrl,
    credentials,
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(config.caCert ? { caCert: config.caCert } : {}),
    ...(config.requestsPerMinute ? { requestsPerMinute: config.requestsPerMinute } : {}),
    ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
    ...(onRotated && config.credentials.kind === 'oauth'
      ? { onTokensRotated: (tokens: OAuthTokens) => onRotated(oauthStatePatch(config.credentials, tokens), tokens) }
      : {}),
  });
}

/** One capture pass over the requested bindings. */
export async function runCapture(options: CaptureOptions): Promise<CaptureResult> {
  const { config, log } = options;
  const resources = createResources({ includeArchived: config.includeArchived, commitsAllBranches: config.commitsAllBranches });
  const bindings = resolveBindings(options.bindings, resources);
  // Rotated OAuth tokens are checkpointed before any other request: the old refresh token is dead.
  const client = createClient({
    ...options,
    onTokensRotated: async (patch, tokens) => {
      options.secrets?.add(tokens.accessToken, tokens.refreshToken);
      await options.sink.checkpoint(patch);
    },
  });
  if (usesMembership(config)) {
    log.info('no groups or projects configured: capturing the groups and projects the token is a member of');
  }
  try {
    const summary = await runEngine({
      bindings,
      resources,
      roots: resolveRoots(config),
      api: client,
      state: options.state,
      sink: options.sink,
      log,
      initialCursor: config.startDate,
      concurrency: config.concurrency,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { ...summary, requests: client.stats.requests };
  } finally {
    await client.close();
  }
}
