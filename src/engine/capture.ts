/**
 * @module The capture loop: reads the selected resources and their ancestors in dependency
 * order, each parent's partition at most `concurrency` at a time, and writes documents and
 * checkpoints to the sink. It knows resources, sources, contexts and cursors; never an API.
 */
import pLimit from 'p-limit';
import { getPointer } from '../util/json-pointer.js';
import { compareTimestamps } from '../util/time.js';
import { describeContext } from './path.js';
import { readAll, readIncremental } from './read.js';
import { cursorPatch, storedCursor } from './state.js';
import {
  isClassifiedError,
  type Binding,
  type CaptureSummary,
  type Context,
  type Doc,
  type JsonObject,
  type Resource,
  type RunOptions,
  type SkipRecord,
  type Source,
  type StreamSummary,
} from './types.js';

/** A 403 answered for every parent of a stream: not a skip, the stream cannot be read at all. */
export class StreamForbiddenError extends Error {
  override readonly name = 'StreamForbiddenError';
  readonly code = 'STREAM_FORBIDDEN';
}

interface ResourceRun {
  readonly resource: Resource;
  readonly binding: Binding | undefined;
  /** Contexts this resource's documents give their children, de-duplicated by partition. */
  readonly childContexts: Map<string, Context> | undefined;
  /** Keys emitted this pass, for `unique` resources. */
  readonly seen: Set<string> | undefined;
  readonly summary: StreamSummary;
  parents: number;
  forbidden: number;
}

export function partitionOf(resource: Resource, ctx: Context): string {
  return resource.partition ? resource.partition(ctx) : Object.values(ctx).map(String).join('/') || '_';
}

function keyOf(resource: Resource, doc: Doc): string {
  return JSON.stringify(resource.key.map((p) => getPointer(doc, p)));
}

/** The selected resources plus every resource they descend from. */
export function resolveNeeded(selected: readonly Resource[], byName: ReadonlyMap<string, Resource>): Resource[] {
  const out = new Map<string, Resource>();
  const visit = (r: Resource): void => {
    if (out.has(r.name)) return;
    for (const s of r.sources) {
      if (s.from.startsWith('root:')) continue;
      const parent = byName.get(s.from);
      if (!parent) throw new Error(`Implementation error: resource ${r.name} reads from unknown resource ${s.from}`);
      visit(parent);
    }
    out.set(r.name, r);
  };
  selected.forEach(visit);
  return [...out.values()];
}

