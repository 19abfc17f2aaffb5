/**
 * @module The Flow capture protocol over stdin/stdout: unary requests (spec, discover, validate,
 * apply) are answered one by one; `open` starts one capture pass, streams `captured` and
 * `checkpoint` responses, and returns when the pass is done (the process then exits 0 and Flow
 * restarts it after the capture's interval).
 */
import type { Readable, Writable } from 'node:stream';
import { runCapture, type BindingRequest, type FetchLike } from '../../capture.js';
import { parseConfig, rawConfigSecrets } from '../../config/config.js';
import { parseState } from '../../engine/state.js';
import { syncModes, type CaptureSink, type Resource, type SyncMode } from '../../engine/types.js';
import type { Logger } from '../../log/logger.js';
import type { SecretSet } from '../../log/secrets.js';
import { resources as allResources } from '../../resources/index.js';
import { createLineWriter, readJsonLines, type LineWriter } from '../io.js';
import { validateConnection } from '../validate.js';
import { parseRequest, type CaptureSpec } from './messages.js';
import { specResponse, discoverResponse } from './responses.js';
import { computeStateKey } from './state-key.js';

export interface FlowOptions {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly log: Logger;
  readonly secrets: SecretSet;
  readonly fetch?: FetchLike;
}

export async function runFlow(options: FlowOptions): Promise<void> {
  const out = createLineWriter(options.stdout);
  for await (const { value, lineNumber } of readJsonLines(options.stdin)) {
    const req = parseRequest(value, lineNumber);
    switch (req.kind) {
      case 'spec':
        await out.write(specResponse());
        break;
      case 'discover':
        parseConfig(registerSecrets(req.body.config, options.secrets));
        await out.write(discoverResponse(allResources));
        break;
      case 'validate': {
        const config = parseConfig(registerSecrets(req.body.config, options.secrets));
        const requested = req.body.bindings ?? [];
        const bindings = requested.map((b, index) => toBindingRequest(index, b.resourceConfig, b.resourceConfig.stream));
        await validateConnection({ config, bindings, log: options.log, ...(options.fetch ? { fetch: options.fetch } : {}) });
        await out.write({ validated: { bindings: requested.map((b) => ({ resourcePath: resourcePathOf(b.resourceConfig) })) } });
        break;
      }
      case 'apply':
        await out.write({ applied: { actionDescription: '' } });
        break;
      case 'open':
        await open(req.body.capture, req.body.state, out, options);
        return; // one pass per process: Flow restarts the connector after its interval
      case 'acknowledge':
        break; // never requested: `opened` does not ask for explicit acknowledgements
    }
  }
  await out.flush();
}

async function open(capture: CaptureSpec, rawState: unknown, out: LineWriter, options: FlowOptions): Promise<void> {
  const config = parseConfig(registerSecrets(capture.config, options.secrets));
  const state = parseState(rawState);
  const bindings = (capture.bindings ?? []).map((b, index) => ({
    ...toBindingRequest(index, b.resourceConfig, b.stateKey ?? computeStateKey(b.resourcePath ?? resourcePathOf(b.resourceConfig), b.backfill ?? 0)),
  }));
  await out.write({ opened: {} });
  // `eventType: connectorStatus` lines are what Flow's UI shows as the capture's status.
  const status = (message: string) => options.log.info(message, { eventType: 'connectorStatus' });
  status(`capturing ${bindings.length} binding${bindings.length === 1 ? '' : 's'} from GitLab`);
  const sink: CaptureSink = {
    document: (binding, doc) => out.write({ captured: { binding, doc } }, { batch: true }),
    checkpoint: (patch) => out.write({ checkpoint: { state: { updated: patch, mergePatch: true } } }),
  };
  const result = await runCapture({
    config,
    bindings,
    state,
    sink,
    log: options.log,
    secrets: options.secrets,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  await out.flush();
  const documents = Object.values(result.streams).reduce((n, s) => n + s.documents, 0);
  status(
    `captured ${documents} documents in ${Math.round(result.durationMs / 1000)} s` +
      (result.skipped.length > 0 ? `, ${result.skipped.length} parents skipped (see warnings)` : ''),
  );
  options.log.info('capture pass done', {
    documents,
    requests: result.requests,
    skipped: result.skipped.length,
    duration_ms: result.durationMs,
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    streams: Object.fromEntries(Object.entries(result.streams).map(([k, v]) => [k, v.documents])),
  });
}

function toBindingRequest(index: number, rc: { stream: string; syncMode?: SyncMode | undefined }, stateKey: string): BindingRequest {
  const resource: Resource | undefined = allResources.find((r) => r.name === rc.stream);
  const mode: SyncMode = rc.syncMode ?? (resource ? (syncModes(resource)[0] ?? 'full_refresh') : 'full_refresh');
  return { index, stream: rc.stream, mode, stateKey };
}

function resourcePathOf(rc: { stream: string; namespace?: string | undefined } | undefined): string[] {
  if (!rc) return [];
  return rc.namespace ? [rc.namespace, rc.stream] : [rc.stream];
}

/** Registers the config's secrets for redaction before anything can fail and log them. */
function registerSecrets(raw: unknown, secrets: SecretSet): unknown {
  secrets.add(...rawConfigSecrets(raw));
  return raw;
}
