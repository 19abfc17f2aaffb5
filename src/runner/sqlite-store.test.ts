import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';

let dir: string;
let dbPath: string;
const open: Array<{ close(): unknown }> = [];

/** Every store and reader a test opens is closed after it, even when the test fails. */
function track<T extends { close(): unknown }>(handle: T): T {
  open.push(handle);
  return handle;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-store-'));
  dbPath = join(dir, 'capture.db');
});

afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStore', () => {
  it('upserts by the collection key and keeps the last document', () => {
    const store = track(new SqliteStore(dbPath));
    store.ensureCollection('projects', ['/id']);
    store.upsert('projects', { id: 1, name: 'first' });
    store.upsert('projects', { id: 2, name: 'other' });
    store.upsert('projects', { id: 1, name: 'second' });
    store.checkpoint({});
    expect(store.count('projects')).toBe(2);
    expect(store.rows('projects')).toEqual([
      { id: 1, name: 'second' },
      { id: 2, name: 'other' },
    ]);
  });

  it('a deletion document deletes the row', () => {
    const store = track(new SqliteStore(dbPath));
    store.ensureCollection('issues', ['/project_id', '/iid']);
    store.upsert('issues', { project_id: 7, iid: 1, title: 'a' });
    store.upsert('issues', { project_id: 7, iid: 2, title: 'b' });
    store.upsert('issues', { project_id: 7, iid: 1, _meta: { op: 'd' } });
    store.checkpoint({});
    expect(store.rows('issues')).toEqual([{ project_id: 7, iid: 2, title: 'b' }]);
  });

  it('commits documents and state in one transaction at each checkpoint', () => {
    const store = track(new SqliteStore(dbPath));
    store.ensureCollection('projects', ['/id']);
    const reader = track(new Database(dbPath, { readonly: true }));
    const visible = () => ({
      rows: (reader.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n,
      state: (reader.prepare('SELECT state FROM _connector_state').get() as { state: string } | undefined)?.state,
    });

    store.upsert('projects', { id: 1 });
    store.upsert('projects', { id: 2 });
    expect(visible()).toEqual({ rows: 0, state: undefined });

    store.checkpoint({ bindings: { projects: { cursors: { all: '2024-01-01' } } } });
    expect(visible()).toEqual({ rows: 2, state: '{"bindings":{"projects":{"cursors":{"all":"2024-01-01"}}}}' });

    store.upsert('projects', { id: 3 });
    expect(visible().rows).toBe(2);
    store.checkpoint({ bindings: { projects: { cursors: { all: '2024-02-01' } } } });
    expect(visible()).toEqual({ rows: 3, state: '{"bindings":{"projects":{"cursors":{"all":"2024-02-01"}}}}' });
  });

  it('rolls back documents written after the last checkpoint when closed', () => {
    const store = track(new SqliteStore(dbPath));
    store.ensureCollection('projects', ['/id']);
    store.upsert('projects', { id: 1 });
    store.checkpoint({ version: 1 });
    store.upsert('projects', { id: 2 });
    store.upsert('projects', { id: 3 });
    expect(store.pendingDocuments).toBe(2);
    expect(store.close()).toBe(2);

    const reopened = track(new SqliteStore(dbPath));
    reopened.ensureCollection('projects', ['/id']);
    expect(reopened.rows('projects')).toEqual([{ id: 1 }]);
    expect(reopened.loadState()).toEqual({ version: 1 });
  });

  it('applies merge patches to the stored state', () => {
    const store = track(new SqliteStore(dbPath));
    expect(store.loadState()).toEqual({});
    store.checkpoint({ version: 1, bindings: { issues: { cursors: { '1': 'a', '2': 'b' } } } });
    store.checkpoint({ bindings: { issues: { cursors: { '2': 'c', '1': null } }, labels: { cursors: {} } } });
    store.close();

    const reopened = track(new SqliteStore(dbPath));
    expect(reopened.loadState()).toEqual({
      version: 1,
      bindings: { issues: { cursors: { '2': 'c' } }, labels: { cursors: {} } },
    });
  });

  it('creates composite-key tables', () => {
    const store = track(new SqliteStore(dbPath));
    store.ensureCollection('releases', ['/project_id', '/tag_name', '/author/id']);
    store.upsert('releases', { project_id: 42, tag_name: 'v1.0', author: { id: 3 }, score: 0.5 });
    store.upsert('releases', { project_id: 42, tag_name: 'v1.0', author: { id: 4 } });
    store.checkpoint({});

    const reader = track(new Database(dbPath, { readonly: true }));
    const pk = (reader.pragma('table_info("releases")') as Array<{ name: string; pk: number }>)
      .filter((c) => c.pk > 0)
      .map((c) => c.name);
    expect(pk).toEqual(['project_id', 'tag_name', 'author_id']);
    // Key values keep their JSON type: integers as INTEGER, strings as TEXT.
    const types = reader
      .prepare('SELECT typeof(project_id) AS p, typeof(tag_name) AS t, typeof(author_id) AS a FROM releases')
      .all();
    expect(types).toEqual([
      { p: 'integer', t: 'text', a: 'integer' },
      { p: 'integer', t: 'text', a: 'integer' },
    ]);
  });

  it('rejects a document missing a key field naming the stream and pointer', () => {
    const store = track(new SqliteStore(dbPath));
    store.ensureCollection('merge_requests', ['/project_id', '/iid']);
    expect(() => store.upsert('merge_requests', { iid: 1 })).toThrow(
      'document in stream "merge_requests" has no value at key pointer /project_id',
    );
    expect(() => store.upsert('merge_requests', { project_id: 1, iid: null })).toThrow(
      'document in stream "merge_requests" has null at key pointer /iid',
    );
  });

  it('refuses an existing table whose key differs, naming the table', () => {
    const first = track(new SqliteStore(dbPath));
    first.ensureCollection('users', ['/id']);
    first.close();
    const second = track(new SqliteStore(dbPath));
    expect(() => second.ensureCollection('users', ['/group_id', '/id'])).toThrow(
      /table "users" .* has key \(id\), but the collection's key is \(group_id, id\)/,
    );
  });

  it('quotes stream names so any name is a safe table name', () => {
    const store = track(new SqliteStore(dbPath));
    store.ensureCollection('odd "name"; DROP TABLE x', ['/id']);
    store.upsert('odd "name"; DROP TABLE x', { id: 'a' });
    store.checkpoint({});
    expect(store.count('odd "name"; DROP TABLE x')).toBe(1);
  });

  it('routes sink documents to the binding\'s collection and commits at its checkpoint', async () => {
    const store = track(new SqliteStore(dbPath));
    store.ensureCollection('groups', ['/id']);
    store.ensureCollection('projects', ['/id']);
    const sink = store.sink(['groups', 'projects']);
    await sink.document(1, { id: 10 });
    await sink.document(0, { id: 20 });
    await sink.checkpoint({ version: 1 });
    expect([store.count('groups'), store.count('projects')]).toEqual([1, 1]);
    expect(() => sink.document(2, { id: 1 })).toThrow('Implementation error: a document for binding 2');
  });
});