export async function runEngine(opts: RunOptions): Promise<CaptureSummary> {
  const now = opts.now ?? Date.now;
  const started = now();
  const byName = new Map(opts.resources.map((r) => [r.name, r]));
  const needed = resolveNeeded(opts.bindings.map((b) => b.resource), byName);
  const parentNames = new Set(needed.flatMap((r) => r.sources.map((s) => s.from)));
  const limit = pLimit(opts.concurrency ?? 4);
  const abort = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, abort.signal]) : abort.signal;
  const skipped: SkipRecord[] = [];
  const cursors = new Map<string, string>(); // `${stateKey}\0${partition}` → cursor written so far
  let pendingDocs = 0;

  const runs = new Map<string, ResourceRun>(
    needed.map((resource) => [
      resource.name,
      {
        resource,
        binding: opts.bindings.find((b) => b.resource.name === resource.name),
        childContexts: parentNames.has(resource.name) ? new Map<string, Context>() : undefined,
        seen: resource.unique ? new Set<string>() : undefined,
        summary: { documents: 0, skipped: 0 },
        parents: 0,
        forbidden: 0,
      },
    ]),
  );

  const contextsFor = (source: Source): readonly Context[] => {
    if (source.from.startsWith('root:')) return opts.roots[source.from] ?? [];
    return [...(runs.get(source.from)?.childContexts?.values() ?? [])];
  };

  const readPartition = async (run: ResourceRun, source: Source, ctx: Context): Promise<void> => {
    const { resource, binding } = run;
    const partition = partitionOf(resource, ctx);
    let pageDocs = 0;
    const emit = async (doc: Doc): Promise<void> => {
      if (run.seen) {
        const key = keyOf(resource, doc);
        if (run.seen.has(key)) return;
        run.seen.add(key);
      }
      if (run.childContexts && resource.context) {
        const child = resource.context(doc);
        run.childContexts.set(JSON.stringify(child), child);
      }
      if (binding) {
        await opts.sink.document(binding.index, doc);
        pendingDocs++;
        pageDocs++;
      }
    };
    const checkpoint = async (cursor: string | undefined): Promise<void> => {
      if (!binding) return;
      let patch: JsonObject = {};
      if (cursor !== undefined && binding.mode === 'incremental') {
        const slot = `${binding.stateKey}\0${partition}`;
        const previous = cursors.get(slot) ?? storedCursor(opts.state, binding.stateKey, partition);
        if (previous !== undefined && compareTimestamps(cursor, previous) < 0) {
          throw new Error(`Implementation error: cursor of ${resource.name} partition ${partition} went backwards from ${previous} to ${cursor}`);
        }
        if (previous !== cursor) {
          cursors.set(slot, cursor);
          patch = cursorPatch(binding.stateKey, partition, cursor);
        }
      }
      if (pageDocs > 0) {
        run.summary.documents += pageDocs;
        opts.onProgress?.({ type: 'documents', stream: resource.name, count: pageDocs });
        pageDocs = 0;
      }
      if (pendingDocs === 0 && Object.keys(patch).length === 0) return;
      pendingDocs = 0;
      await opts.sink.checkpoint(patch);
    };
    const target = { resource, source, ctx, api: opts.api, signal, emit, checkpoint };
    const inc = resource.incremental;
    try {
      if (source.kind === 'list' && inc) {
        const start = binding?.mode === 'incremental' ? storedCursor(opts.state, binding.stateKey, partition) : undefined;
        await readIncremental(target, inc, start ?? opts.initialCursor);
      } else {
        await readAll(target);
      }
    } catch (err) {
      if (!isClassifiedError(err) || err.disposition !== 'skippable' || source.onMissing === 'fail' || signal.aborted) throw err;
      const skip: SkipRecord = { stream: resource.name, parent: describeContext(ctx), status: err.status, reason: err.message };
      if (err.status === 403) run.forbidden++;
      run.summary.skipped++;
      skipped.push(skip);
      opts.log.warn('skipping parent', { stream: resource.name, ...ctx, status: err.status, reason: err.message });
      opts.onProgress?.({ type: 'skip', skip });
    }
  };

  const runResource = async (run: ResourceRun): Promise<void> => {
    const tasks: Promise<void>[] = [];
    for (const source of run.resource.sources) {
      for (const ctx of contextsFor(source)) {
        if (source.when && !source.when(ctx)) continue;
        run.parents++;
        tasks.push(limit(() => (signal.aborted ? Promise.resolve() : readPartition(run, source, ctx))));
      }
    }
    await settleAll(tasks, abort);
    if (run.binding && run.parents > 1 && run.forbidden === run.parents) {
      throw new StreamForbiddenError(`${run.resource.name}: every parent answered 403 Forbidden; the token cannot read this stream (check its role and the read_api scope)`);
    }
  };

  // Waves: a resource starts once every resource it reads from has finished.
  const done = new Set<string>();
  while (done.size < runs.size) {
    const ready = [...runs.values()].filter(
      (r) => !done.has(r.resource.name) && r.resource.sources.every((s) => s.from.startsWith('root:') || done.has(s.from)),
    );
    if (ready.length === 0) throw new Error('Implementation error: resources depend on each other in a cycle');
    await settleAll(ready.map(runResource), abort);
    ready.forEach((r) => done.add(r.resource.name));
  }
  if (pendingDocs > 0) await opts.sink.checkpoint({});

  const streams: Record<string, StreamSummary> = {};
  for (const run of runs.values()) if (run.binding) streams[run.resource.name] = run.summary;
  return { streams, skipped, durationMs: now() - started };
}

/** Awaits every task; on the first failure aborts the rest and rethrows it once all settled. */
async function settleAll(tasks: readonly Promise<void>[], abort: AbortController): Promise<void> {
  let first: { error: unknown } | undefined;
  await Promise.all(
    tasks.map((t) =>
      t.catch((error: unknown) => {
        if (!first) {
          first = { error };
          abort.abort(error);
        }
      }),
    ),
  );
  if (first) throw first.error;
}
