/**
 * @module Reading one source for one parent: a plain list, a single object, or an ascending
 * list read incrementally from a cursor. The caller decides what happens to each document and
 * what a checkpoint means; this module only guarantees the order "documents, then the
 * checkpoint that covers them".
 */
import { SourceGitlabError } from '../errors.js';
import { compareTimestamps } from '../util/time.js';
import type { ApiClient, Context, Doc, IncrementalSpec, ListRequest, Resource, Source } from './types.js';
import { keyOf } from './keys.js';
import { fillPath } from './path.js';

export interface ReadTarget {
  readonly resource: Resource;
  readonly source: Source;
  readonly ctx: Context;
  readonly api: ApiClient;
  readonly signal: AbortSignal;
  /** Called for each document, in order. */
  readonly emit: (doc: Doc) => Promise<void>;
  /**
   * Called after each page, once its documents were emitted. Reading incrementally, `cursor` is
   * the greatest cursor value seen and `keysAtCursor` the keys of the documents seen at it.
   */
  readonly checkpoint: (cursor: string | undefined, keysAtCursor?: readonly string[]) => Promise<void>;
}

/** The API answered with data the resource cannot use: names the stream and the filled path. */
export class SourceDataError extends SourceGitlabError {
  override readonly name = 'SourceDataError';
  readonly code = 'SOURCE_DATA_INVALID';
}

function where(target: ReadTarget): string {
  return `${target.resource.name}: GET ${fillPath(target.source.path, target.ctx, target.resource.name)}`;
}

function toDoc(item: unknown, target: ReadTarget): Doc {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new SourceDataError(`${where(target)} returned an item that is not an object`);
  }
  const doc = item as Doc;
  return target.resource.transform ? target.resource.transform(doc, target.ctx) : doc;
}

function request(target: ReadTarget, extra?: Readonly<Record<string, string>>): ListRequest {
  return {
    path: fillPath(target.source.path, target.ctx, target.resource.name),
    params: { ...target.source.params, ...extra },
  };
}

/** Reads a whole list (or one object), checkpointing after each page. */
export async function readAll(target: ReadTarget): Promise<void> {
  if (target.source.kind === 'get') {
    const obj = await target.api.get(request(target), target.signal);
    await target.emit(toDoc(obj, target));
    await target.checkpoint(undefined);
    return;
  }
  let page = await target.api.page(request(target), target.signal);
  for (;;) {
    for (const item of page.items) await target.emit(toDoc(item, target));
    await target.checkpoint(undefined);
    if (page.next === null) return;
    page = await target.api.page({ next: page.next }, target.signal);
  }
}

/**
 * Reads an ascending list from `start` and checkpoints the greatest cursor value seen after
 * each page.
 *
 * A list sorted by the cursor changes while it is read: a document updated mid-read moves to
 * the end and every later one shifts a place, so fetching page N+1 by number would skip one
 * for good. Instead, after each page the list is queried again from the greatest cursor value
 * seen. Only when a whole page shares that value (a tie larger than a page) is the next page
 * followed by its link. The bound may be inclusive, so documents at the boundary are read
 * twice; the ones already emitted in this pass are dropped by key.
 */
export async function readIncremental(target: ReadTarget, spec: IncrementalSpec, start: string): Promise<void> {
  if (spec.order === 'desc') return readNewestFirst(target, spec, start);
  const { resource } = target;
  let queryCursor = start;
  let max = start;
  let seenAtMax = new Set<string>();
  let page = await target.api.page(request(target, spec.params(queryCursor)), target.signal);

  for (;;) {
    for (const item of page.items) {
      const doc = toDoc(item, target);
      const value = cursorOf(doc, spec, target);
      const key = keyOf(resource, doc);
      const cmp = compareTimestamps(value, max);
      if (cmp === 0 && seenAtMax.has(key)) continue; // re-read tie, already emitted
      if (cmp > 0) {
        max = value;
        seenAtMax = new Set();
      }
      if (cmp >= 0) seenAtMax.add(key);
      await target.emit(doc);
    }
    await target.checkpoint(max, [...seenAtMax]);
    if (page.next === null) return;
    if (compareTimestamps(max, queryCursor) > 0) {
      queryCursor = max;
      page = await target.api.page(request(target, spec.params(queryCursor)), target.signal);
    } else {
      page = await target.api.page({ next: page.next }, target.signal);
    }
  }
}

function cursorOf(doc: Doc, spec: IncrementalSpec, target: ReadTarget): string {
  const value = doc[spec.field];
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new SourceDataError(`${where(target)} returned a document whose ${spec.field} is ${JSON.stringify(value)}, not a timestamp`);
  }
  return value;
}

/**
 * A list that is newest first (commits): no checkpoint mid-list can be a resume point, so pages
 * are committed without moving the cursor, and the cursor moves to the newest value once the
 * whole list was read.
 */
async function readNewestFirst(target: ReadTarget, spec: IncrementalSpec, start: string): Promise<void> {
  let max = start;
  let atMax = new Set<string>();
  let page = await target.api.page(request(target, spec.params(start)), target.signal);
  for (;;) {
    for (const item of page.items) {
      const doc = toDoc(item, target);
      const value = cursorOf(doc, spec, target);
      const cmp = compareTimestamps(value, max);
      if (cmp > 0) {
        max = value;
        atMax = new Set();
      }
      if (cmp >= 0) atMax.add(keyOf(target.resource, doc));
      await target.emit(doc);
    }
    await target.checkpoint(undefined);
    if (page.next === null) break;
    page = await target.api.page({ next: page.next }, target.signal);
  }
  await target.checkpoint(max, [...atMax]);
}
