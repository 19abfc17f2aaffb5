/**
 * `source-gitlab capture` as a user runs it: a child process writing a real SQLite file, run
 * twice against one simulator whose data changes in between.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIG_PROJECT_ID, DEFAULT_TOKEN, createSimulator, type Simulator } from '../simulator/index.js';
import { runConnector } from './helpers/connector.js';

let sim: Simulator;
let dir: string;
beforeEach(async () => {
  sim = createSimulator({ seed: 3 });
  dir = mkdtempSync(join(tmpdir(), 'source-gitlab-runner-'));
});
afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function rows(db: string, table: string): Record<string, unknown>[] {
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare(`SELECT doc FROM "${table}"`).all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as Record<string, unknown>);
  } finally {
    conn.close();
  }
}

const ids = (docs: readonly Record<string, unknown>[]) => docs.map((d) => Number(d['id'])).sort((a, b) => a - b);

describe('local runner', () => {
  it('twice on one database: the second run reads only what changed, and the tables equal the simulator', async () => {
    const url = await sim.listen(0);
    const configPath = join(dir, 'config.yaml');
    writeFileSync(
      configPath,
      [`api_url: ${url}`, 'credentials:', '  auth_type: access_token', `  access_token: ${DEFAULT_TOKEN}`, 'start_date: 2015-01-01T00:00:00Z', 'groups: acme', ''].join('\n'),
    );
    const db = join(dir, 'capture.db');

    const first = await runConnector(['capture', '--config', configPath, '--db', db], { json: false });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout + first.stderr).not.toContain(DEFAULT_TOKEN);
    const acme = sim.projects().filter((p) => String((p['namespace'] as { full_path: string }).full_path).startsWith('acme'));
    expect(ids(rows(db, 'projects'))).toEqual(ids(acme));
    expect(ids(rows(db, 'groups'))).toEqual([11, 12, 13]);
    const expectedIssues = () => acme.flatMap((p) => sim.issues(Number(p['id'])));
    expect(ids(rows(db, 'issues'))).toEqual(ids(expectedIssues()));
    expect(first.stdout).toMatch(/issues/); // the summary table

    const touched = [Number(sim.issues(BIG_PROJECT_ID)[3]?.['id']), Number(sim.issues(1001)[0]?.['id'])];
    sim.touchIssues(touched);
    const created = sim.createIssues(1004, 2);
    sim.clearRequests();

    const second = await runConnector(['capture', '--config', configPath, '--db', db], { json: false });
    expect(second.code, second.stderr).toBe(0);
    // Issues come from one group-level list for acme: one request, from the stored cursor.
    const issueLists = sim.requests.filter((r) => /^\/api\/v4\/(groups|projects)\/[^/]+\/issues$/.test(r.path));
    expect(issueLists.map((r) => r.path)).toEqual(['/api/v4/groups/11/issues']);
    expect(issueLists[0]?.query['updated_after']).not.toBe('2015-01-01T00:00:00Z');

    const stored = new Map(rows(db, 'issues').map((d) => [Number(d['id']), d]));
    expect([...stored.keys()].sort((a, b) => a - b)).toEqual(ids(expectedIssues()));
    for (const issue of expectedIssues()) expect(stored.get(Number(issue['id']))?.['updated_at']).toBe(issue['updated_at']);
    for (const c of created) expect(stored.has(Number(c['id']))).toBe(true);
  });
});

describe('local runner stream selection', () => {
  it('--streams captures only the named streams, and an unknown name is a one-line error', async () => {
    const url = await sim.listen(0);
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ api_url: url, credentials: { access_token: DEFAULT_TOKEN }, projects: '1001' }));
    const db = join(dir, 'some.db');
    const ok = await runConnector(['capture', '--config', configPath, '--db', db, '--streams', 'issues'], { json: false });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ids(rows(db, 'issues'))).toEqual(ids(sim.issues(1001)));
    const conn = new Database(db, { readonly: true });
    const tables = (conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'").all() as { name: string }[]).map((t) => t.name);
    conn.close();
    expect(tables).toEqual(['issues']);

    const bad = await runConnector(['capture', '--config', configPath, '--db', db, '--streams', 'issues,wikis'], { json: false });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown stream "wikis"/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
