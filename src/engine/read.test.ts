import { describe, expect, it } from 'vitest';
import { readIncremental, type ReadTarget } from './read.js';
import type { ApiClient, Doc, IncrementalSpec, ListRequest, Page } from './types.js';

/**
 * An in-memory ascending list with `updated_after` (inclusive) and page numbers, whose rows can
 * change between pages: enough to exercise the read algorithm without HTTP (the scenarios in
 * test/ run it against the simulator over loopback).
 */
class MovingList implements ApiClient {
  rows: { id: number; updated_at: string }[];
  requests: string[] = [];
  afterPage: ((n: number) => void) | undefined;
  constructor(rows: { id: number; updated_at: string }[], readonly perPage = 3) {
    this.rows = rows;
  }
  async page(req: ListRequest | { next: string }): Promise<Page> {
    const params = 'next' in req ? (JSON.parse(req.next) as Record<string, string>) : { ...req.params };
    this.requests.push(JSON.stringify(params));
    const after = params['updated_after'] ?? '';
    const page = Number(params['page'] ?? '1');
    const sorted = this.rows
      .filter((r) => !(Date.parse(r.updated_at) < Date.parse(after)))
      .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
    const items = sorted.slice((page - 1) * this.perPage, page * this.perPage).map((r) => ({ ...r }));
    const next = page * this.perPage < sorted.length ? JSON.stringify({ ...params, page: String(page + 1) }) : null;
    this.afterPage?.(this.requests.length);
    return { items, next };
  }
  async get(): Promise<unknown> {
    throw new Error('not used');
  }
}

const spec: IncrementalSpec = { field: 'updated_at', params: (c) => ({ updated_after: c }) };
const t = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();

function run(list: MovingList, start: string) {
  const emitted: Doc[] = [];
  const checkpoints: (string | undefined)[] = [];
  const target: ReadTarget = {
    resource: { name: 'things', key: ['/id'], schema: {}, sources: [] },
    source: { from: 'root:x', kind: 'list', path: '/things' },
    ctx: {},
    api: list,
    signal: new AbortController().signal,
    emit: async (d) => void emitted.push(d),
    checkpoint: async (c) => void checkpoints.push(c),
  };
  return { done: readIncremental(target, spec, start), emitted, checkpoints };
}

describe('readIncremental', () => {
  it('emits every row once and checkpoints the greatest cursor after each page', async () => {
    const list = new MovingList([1, 2, 3, 4, 5, 6, 7].map((i) => ({ id: i, updated_at: t(i) })));
    const r = run(list, t(0));
    await r.done;
    expect(r.emitted.map((d) => d['id'])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.checkpoints).toEqual([t(3), t(5), t(7)]);
  });

  it('re-queries from the last cursor so a row updated mid-read is not skipped', async () => {
    const list = new MovingList([1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ id: i, updated_at: t(i) })));
    // After the first page, row 2 (already read) and row 5 (not yet read) are updated: with
    // page-number paging, row 6 would shift onto page 2's slot already passed and be lost.
    list.afterPage = (n) => {
      if (n !== 1) return;
      for (const r of list.rows) if (r.id === 2 || r.id === 5) r.updated_at = t(100 + r.id);
    };
    const r = run(list, t(0));
    await r.done;
    const ids = new Set(r.emitted.map((d) => d['id']));
    expect([...ids].sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.checkpoints.at(-1)).toBe(t(105));
  });

  it('follows the next page when a whole page ties on the cursor, and emits ties once', async () => {
    const rows = [1, 2, 3, 4, 5].map((i) => ({ id: i, updated_at: t(1) })).concat([{ id: 6, updated_at: t(2) }]);
    const list = new MovingList(rows);
    const r = run(list, t(0));
    await r.done;
    expect(r.emitted.map((d) => d['id'])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.checkpoints.at(-1)).toBe(t(2));
  });

  it('rejects a document without a timestamp cursor, naming the field', async () => {
    const list = new MovingList([{ id: 1, updated_at: 'yesterday' }]);
    await expect(run(list, t(0)).done).rejects.toThrow(/updated_at is "yesterday"/);
  });
});
