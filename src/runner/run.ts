/**
 * @module `source-gitlab capture`: the same capture as the Flow protocol, written to a local
 * SQLite database (one table per collection, state alongside). Without a config it captures from
 * the bundled GitLab simulator, so a newcomer sees a real capture in seconds; run it again and
 * the capture is incremental, because the same seed serves the same data.
 */
import { runCapture, type BindingRequest, type CaptureResult, type FetchLike } from '../capture.js';
import { configSecrets, parseConfig, type Config } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import { syncModes, type Resource } from '../engine/types.js';
import type { Logger } from '../log/logger.js';
import type { SecretSet } from '../log/secrets.js';
import { resources } from '../resources/index.js';
import { loadConfigFile } from '../config/config-file.js';
import { createProgress, type Progress, type ProgressOutput } from './progress.js';
import { SqliteStore } from './sqlite-store.js';
import { formatSummary } from './summary.js';

export interface LocalCaptureOptions {
  /** YAML or JSON config. Absent: capture from the bundled simulator. */
  readonly configPath?: string;
  /** SQLite file, created when missing. */
  readonly dbPath: string;
  readonly log: Logger;
  /** Where the summary table goes. @default process.stdout */
  readonly out?: ProgressOutput;
  /** Where progress is drawn. @default process.stderr */
  readonly progress?: ProgressOutput;
  /** Transport for GitLab requests. @default the GitLab client's own (undici, keep-alive) */
  readonly fetch?: FetchLike;
  /** Config tokens are added here so the CLI's logs redact them. */
  readonly secrets?: SecretSet;
  readonly signal?: AbortSignal;
  /** Capture only these streams (their parents are read, not stored). @default every stream */
  readonly streams?: readonly string[];
}

/** The config to capture with, and what to shut down afterwards. */
interface Source {
  readonly config: Config;
  readonly close: () => Promise<void>;
}

/** Every resource, bound in the order of the list; the runner keeps state under the stream name. */
export function bindAll(list: readonly Resource[]): BindingRequest[] {
  return list.map((r, index) => ({
    index,
    stream: r.name,
    mode: syncModes(r)[0] ?? 'full_refresh',
    stateKey: r.name,
  }));
}

/** The resources named by `--streams`, in catalog order; an unknown name is a ConfigError naming it. */
export function selectResources(names: readonly string[] | undefined): readonly Resource[] {
  if (!names || names.length === 0) return resources;
  const known = new Set(resources.map((r) => r.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new ConfigError(unknown.map((n) => `--streams: unknown stream ${JSON.stringify(n)} (known: ${[...known].join(', ')})`));
  }
  return resources.filter((r) => names.includes(r.name));
}

export async function runLocalCapture(options: LocalCaptureOptions): Promise<CaptureResult> {
  const { log } = options;
  const source = options.configPath
    ? { config: parseConfig(await loadConfigFile(options.configPath)), close: async () => {} }
    : await startBundledSimulator(log);
  try {
    options.secrets?.add(...configSecrets(source.config));
    return await captureInto(options, source.config);
  } finally {
    await source.close();
  }
}

async function captureInto(options: LocalCaptureOptions, config: Config): Promise<CaptureResult> {
  const { dbPath, log } = options;
  const selected = selectResources(options.streams);
  const bindings = bindAll(selected);
  const store = new SqliteStore(dbPath);
  try {
    for (const r of selected) store.ensureCollection(r.name, r.key);
    const state = store.loadState();
    log.info(Object.keys(state).length === 0 ? 'starting a new capture' : 'resuming from the stored state', { db: dbPath });

    // Requests are counted only through an injected fetch: wrapping the client's default
    // transport would bypass its keep-alive agent and custom CA.
    const progress = createProgress({
      ...(options.progress ? { stream: options.progress } : {}),
      showRequests: options.fetch !== undefined,
    });
    const fetch = options.fetch ? countRequests(options.fetch, progress.request) : undefined;
    let result: CaptureResult;
    try {
      result = await runCapture({
        config,
        bindings,
        state,
        sink: store.sink(bindings.map((b) => b.stream)),
        log: aboveProgress(log, progress),
        onProgress: progress.onProgress,
        ...(fetch ? { fetch } : {}),
        ...(options.secrets ? { secrets: options.secrets } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } finally {
      progress.stop();
    }

    const out = options.out ?? process.stdout;
    const collections = selected.map((r) => ({ name: r.name, rows: store.count(r.name) }));
    await write(out, formatSummary({ result, collections, color: out.isTTY === true }));
    log.info('capture done', {
      db: dbPath,
      documents: Object.values(result.streams).reduce((n, s) => n + s.documents, 0),
      skipped: result.skipped.length,
      requests: result.requests,
      duration_ms: result.durationMs,
      max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    });
    return result;
  } finally {
    // After a failure this rolls back what the last checkpoint does not cover, as a crash would.
    const rolledBack = store.close();
    if (rolledBack > 0) log.warn('rolled back documents written after the last checkpoint', { documents: rolledBack });
  }
}

async function startBundledSimulator(log: Logger): Promise<Source> {
  // Loaded only here: a capture from a config file never needs the simulator's code or data.
  const { createSimulator, DEFAULT_TOKEN } = await import('../../simulator/index.js');
  const simulator = createSimulator();
  const url = await simulator.listen(0);
  try {
    log.info(`capturing from the bundled GitLab simulator at ${url}; to capture from GitLab, pass --config FILE`, { url });
    const raw = {
      api_url: url,
      credentials: { auth_type: 'access_token', access_token: DEFAULT_TOKEN },
      start_date: '2020-01-01T00:00:00Z',
      // The simulator on loopback has no rate limit: gitlab.com's default budget (2,000 a
      // minute) would only make the demo wait.
      requests_per_minute: 60_000,
      concurrency: 8,
    };
    return { config: parseConfig(raw), close: () => simulator.close() };
  } catch (err) {
    await simulator.close();
    throw err;
  }
}

/** A logger whose lines move the progress line out of the way, so the two never share a row. */
function aboveProgress(log: Logger, progress: Progress): Logger {
  return {
    debug: (message, fields) => progress.print(() => log.debug(message, fields)),
    info: (message, fields) => progress.print(() => log.info(message, fields)),
    warn: (message, fields) => progress.print(() => log.warn(message, fields)),
    error: (message, fields) => progress.print(() => log.error(message, fields)),
    child: (fields) => aboveProgress(log.child(fields), progress),
  };
}

function countRequests(fetch: FetchLike, onRequest: () => void): FetchLike {
  return (input, init) => {
    onRequest();
    return fetch(input, init);
  };
}

/** Resolves once `text` is handed to the OS, so a process.exit() right after loses nothing. */
function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
