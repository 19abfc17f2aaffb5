/**
 * @module Connector state: one small tree keyed by each binding's `stateKey`, checked on the way
 * in, and updated only through merge patches on the way out.
 */
import { SourceGitlabError } from '../errors.js';
import { STATE_VERSION, type BindingState, type ConnectorState, type JsonObject } from './types.js';

/** The persisted state handed to `open` cannot be used. */
export class StateError extends SourceGitlabError {
  override readonly name = 'StateError';
  readonly code = 'STATE_INVALID';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates persisted state; `{}`, null and undefined mean "no state yet". */
export function parseState(raw: unknown): ConnectorState {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw new StateError('state must be a JSON object');
  const version = raw['version'];
  if (version !== undefined && version !== STATE_VERSION) {
    throw new StateError(`state version ${JSON.stringify(version)} is not supported (this connector writes version ${STATE_VERSION})`);
  }
  const bindings: Record<string, BindingState> = {};
  const rawBindings = raw['bindings'] ?? {};
  if (!isRecord(rawBindings)) throw new StateError('state.bindings must be an object');
  for (const [stateKey, b] of Object.entries(rawBindings)) {
    if (!isRecord(b)) throw new StateError(`state.bindings.${stateKey} must be an object`);
    const cursors = b['cursors'] ?? {};
    if (!isRecord(cursors)) throw new StateError(`state.bindings.${stateKey}.cursors must be an object`);
    const checked: Record<string, string> = {};
    for (const [partition, c] of Object.entries(cursors)) {
      if (typeof c !== 'string' || Number.isNaN(Date.parse(c))) {
        throw new StateError(`state.bindings.${stateKey}.cursors.${partition} must be a timestamp, got ${JSON.stringify(c)}`);
      }
      checked[partition] = c;
    }
    const keys = b['keys'];
    if (keys !== undefined && (!isRecord(keys) || !Object.values(keys).every((l) => Array.isArray(l) && l.every(Array.isArray)))) {
      throw new StateError(`state.bindings.${stateKey}.keys must map partitions to lists of keys`);
    }
    const ties = b['ties'];
    if (ties !== undefined && (!isRecord(ties) || !Object.values(ties).every((l) => Array.isArray(l) && l.every((k) => typeof k === 'string')))) {
      throw new StateError(`state.bindings.${stateKey}.ties must map partitions to lists of keys`);
    }
    bindings[stateKey] = { ...(b as BindingState), cursors: checked };
  }
  const connector = raw['connector'];
  if (connector !== undefined && !isRecord(connector)) throw new StateError('state.connector must be an object');
  return {
    version: STATE_VERSION,
    bindings,
    ...(connector !== undefined ? { connector: connector as JsonObject } : {}),
  };
}

export function storedCursor(state: ConnectorState, stateKey: string, partition: string): string | undefined {
  return state.bindings?.[stateKey]?.cursors?.[partition];
}

export function storedTies(state: ConnectorState, stateKey: string, partition: string): readonly string[] {
  return state.bindings?.[stateKey]?.ties?.[partition] ?? [];
}
