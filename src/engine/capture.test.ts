/**
 * The engine's contracts, with an in-memory API whose pages arrive after random delays so
 * partitions interleave: checkpoints never cover a document not yet written, children of
 * changed parents are read once per change, and vanished documents become deletions.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import { applyMergePatch } from '../util/merge-patch.js';
import { runEngine } from './capture.js';
import type { ApiClient, Binding, ConnectorState, Doc, JsonObject, JsonValue, ListRequest, Page, Resource } from './types.js';

type Row = { id: number; updated_at: string; parent: number };
const t = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();

/** Lists `/parents/:parent_id/things` ascending by updated_at, and `/things/:thing_id/bits`. */
class FakeApi implements ApiClient {
  rows: Row[] = [];
  bits = new Map<number, number[]>();
  requests: string[] = [];
  constructor(private seed = 1) {}
  #rand = (): number => {
    this.seed = (this.seed * 16807) % 2147483647;
    return this.seed / 2147483647;
  };
  async page(req: ListRequest | { next: string }): Promise<Page> {
    const { path, params } = 'next' in req ? (JSON.parse(req.next) as { path: string; params: Record<string, string> }) : { path: req.path, params: { ...req.params } };
    this.requests.push(path);
    await new Promise((r) => setTimeout(r, this.#rand() * 5));
    const bits = /^\/things\/(\d+)\/bits$/.exec(path);
    if (bits) return { items: (this.bits.get(Number(bits[1])) ?? []).map((b) => ({ id: b, thing_id: Number(bits[1]) })), next: null };
    const parent = Number(/^\/parents\/(\d+)\/things$/.exec(path)?.[1]);
    const after = params['updated_after'];
    const page = Number(params['page'] ?? '1');
    const list = this.rows
      .filter((r) => r.parent === parent && (after === undefined || r.updated_at >= after))
      .sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id - b.id);
    const items = list.slice((page - 1) * 2, page * 2).map((r) => ({ ...r }));
    const next = page * 2 < list.length ? JSON.stringify({ path, params: { ...params, page: String(page + 1) } }) : null;
    return { items, next };
  }
  async get(): Promise<unknown> {
    throw new Error('unused');
  }
}

const parents: Resource = {
  name: 'parents',
  key: ['/id'],
  schema: {},
  sources: [{ from: 'root:parents', kind: 'list', path: '/parents' }],
};
const things: Resource = {
  name: 'things',
  key: ['/id'],
  schema: {},
  sources: [{ from: 'root:parents', kind: 'list', path: '/parents/:parent_id/things' }],
  incremental: { field: 'updated_at', params: (c) => ({ updated_after: c }) },
  context: (doc: Doc) => ({ thing_id: Number(doc['id']) }),
};
const bits: Resource = {
  name: 'bits',
  key: ['/id'],
  schema: {},
  sources: [{ from: 'things', kind: 'list', path: '/things/:thing_id/bits' }],
  changedParentsOnly: true,
};

interface Event {
  kind: 'doc' | 'checkpoint';
  binding?: number;
  doc?: Doc;
  patch?: JsonObject;
}

async function run(api: FakeApi, state: ConnectorState, bindings: Binding[], roots = [1, 2, 3]) {
  const events: Event[] = [];
  await runEngine({
    bindings,
    resources: [parents, things, bits],
    roots: { 'root:parents': roots.map((p) => ({ parent_id: p })) },
    api,
    state,
    sink: {
      document: (binding, doc) => void events.push({ kind: 'doc', binding, doc }),
      checkpoint: (patch) => void events.push({ kind: 'checkpoint', patch }),
    },
    log: silentLogger,
    initialCursor: t(0),
    concurrency: 3,
  });
  const finalState = events.filter((e) => e.kind === 'checkpoint').reduce<JsonValue>((s, e) => applyMergePatch(s, e.patch ?? {}), state as JsonValue);
  return { events, state: finalState as ConnectorState };
}

const bind = (resource: Resource, index: number): Binding => ({ index, stateKey: resource.name, resource, mode: 'incremental' });

