/**
 * @module The capture loop: reads the selected resources and their ancestors in dependency
 * order, each parent's partition at most `concurrency` at a time, and writes documents and
 * checkpoints to the sink. It knows resources, sources, contexts and cursors; never an API.
 *
 * Children of an incremental resource ("children of changed parents") are read inline: while
 * the parent's list is read from the oldest cursor among the parent and its children, each
 * changed parent's children are fetched before the page's checkpoint, so a cursor never covers
 * children not yet written. Other children wait for their parent resource to finish.
 */
import pLimit from 'p-limit';
import { SourceGitlabError } from '../errors.js';
import { compareTimestamps } from '../util/time.js';
import { ResourceRun, isNewAt, partitionOf } from './binding-run.js';
import { planDeletions } from './deletions.js';
import { Emitter, mergePatches } from './emitter.js';
import { describeContext, pathPlaceholders } from './path.js';
import { keyOf } from './keys.js';
import { readAll, readIncremental, type ReadTarget } from './read.js';
import {
  isClassifiedError,
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
export class StreamForbiddenError extends SourceGitlabError {
  override readonly name = 'StreamForbiddenError';
  readonly code = 'STREAM_FORBIDDEN';
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

const isRoot = (from: string): boolean => from.startsWith('root:');

export async function runEngine(opts: RunOptions): Promise<CaptureSummary> {
  const now = opts.now ?? Date.now;
  const started = now();
  const byName = new Map(opts.resources.map((r) => [r.name, r]));
  const needed = resolveNeeded(opts.bindings.map((b) => b.resource), byName);
  const limit = pLimit(opts.concurrency ?? 4);
  const abort = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, abort.signal]) : abort.signal;
  const emitter = new Emitter(opts.sink);
  const skipped: SkipRecord[] = [];

  /** Inline children of an incremental parent are read with it, not in a wave of their own. */
  const isInline = (r: Resource): boolean => r.changedParentsOnly === true;
  const laterParents = new Set(needed.filter((r) => !isInline(r)).flatMap((r) => r.sources.map((s) => s.from)));
  const runs = new Map(
    needed.map((r) => [
      r.name,
      new ResourceRun(r, opts.bindings.find((b) => b.resource.name === r.name), opts.state, opts.initialCursor, laterParents.has(r.name)),
    ]),
  );
  const inlineChildren = (parent: Resource): ResourceRun[] =>
    [...runs.values()].filter((c) => isInline(c.resource) && c.resource.sources.some((s) => s.from === parent.name));

  const skip = (run: ResourceRun, source: Source, ctx: Context, partition: string | undefined, err: unknown): void => {
    if (!isClassifiedError(err) || err.disposition !== 'skippable' || source.onMissing === 'fail' || signal.aborted) throw err;
    // Name the parent by what the request path used (`project_id=42`), not the whole context.
    const used = Object.fromEntries(pathPlaceholders(source.path).map((n) => [n, ctx[n]]));
    const parent = (source.partition ? `${source.partition} ` : '') + describeContext(used as Context);
    const record: SkipRecord = { stream: run.resource.name, parent, status: err.status, reason: err.message };
    if (err.status === 403) run.forbidden++;
    if (partition !== undefined) run.partitionsSkipped.add(partition);
    run.summary.skipped++;
    skipped.push(record);
    opts.log.warn('skipping parent', { stream: run.resource.name, ...used, status: err.status });
    opts.onProgress?.({ type: 'skip', skip: record });
  };

  const emitTo = async (run: ResourceRun, doc: Doc): Promise<void> => {
    if (!run.binding) return;
    await emitter.document(run.binding.index, doc);
    run.summary.documents++;
    opts.onProgress?.({ type: 'documents', stream: run.resource.name, count: 1 });
  };

  /** Every child of one changed parent document, for one inline child resource. */
  const readChildren = async (child: ResourceRun, parent: Resource, ctx: Context): Promise<void> => {
    for (const source of child.resource.sources) {
      if (source.from !== parent.name || (source.when && !source.when(ctx))) continue;
      child.parents++;
      const target: ReadTarget = {
        resource: child.resource,
        source,
        ctx,
        api: opts.api,
        signal,
        emit: async (doc) => {
          if (child.admit(doc, ctx, '')) await emitTo(child, doc);
        },
        checkpoint: async () => {}, // covered by the parent page's checkpoint
      };
      try {
        await readAll(target);
      } catch (err) {
        skip(child, source, ctx, undefined, err);
      }
    }
  };

  const readPartition = async (run: ResourceRun, source: Source, ctx: Context): Promise<void> => {
    const { resource } = run;
    const partition = partitionOf(source, ctx);
    const spec = resource.incremental;
    const children = spec ? inlineChildren(resource) : [];
    const participants = [run, ...children];
    // Positions at the start of this partition's read: what each binding already has.
    const starts = participants.map((p) => p.position(partition));
    const target: ReadTarget = {
      resource,
      source,
      ctx,
      api: opts.api,
      signal,
      emit: async (doc) => {
        const value = spec ? String(doc[spec.field]) : undefined;
        const key = spec ? keyOf(resource, doc) : '';
        const changedFor = (i: number): boolean => {
          const s = starts[i];
          return s !== undefined && (value === undefined || isNewAt(s, value, key));
        };
        if (run.admit(doc, ctx, partition) && changedFor(0)) await emitTo(run, doc);
        for (const [i, child] of children.entries()) {
          if (!changedFor(i + 1)) continue;
          const childCtx = resource.context ? resource.context(doc, ctx) : ctx;
          await readChildren(child, resource, childCtx);
        }
      },
      checkpoint: async (cursor, keys = []) => {
        const patches: JsonObject[] = [];
        if (cursor !== undefined) {
          for (const p of participants) {
            const patch = p.advance(partition, cursor, keys);
            if (patch) patches.push(patch);
          }
        }
        await emitter.checkpoint(mergePatches(patches));
      },
    };
    try {
      if (source.kind === 'list' && spec) {
        const defined = starts.flatMap((s) => (s ? [s.cursor] : []));
        const from = defined.reduce((a, b) => (compareTimestamps(a, b) <= 0 ? a : b), defined[0] ?? opts.initialCursor);
        await readIncremental(target, spec, from);
      } else {
        await readAll(target);
      }
      if (run.tracksDeletions && !run.keysRead.has(partition)) run.keysRead.set(partition, []);
    } catch (err) {
      skip(run, source, ctx, partition, err);
    }
  };

  const contextsFor = (source: Source): readonly Context[] =>
    isRoot(source.from) ? (opts.roots[source.from] ?? []) : [...(runs.get(source.from)?.childContexts?.values() ?? [])];

  const runResource = async (run: ResourceRun): Promise<void> => {
    // Sources in declared order: for `unique` resources the first source to reach a document wins.
    for (const source of run.resource.sources) {
      const tasks = contextsFor(source)
        .filter((ctx) => !source.when || source.when(ctx))
        .map((ctx) => {
          run.parents++;
          return limit(() => (signal.aborted ? Promise.resolve() : readPartition(run, source, ctx)));
        });
      await settleAll(tasks, abort);
    }
    const plan = planDeletions(run, opts.state);
    if (plan && run.binding) {
      for (const doc of plan.docs) await emitter.document(run.binding.index, doc);
      await emitter.checkpoint(plan.patch);
    }
    for (const r of [run, ...inlineChildren(run.resource)]) {
      if (r.binding && r.parents > 1 && r.forbidden === r.parents) {
        throw new StreamForbiddenError(`${r.resource.name}: every parent answered 403 Forbidden; the token cannot read this stream (check its role and the read_api scope)`);
      }
    }
  };

  // Waves: a resource starts once every resource it reads from has finished.
  const waves = [...runs.values()].filter((r) => !isInline(r.resource));
  const done = new Set<string>();
  while (done.size < waves.length) {
    const ready = waves.filter((r) => !done.has(r.resource.name) && r.resource.sources.every((s) => isRoot(s.from) || done.has(s.from)));
    if (ready.length === 0) throw new Error('Implementation error: resources depend on each other in a cycle');
    await settleAll(ready.map(runResource), abort);
    ready.forEach((r) => done.add(r.resource.name));
  }
  await emitter.checkpoint({});

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
