/**
 * @module Test support for this folder's tests, not part of the client: a real HTTP server on a
 * loopback port, a virtual clock, and a logger that keeps its lines.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../log/logger.js';
import type { Clock } from './clock.js';

export interface SeenRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The virtual time it arrived at, when the server was given a clock. */
  readonly at: number;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly host: string;
  readonly requests: SeenRequest[];
  /** TCP connections accepted so far. */
  connections: number;
  /** TCP connections open now. */
  open: number;
  close(): Promise<void>;
}

/** May return anything (a promise is awaited), so handlers can be one-line arrow functions. */
export type Handler = (req: SeenRequest, res: ServerResponse) => unknown;

export async function startServer(handler: Handler, clock?: Clock): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString(), at: clock?.now() ?? Date.now() };
      requests.push(seen);
      Promise.resolve(handler(seen, res)).catch((err: unknown) => {
        res.writeHead(599).end(String(err));
      });
    });
  });
  const state: TestServer = {
    origin: '',
    host: '',
    requests,
    connections: 0,
    open: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    state.connections++;
    state.open++;
    socket.on('close', () => state.open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` });
}

/** Sends `body` as JSON with `headers`. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export interface VirtualClock extends Clock {
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
}

/**
 * A clock whose sleeps return almost at once (one `setImmediate` each) while virtual time jumps
 * to their deadline. Timers fire one per tick in deadline order, so concurrent sleepers see the
 * times they would have seen in real life.
 */
export function virtualClock(start = Date.parse('2024-05-01T00:00:00Z')): VirtualClock {
  let now = start;
  const sleeps: number[] = [];
  const timers: Array<{ at: number; seq: number; fire: () => void }> = [];
  let seq = 0;
  let pumping = false;
  const pump = (): void => {
    if (pumping) return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const timer = timers.shift();
      if (!timer) return;
      now = Math.max(now, timer.at);
      timer.fire();
      if (timers.length) pump();
    });
  };
  return {
    sleeps,
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        sleeps.push(ms);
        if (signal?.aborted) return reject(signal.reason);
        const timer = { at: now + Math.max(0, ms), seq: seq++, fire: () => { signal?.removeEventListener('abort', onAbort); resolve(); } };
        const onAbort = (): void => {
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        pump();
      }),
  };
}

export interface CapturedLog {
  readonly log: Logger;
  readonly lines: string[];
  entries(): Array<{ level: string; message: string; fields: Record<string, unknown> }>;
}

/** A debug-level logger that keeps its lines, with no redaction: what the client writes is checked raw. */
export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return { log, lines, entries: () => lines.map((l) => JSON.parse(l) as { level: string; message: string; fields: Record<string, unknown> }) };
}
