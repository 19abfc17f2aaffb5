/**
 * @module The Airbyte source protocol: `spec`, `check`, `discover` and `read`, each writing
 * Airbyte messages to stdout, one JSON object per line. `read` runs one capture pass and emits a
 * STATE after the records it covers, each time the engine checkpoints.
 */
import type { Writable } from 'node:stream';
import { runCapture, type FetchLike } from '../../capture.js';
import type { CaptureSink, ConnectorState, Doc, JsonObject } from '../../engine/types.js';
import type { LogLevel, Logger } from '../../log/logger.js';
import type { SecretSet } from '../../log/secrets.js';
import { resources } from '../../resources/index.js';
import { applyMergePatch } from '../../util/merge-patch.js';
import { createLineWriter, type LineWriter } from '../io.js';
import { validateConnection } from '../validate.js';
import { catalogMessage, parseConfiguredCatalog } from './catalog.js';
import { describeError, errorTraceOf } from './errors.js';
import { loadConfig, readJsonFile } from './inputs.js';
import { createAirbyteLogger } from './logger.js';
import { configControl, connectionStatus, errorTrace, record, stateMessage } from './messages.js';
import { specMessage } from './spec.js';
import { fromAirbyteState, toAirbyteState } from './state.js';
import { configWithTokens, rotatedTokens } from './tokens.js';

export type AirbyteCommand =
  | { readonly name: 'spec' }
  | { readonly name: 'check'; readonly config: string }
  | { readonly name: 'discover'; readonly config: string }
  | { readonly name: 'read'; readonly config: string; readonly catalog: string; readonly state?: string };

export interface AirbyteOptions {
  readonly stdout: Writable;
  /** Config and rotated tokens are added here; logs and errors are scrubbed of them. */
  readonly secrets: SecretSet;
  /** @default 'info' */
  readonly level?: LogLevel;
  readonly fetch?: FetchLike;
  /** Clock for `emitted_at`. @default Date.now */
  readonly now?: () => number;
}

interface Context {
  readonly out: LineWriter;
  readonly log: Logger;
  readonly options: AirbyteOptions;
  readonly now: () => number;
}

/** Runs one command. A fatal error is thrown: report it with {@link writeAirbyteFailure}. */
export async function runAirbyte(command: AirbyteCommand, options: AirbyteOptions): Promise<void> {
  const out = createLineWriter(options.stdout);
  const log = createAirbyteLogger({
    emit: (message) => void out.write(message),
    level: options.level ?? 'info',
    secrets: () => options.secrets.list(),
  });
  const ctx: Context = { out, log, options, now: options.now ?? Date.now };
  switch (command.name) {
    case 'spec':
      await out.write(specMessage());
      break;
    case 'check':
      await check(command.config, ctx);
      break;
    case 'discover':
      await loadConfig(command.config, options.secrets); // a broken config fails here, not in read
      await out.write(catalogMessage(resources));
      break;
    case 'read':
      await read(command, ctx);
      break;
  }
  await out.flush();
}

/** Every failure, a config error as much as an unreachable host, is a FAILED status: exit 0. */
async function check(configPath: string, { out, log, options }: Context): Promise<void> {
  try {
    const { config } = await loadConfig(configPath, options.secrets);
    await validateConnection({ config, bindings: [], log, ...(options.fetch ? { fetch: options.fetch } : {}) });
    await out.write(connectionStatus());
  } catch (err) {
    await out.write(connectionStatus(describeError(err, options.secrets.list())));
  }
}

async function read(command: Extract<AirbyteCommand, { name: 'read' }>, { out, log, options, now }: Context): Promise<void> {
  const loaded = await loadConfig(command.config, options.secrets);
  const bindings = parseConfiguredCatalog(await readJsonFile(command.catalog, 'catalog'), command.catalog);
  const initial: ConnectorState = command.state ? fromAirbyteState(await readJsonFile(command.state, 'state'), log) : {};
  const streamOf = new Map(bindings.map((b) => [b.index, b.stream]));

  // The full state, kept current by applying each checkpoint's patch: Airbyte wants it whole.
  let state = initial as JsonObject;
  let rawConfig = loaded.raw;
  let deletions = 0;
  const sink: CaptureSink = {
    document: (binding, doc) => {
      // A full refresh sends Airbyte every current record, so a vanished one needs no record
      // (and a key-only deletion document would land in the destination as a bogus row).
      if (isDeletion(doc)) {
        deletions++;
        return;
      }
      return out.write(record(streamOf.get(binding) ?? String(binding), doc, now()), { batch: true });
    },
    checkpoint: async (patch) => {
      state = applyMergePatch(state, patch) as JsonObject;
      const tokens = rotatedTokens(patch);
      if (tokens) {
        rawConfig = configWithTokens(rawConfig, tokens);
        await out.write(configControl(rawConfig, now()));
      }
      await out.write(stateMessage(toAirbyteState(state as ConnectorState)));
    },
  };
  const result = await runCapture({
    config: loaded.config,
    bindings,
    state: initial,
    sink,
    log,
    secrets: options.secrets,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const streams = Object.entries(result.streams);
  log.info('capture pass done', {
    documents: streams.reduce((n, [, s]) => n + s.documents, 0),
    requests: result.requests,
    skipped: result.skipped.length,
    ...(deletions > 0 ? { deletions_dropped: deletions } : {}),
    duration_ms: result.durationMs,
    streams: Object.fromEntries(streams.map(([k, v]) => [k, v.documents])),
  });
}

/** The engine's deletion documents (`{...key, _meta: {op: 'd'}}`, for full-refresh streams). */
function isDeletion(doc: Doc): boolean {
  const meta = doc['_meta'];
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>)['op'] === 'd';
}

/** Reports a fatal error as Airbyte expects: one TRACE error message (stack only when `debug`). */
export async function writeAirbyteFailure(
  stdout: Writable,
  err: unknown,
  options: { readonly secrets: readonly string[]; readonly debug: boolean; readonly now?: () => number },
): Promise<void> {
  const message = errorTrace(errorTraceOf(err, options), (options.now ?? Date.now)());
  await new Promise<void>((resolve) => stdout.write(JSON.stringify(message) + '\n', () => resolve()));
}
