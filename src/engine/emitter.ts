/**
 * @module The one writer to the sink. Documents from concurrent partitions interleave; a
 * checkpoint commits everything written before it, which is safe because each partition's
 * cursor only ever covers documents that partition already wrote.
 */
import type { CaptureSink, Doc, JsonObject } from './types.js';

export class Emitter {
  #pending = 0;
  constructor(private readonly sink: CaptureSink) {}

  async document(binding: number, doc: Doc): Promise<void> {
    this.#pending++;
    await this.sink.document(binding, doc);
  }

  /** Sends a checkpoint when there is something to commit: documents or a state change. */
  async checkpoint(patch: JsonObject = {}): Promise<void> {
    if (this.#pending === 0 && Object.keys(patch).length === 0) return;
    this.#pending = 0;
    await this.sink.checkpoint(patch);
  }
}

/** Deep-merges merge patches into one (later wins), so a page's cursors go out in one checkpoint. */
export function mergePatches(patches: readonly JsonObject[]): JsonObject {
  const out: JsonObject = {};
  for (const p of patches) mergeInto(out, p);
  return out;
}

function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const [k, v] of Object.entries(patch)) {
    const cur = target[k];
    if (isObj(v) && isObj(cur)) mergeInto(cur, v);
    else target[k] = isObj(v) ? structuredClone(v) : v;
  }
}

function isObj(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
