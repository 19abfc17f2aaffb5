/** @module A document's collection key: as values (for deletion documents) and as one string (for sets). */
import { getPointer } from '../util/json-pointer.js';
import type { Doc, JsonValue, Resource } from './types.js';

/** The key's values, in the order of `resource.key`; a missing field is null. */
export function keyValues(resource: Resource, doc: Doc): JsonValue[] {
  return resource.key.map((p) => (getPointer(doc, p) ?? null) as JsonValue);
}

/** The key as one string: what ties at a cursor and repeats of a `unique` resource are remembered by. */
export function keyOf(resource: Resource, doc: Doc): string {
  return JSON.stringify(keyValues(resource, doc));
}
