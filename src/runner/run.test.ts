import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../capture.js';
import { createLogger, type Logger } from '../log/logger.js';
import { resources } from '../resources/index.js';
import { bindAll, runLocalCapture } from './run.js';
import { SqliteStore } from './sqlite-store.js';

/** The bundled simulator is written in parallel; its scenarios run once it exists. */
const hasSimulator = existsSync(fileURLToPath(new URL('../../simulator/index.ts', import.meta.url)));

class Capture extends Writable {
  text = '';
  readonly isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

let dir: string;
let dbPath: string;
let logLines: string[];
let log: Logger;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-run-'));
  dbPath = join(dir, 'capture.db');
  logLines = [];
  log = createLogger({ write: (line) => logLines.push(line) });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function rowCounts(): Record<string, number> {
  const store = new SqliteStore(dbPath);
  try {
    for (const r of resources) store.ensureCollection(r.name, r.key);
    return Object.fromEntries(resources.map((r) => [r.name, store.count(r.name)]));
  } finally {
    store.close();
  }
}

describe('bindAll', () => {
  it('binds every resource at its position, in its default mode, keyed by stream name', () => {
    const bindings = bindAll(resources);
    expect(bindings.map((b) => b.stream)).toEqual(resources.map((r) => r.name));
    bindings.forEach((b, i) => {
      expect(b).toEqual({
        index: i,
        stream: resources[i]?.name,
        // Children of changed parents are incremental through their parent's cursor.
        mode: resources[i]?.incremental || resources[i]?.changedParentsOnly ? 'incremental' : 'full_refresh',
        stateKey: resources[i]?.name,
      });
    });
  });
});

describe('runLocalCapture', () => {
  it('fails on a refused token with no summary and no documents, and releases the database', async () => {
    const config = join(dir, 'config.yaml');
    writeFileSync(config, 'api_url: https://gitlab.invalid\ncredentials:\n  access_token: glpat-refused-token\nprojects: "42"\n');
    const refuse: FetchLike = async () =>
      new Response(JSON.stringify({ message: '401 Unauthorized' }), {
        status: 401,
        headers: { 'content-type': 'application/json' },
      });
    const out = new Capture();

    await expect(
      runLocalCapture({ configPath: config, dbPath, log, out, progress: new Capture(), fetch: refuse }),
    ).rejects.toThrow(/401/);
    expect(out.text).toBe(''); // no summary for a failed run
    expect(Object.values(rowCounts()).every((n) => n === 0)).toBe(true);
    const store = new SqliteStore(dbPath); // the failed run's write lock is gone
    store.checkpoint({});
    store.close();
  });

  it('names the config file when it is missing, before touching the database', async () => {
    const missing = join(dir, 'nope.yaml');
    await expect(runLocalCapture({ configPath: missing, dbPath, log })).rejects.toThrow(
      `config file not found: ${missing}`,
    );
    expect(existsSync(dbPath)).toBe(false);
  });

  it.skipIf(!hasSimulator)(
    'captures the bundled simulator into SQLite, then captures incrementally on a second run',
    async () => {
      const first = new Capture();
      const result = await runLocalCapture({ dbPath, log, out: first, progress: new Capture() });
      expect(logLines.join('')).toMatch(/capturing from the bundled GitLab simulator at http:\/\/127\.0\.0\.1:\d+/);
      const rows = rowCounts();
      expect(rows['projects']).toBeGreaterThan(0);
      for (const [name, stream] of Object.entries(result.streams)) expect(rows[name], name).toBe(stream.documents);
      expect(first.text).toMatch(/│ collection +│ captured +│ +rows +│ skipped parents │/);
      expect(first.text).toMatch(/\d+ requests in /);

      const second = await runLocalCapture({ dbPath, log, out: new Capture(), progress: new Capture() });
      expect(rowCounts()).toEqual(rows); // same seed, same data
      const incremental = resources.filter((r) => r.incremental && (result.streams[r.name]?.documents ?? 0) > 0);
      expect(incremental.length).toBeGreaterThan(0);
      for (const r of incremental) {
        expect(second.streams[r.name]?.documents, r.name).toBeLessThan(result.streams[r.name]?.documents ?? 0);
      }
    },
    30_000,
  );

  it.skipIf(!hasSimulator)('captures from the GitLab a config file names', async () => {
    const { createSimulator, DEFAULT_TOKEN } = await import('../../simulator/index.js');
    const simulator = createSimulator();
    const url = await simulator.listen(0);
    try {
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ api_url: url, credentials: { access_token: DEFAULT_TOKEN }, requests_per_minute: 100_000 }));
      const result = await runLocalCapture({ configPath: config, dbPath, log, out: new Capture(), progress: new Capture() });
      expect(result.requests).toBeGreaterThan(0);
      expect(logLines.join('')).not.toContain('bundled GitLab simulator');
      expect(rowCounts()['projects']).toBeGreaterThan(0);
    } finally {
      await simulator.close();
    }
  }, 30_000);
});
