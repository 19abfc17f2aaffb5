/**
 * @module A throughput check for {@link SqliteStore}: writes synthetic issue-sized documents in
 * checkpointed batches and reports rows per second. A helper to run by hand, not a timed test
 * (timings on shared CI machines are noise):
 *
 *     npm run build && node dist/src/runner/store-throughput.js [rows] [batch]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SqliteStore } from './sqlite-store.js';

export interface ThroughputOptions {
  /** Database file. @default a file in a fresh temp dir, removed afterwards */
  path?: string;
  /** @default 50000 */
  rows?: number;
  /** Documents per checkpoint (the engine checkpoints about once per page or parent). @default 1000 */
  batch?: number;
}

export interface ThroughputResult {
  readonly rows: number;
  readonly stored: number;
  readonly ms: number;
  readonly rowsPerSecond: number;
}

/** About the size of a GitLab issue (~1 KB of JSON) with a composite key, as `issues` has. */
function issue(i: number): Record<string, unknown> {
  return {
    project_id: i % 97,
    iid: i,
    id: 1_000_000 + i,
    title: `Issue ${i}: something is not quite right with the widget`,
    description: 'Steps to reproduce: '.repeat(20),
    state: i % 3 === 0 ? 'closed' : 'opened',
    labels: ['bug', 'backend', `area-${i % 7}`],
    author_id: i % 13,
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    web_url: `https://gitlab.example.com/group/project-${i % 97}/-/issues/${i}`,
  };
}

export function measureStoreThroughput(options: ThroughputOptions = {}): ThroughputResult {
  const rows = options.rows ?? 50_000;
  const batch = options.batch ?? 1000;
  const dir = options.path === undefined ? mkdtempSync(join(tmpdir(), 'store-throughput-')) : undefined;
  const store = new SqliteStore(options.path ?? join(dir ?? '', 'bench.db'));
  try {
    store.ensureCollection('issues', ['/project_id', '/iid']);
    const started = performance.now();
    for (let i = 0; i < rows; i++) {
      store.upsert('issues', issue(i));
      if ((i + 1) % batch === 0) store.checkpoint({ bindings: { issues: { cursors: { all: String(i) } } } });
    }
    store.checkpoint({});
    const ms = performance.now() - started;
    return { rows, stored: store.count('issues'), ms, rowsPerSecond: Math.round((rows / ms) * 1000) };
  } finally {
    store.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [rows, batch] = process.argv.slice(2).map(Number);
  const result = measureStoreThroughput({
    ...(rows ? { rows } : {}),
    ...(batch ? { batch } : {}),
  });
  console.log(
    `${result.rows} rows in ${result.ms.toFixed(0)} ms: ${result.rowsPerSecond} rows/s (${result.stored} stored)`,
  );
}
