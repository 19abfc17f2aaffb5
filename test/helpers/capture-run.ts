/**
 * Runs one Flow `open` of the built connector as a child process, like `runConnector`, but hands
 * each stdout line to the test as it arrives (so a test holding a request in the simulator can
 * look at what the connector has said so far), and returns documents, checkpoints and the merged
 * state. Used by the OAuth, fault, rate-limit and credential scenarios.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { applyMergePatch } from '../../src/util/merge-patch.js';
import type { JsonValue } from '../../src/engine/types.js';
import { cliPath, openRequest, repoRoot, splitCapture } from './connector.js';

export type Obj = Record<string, unknown>;

export interface CaptureRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly messages: Obj[];
  readonly docs: Map<number, Obj[]>;
  readonly checkpoints: Obj[];
  /** `state` with every checkpoint merged in. */
  readonly state: JsonValue;
}

export interface CaptureRunOptions {
  readonly state?: JsonValue;
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
  /** Each stdout line, parsed, as it arrives. */
  readonly onMessage?: (message: Obj) => void;
}

export async function runCapture(config: Obj, streams: readonly string[], options: CaptureRunOptions = {}): Promise<CaptureRun> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first (npm test does)`);
  const state = options.state ?? {};
  const child = spawn(process.execPath, [cliPath], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  const messages: Obj[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    pending += d;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim() === '') continue;
      const m = JSON.parse(line) as Obj;
      messages.push(m);
      options.onMessage?.(m);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(openRequest(config, streams, state));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  clearTimeout(timer);
  const { docs, checkpoints } = splitCapture(messages);
  const merged = checkpoints.reduce<JsonValue>((s, p) => applyMergePatch(s, p as JsonValue), state);
  return { code, stdout, stderr, messages, docs, checkpoints, state: merged };
}

/** Documents keyed by `binding:id`, each as its JSON text: two captures compare document for document. */
export function docSet(run: CaptureRun): Map<string, string> {
  const out = new Map<string, string>();
  for (const [binding, docs] of run.docs) for (const d of docs) out.set(`${binding}:${String(d['id'])}`, JSON.stringify(d));
  return out;
}

/** The secrets of `secrets` found in `text`, for a failure message that names which (by position, not value). */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length > 0 && text.includes(s)).map((s) => `secret #${secrets.indexOf(s)} (${s.length} chars)`);
}

/** stdout without checkpoint lines: where no secret may appear (checkpoint state may hold rotated tokens). */
export function stdoutOutsideCheckpoints(run: CaptureRun): string {
  return run.stdout
    .split('\n')
    .filter((l) => !l.startsWith('{"checkpoint"'))
    .join('\n');
}

/** Parsed error lines of a JSON-lines stderr. */
export function errorLines(stderr: string): { message: string }[] {
  return stderr
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as { level: string; message: string })
    .filter((l) => l.level === 'error');
}

export async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}
