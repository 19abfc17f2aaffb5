/**
 * @module Deletions for full-refresh bindings. Each pass records, per partition, the keys it
 * read; a key present at the last pass and absent now (in every partition) is emitted as a
 * deletion document `{...key fields, _meta: {op: 'd'}}`.
 *
 * Partitions that were skipped or failed this pass keep their old keys and protect them: a
 * parent we could not read never produces deletions for its children. Partitions whose parent
 * is gone altogether (a project removed from the config or deleted) only lose their
 * bookkeeping; we do not delete their documents, because "no longer selected" is not "deleted".
 */
import { parsePointer } from '../util/json-pointer.js';
import type { ResourceRun } from './binding-run.js';
import { STATE_VERSION, type ConnectorState, type Doc, type JsonObject, type JsonValue } from './types.js';

export interface DeletionPlan {
  readonly docs: Doc[];
  readonly patch: JsonObject;
}

export function planDeletions(run: ResourceRun, state: ConnectorState): DeletionPlan | undefined {
  const binding = run.binding;
  if (!binding || !run.tracksDeletions) return undefined;
  const stored = state.bindings?.[binding.stateKey]?.keys ?? {};
  const current = new Set<string>();
  for (const keys of run.keysRead.values()) for (const k of keys) current.add(JSON.stringify(k));
  for (const p of run.partitionsSkipped) for (const k of stored[p] ?? []) current.add(JSON.stringify(k));

  const docs: Doc[] = [];
  const gone = new Set<string>();
  for (const partition of run.keysRead.keys()) {
    for (const key of stored[partition] ?? []) {
      const k = JSON.stringify(key);
      if (current.has(k) || gone.has(k)) continue;
      gone.add(k);
      docs.push(deletionDoc(run.resource.key, key));
    }
  }
  const keys: Record<string, JsonValue> = {};
  for (const [partition, list] of run.keysRead) keys[partition] = list;
  for (const partition of Object.keys(stored)) {
    if (!run.keysRead.has(partition) && !run.partitionsSkipped.has(partition)) keys[partition] = null;
  }
  return { docs, patch: { version: STATE_VERSION, bindings: { [binding.stateKey]: { keys } } } };
}

function deletionDoc(pointers: readonly string[], values: readonly JsonValue[]): Doc {
  const doc: Record<string, unknown> = {};
  pointers.forEach((pointer, i) => {
    const tokens = parsePointer(pointer);
    let cur = doc;
    tokens.forEach((t, j) => {
      if (j === tokens.length - 1) cur[t] = values[i] ?? null;
      else cur = (cur[t] ??= {}) as Record<string, unknown>;
    });
  });
  doc['_meta'] = { op: 'd' };
  return doc;
}
