/**
 * @module RFC 7396 JSON merge patch: how checkpoints update the connector state, in Flow's
 * runtime and in the local runner alike. Written here (a dozen lines) rather than taken from a
 * package: the maintained ones are CommonJS-only or pull in a JSON-pointer toolkit we don't need.
 */
import type { JsonObject, JsonValue } from '../engine/types.js';

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Returns `target` with `patch` applied; neither argument is modified. */
export function applyMergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}
