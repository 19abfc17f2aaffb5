/**
 * Runs the built connector (`dist/src/cli.js`) as a child process on pipes, as Flow and the
 * local runner's users do. `npm test` builds before running vitest.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = resolve(repoRoot, 'dist/src/cli.js');

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON lines. */
  readonly messages: Record<string, unknown>[];
}

export async function runConnector(
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string>; cwd?: string; timeoutMs?: number; /** stdout is JSON lines @default true */ json?: boolean } = {},
): Promise<ProcessResult> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  clearTimeout(timer);
  const messages = options.json === false ? [] : stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, stdout, stderr, messages };
}

/** Flow request lines for one `open` of the given streams. */
export function openRequest(config: unknown, streams: readonly string[], state: unknown = {}): string {
  const bindings = streams.map((stream) => ({
    resourceConfig: { stream, syncMode: stream === 'groups' || stream === 'projects' ? 'full_refresh' : 'incremental' },
    resourcePath: [stream],
    collection: { name: `acmeCo/${stream}`, key: ['/id'] },
    stateKey: stream,
  }));
  return JSON.stringify({ open: { capture: { name: 'acmeCo/source-gitlab', config, bindings }, range: { keyEnd: 4294967295 }, state } }) + '\n';
}

export interface Captured {
  /** Documents per binding index. */
  readonly docs: Map<number, Record<string, unknown>[]>;
  /** Checkpoint patches in order. */
  readonly checkpoints: Record<string, unknown>[];
  /** Whether each `captured` is followed, later, by a checkpoint. */
  readonly endsWithCheckpoint: boolean;
}

export function splitCapture(messages: readonly Record<string, unknown>[]): Captured {
  const docs = new Map<number, Record<string, unknown>[]>();
  const checkpoints: Record<string, unknown>[] = [];
  let lastKind = '';
  for (const m of messages) {
    if ('captured' in m) {
      const c = m['captured'] as { binding?: number; doc: Record<string, unknown> };
      const b = c.binding ?? 0;
      docs.set(b, [...(docs.get(b) ?? []), c.doc]);
      lastKind = 'captured';
    } else if ('checkpoint' in m) {
      const cp = m['checkpoint'] as { state: { updated: Record<string, unknown>; mergePatch?: boolean } };
      checkpoints.push(cp.state.updated);
      lastKind = 'checkpoint';
    }
  }
  return { docs, checkpoints, endsWithCheckpoint: lastKind !== 'captured' };
}