describe('runEngine', () => {
  it('never checkpoints a cursor past a document not yet written, with partitions interleaved', async () => {
    const api = new FakeApi(7);
    for (let i = 0; i < 30; i++) api.rows.push({ id: i + 1, parent: (i % 3) + 1, updated_at: t(i + 1) });
    const { events } = await run(api, {}, [bind(things, 0)]);
    let state: JsonValue = {};
    const written: Doc[] = [];
    for (const e of events) {
      if (e.kind === 'doc' && e.doc) written.push(e.doc);
      if (e.kind !== 'checkpoint') continue;
      state = applyMergePatch(state, e.patch ?? {});
      const cursors = ((state as ConnectorState).bindings?.['things']?.cursors ?? {}) as Record<string, string>;
      for (const [partition, cursor] of Object.entries(cursors)) {
        const parent = Number(partition.split('=')[1]);
        for (const r of api.rows.filter((x) => x.parent === parent && x.updated_at <= cursor)) {
          expect(written.some((d) => d['id'] === r.id), `row ${r.id} covered by ${partition}=${cursor}`).toBe(true);
        }
      }
    }
    expect(events.at(-1)?.kind).toBe('checkpoint');
    expect(new Set(written.map((d) => d['id'])).size).toBe(30);
  });

  it('reads children only of parents changed since the cursor, and a newly added child binding from the start', async () => {
    const api = new FakeApi(3);
    for (let i = 0; i < 6; i++) {
      api.rows.push({ id: i + 1, parent: 1, updated_at: t(i + 1) });
      api.bits.set(i + 1, [100 + i]);
    }
    const first = await run(api, {}, [bind(things, 0)], [1]);
    expect(api.requests.filter((p) => p.endsWith('/bits'))).toEqual([]);

    // Now bits is added: its cursor is older than things', so the parent is re-read from the
    // start for bits, while things only emits what is new to it.
    api.requests = [];
    api.rows.find((r) => r.id === 2)!.updated_at = t(50);
    const second = await run(api, first.state, [bind(things, 0), bind(bits, 1)], [1]);
    const docs = (b: number) => second.events.filter((e) => e.kind === 'doc' && e.binding === b).map((e) => e.doc?.['id']);
    expect(docs(1).sort()).toEqual([100, 101, 102, 103, 104, 105]);
    expect(docs(0)).toEqual([2]); // the parent at the old cursor is re-read, not re-emitted

    api.requests = [];
    api.rows.find((r) => r.id === 4)!.updated_at = t(60);
    const third = await run(api, second.state, [bind(things, 0), bind(bits, 1)], [1]);
    // Only the changed parent gets its children read; the one at the cursor was captured already.
    expect(api.requests.filter((p) => p.endsWith('/bits')).sort()).toEqual(['/things/4/bits']);
    expect(third.state.bindings?.['bits']?.cursors).toEqual({ 'parent_id=1': t(60) });
  });

  it('resumes after a crash mid-tie: documents tied at the cursor and not yet captured are captured, the others not again', async () => {
    const api = new FakeApi(9);
    api.rows = [
      { id: 1, parent: 1, updated_at: t(1) },
      { id: 2, parent: 1, updated_at: t(2) },
      { id: 3, parent: 1, updated_at: t(2) }, // ties with 2 across the page boundary (2 per page)
      { id: 4, parent: 1, updated_at: t(3) },
    ];
    // The first run dies right after its first checkpoint.
    let state: JsonValue = {};
    const crash = runEngine({
      bindings: [bind(things, 0)],
      resources: [parents, things, bits],
      roots: { 'root:parents': [{ parent_id: 1 }] },
      api,
      state: {},
      sink: {
        document: () => {},
        checkpoint: (patch) => {
          state = applyMergePatch(state, patch);
          throw new Error('crash');
        },
      },
      log: silentLogger,
      initialCursor: t(0),
    });
    await expect(crash).rejects.toThrow('crash');
    expect((state as ConnectorState).bindings?.['things']).toEqual({ cursors: { 'parent_id=1': t(2) }, ties: { 'parent_id=1': ['[2]'] } });

    const resumed = await run(api, state as ConnectorState, [bind(things, 0)], [1]);
    expect(resumed.events.filter((e) => e.kind === 'doc').map((e) => e.doc?.['id'])).toEqual([3, 4]);
  });

  it('emits deletions for vanished documents of a full-refresh binding, never for a skipped parent', async () => {
    const api = new FakeApi(5);
    const parentRows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    api.page = async () => ({ items: parentRows, next: null });
    const full: Binding = { index: 0, stateKey: 'parents', resource: parents, mode: 'full_refresh' };
    const first = await run(api, {}, [full], [1]);
    parentRows.splice(1, 1);
    const second = await run(api, first.state, [full], [1]);
    const deletions = second.events.filter((e) => e.kind === 'doc' && (e.doc?.['_meta'] as { op?: string } | undefined)?.op === 'd');
    expect(deletions.map((e) => e.doc)).toEqual([{ id: 2, _meta: { op: 'd' } }]);

    // The parent list now fails with a skippable error: nothing is deleted, the old keys stay.
    api.page = async () => {
      throw Object.assign(new Error('403 Forbidden'), { disposition: 'skippable', status: 403 });
    };
    const third = await run(api, second.state, [full], [1]);
    expect(third.events.filter((e) => e.kind === 'doc')).toEqual([]);
    expect(third.state.bindings?.['parents']?.keys).toEqual(second.state.bindings?.['parents']?.keys);
  });
});
