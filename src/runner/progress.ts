/**
 * @module What the local runner shows while it captures, on stderr: on a terminal one line,
 * redrawn in place, with document counts and requests; otherwise (a file, CI) a plain line every
 * few seconds, so logs stay readable. Driven by the engine's {@link ProgressEvent}s.
 */
import type { ProgressEvent } from '../engine/types.js';
import { formatCount, formatDuration } from './format.js';

const CLEAR_LINE = '\x1b[2K';
const CLEAR_RIGHT = '\x1b[K';

export interface ProgressOutput extends NodeJS.WritableStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressOptions {
  /** @default process.stderr */
  stream?: ProgressOutput;
  /** Time between redraws on a terminal (@default 200), or between plain lines otherwise (@default 5000). */
  intervalMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** Show the request count; only meaningful when something calls `request()`. @default true */
  showRequests?: boolean;
}

export interface Progress {
  /** Feeds one engine event; a bound function, so it can be passed as `onProgress` as is. */
  readonly onProgress: (event: ProgressEvent) => void;
  /** Counts one HTTP request (the runner counts them in the fetch it hands the client). */
  readonly request: () => void;
  /**
   * Runs `emit`, which writes whole lines (a log line) to the same stream, with the progress
   * line out of the way: cleared first and redrawn below them after.
   */
  readonly print: (emit: () => void) => void;
  /** Stops redrawing and clears the line; safe to call twice. */
  readonly stop: () => void;
}

/** What has happened so far. Streams are kept in the order they were last active. */
export interface ProgressSnapshot {
  readonly documents: ReadonlyMap<string, number>;
  readonly skipped: number;
  /** Undefined when requests are not counted. */
  readonly requests: number | undefined;
  readonly elapsedMs: number;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream: ProgressOutput = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const started = now();
  const documents = new Map<string, number>();
  let skipped = 0;
  let requests = 0;
  const showRequests = options.showRequests ?? true;
  const snapshot = (): ProgressSnapshot => ({
    documents,
    skipped,
    requests: showRequests ? requests : undefined,
    elapsedMs: now() - started,
  });

  const onProgress = (event: ProgressEvent): void => {
    if (event.type === 'skip') {
      skipped += 1;
      return;
    }
    // Events carry the number of new documents; re-inserting moves the stream to the end,
    // which the terminal line shows first.
    const total = (documents.get(event.stream) ?? 0) + event.count;
    documents.delete(event.stream);
    documents.set(event.stream, total);
  };
  const request = (): void => {
    requests += 1;
  };

  if (stream.isTTY) {
    // Drawn by hand rather than with cli-progress: its bars save and restore the cursor
    // position, which lands on the wrong row once log lines have scrolled the screen.
    let drawn = '';
    const draw = (force: boolean): void => {
      const line = formatProgressLine(snapshot(), (stream.columns || 80) - 1); // 0 means unknown; -1: never wrap
      if (!force && line === drawn) return;
      stream.write(`\r${line}${CLEAR_RIGHT}`);
      drawn = line;
    };
    const timer = setInterval(() => draw(false), options.intervalMs ?? 200);
    timer.unref(); // progress must never keep a finished process alive
    let stopped = false;
    const print = (emit: () => void): void => {
      if (stopped) return emit();
      stream.write(`\r${CLEAR_LINE}`);
      emit();
      draw(true);
    };
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stream.write(`\r${CLEAR_LINE}`);
    };
    draw(true);
    return { onProgress, request, print, stop };
  }

  const timer = setInterval(() => stream.write(formatProgressLog(snapshot()) + '\n'), options.intervalMs ?? 5000);
  timer.unref(); // progress must never keep a finished process alive
  return { onProgress, request, print: (emit) => emit(), stop: () => clearInterval(timer) };
}

function totalDocuments(snapshot: ProgressSnapshot): number {
  let total = 0;
  for (const n of snapshot.documents.values()) total += n;
  return total;
}

/** Totals first, then the most recently active streams, cut to `width` columns. */
export function formatProgressLine(snapshot: ProgressSnapshot, width: number): string {
  const parts = [
    `${formatCount(totalDocuments(snapshot))} documents`,
    ...(snapshot.requests === undefined ? [] : [`${formatCount(snapshot.requests)} requests`]),
    ...(snapshot.skipped > 0 ? [`${formatCount(snapshot.skipped)} skipped`] : []),
    formatDuration(snapshot.elapsedMs),
  ];
  const streams = [...snapshot.documents].reverse().map(([name, n]) => `${name} ${formatCount(n)}`);
  const line = streams.length > 0 ? `${parts.join(' · ')} │ ${streams.join(' · ')}` : parts.join(' · ');
  return line.length <= width ? line : `${line.slice(0, Math.max(0, width - 1))}…`;
}

/** One plain line for logs: every stream, in name order, so successive lines compare easily. */
export function formatProgressLog(snapshot: ProgressSnapshot): string {
  const streams = [...snapshot.documents]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, n]) => `${name} ${formatCount(n)}`);
  const parts = [
    `${formatCount(totalDocuments(snapshot))} documents`,
    ...(snapshot.requests === undefined ? [] : [`${formatCount(snapshot.requests)} requests`]),
    ...(snapshot.skipped > 0 ? [`${formatCount(snapshot.skipped)} skipped parents`] : []),
    `${formatDuration(snapshot.elapsedMs)} elapsed`,
  ];
  return `progress: ${parts.join(', ')}${streams.length > 0 ? ` (${streams.join(', ')})` : ''}`;
}
