/**
 * @module The composition root: turns a validated config and a list of bindings into a running
 * capture (GitLab client + GitLab resources + engine). Protocol adapters and the local runner
 * call {@link runCapture}; nothing below this file knows about protocols or SQLite.
 */
import type { Config } from './config/config.js';
import type { CaptureSink, CaptureSummary, ConnectorState, ProgressEvent, SyncMode } from './engine/types.js';
import type { Logger } from './log/logger.js';

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
}

export interface CaptureResult extends CaptureSummary {
  /** HTTP requests sent to GitLab during the pass. */
  readonly requests: number;
}
