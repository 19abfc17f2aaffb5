/**
 * @module Bookkeeping of one resource during a pass: its binding (if selected), cursors written,
 * keys seen for de-duplication and for deletions, contexts for its children, and its summary.
 */
import { keyValues } from './keys.js';
import { compareTimestamps } from '../util/time.js';
import { pathPlaceholders } from './path.js';
import { storedCursor, storedTies } from './state.js';
import { STATE_VERSION, type Binding, type Context, type Doc, type JsonObject, type JsonValue, type Resource, type Source, type StreamSummary, type ConnectorState } from './types.js';

/** The state partition of one parent read through one source: `project_id=42`. */
export function partitionOf(source: Source, ctx: Context): string {
  const names = pathPlaceholders(source.path);
  const base = names.length > 0 ? names.map((n) => `${n}=${ctx[n]}`).join(',') : '_';
  return source.partition ? `${source.partition}:${base}` : base;
}

/** Where an incremental binding stands in a partition. */
export interface Position {
  readonly cursor: string;
  /** Keys of the documents at exactly `cursor` already captured. */
  readonly ties: ReadonlySet<string>;
}

/** Whether a document at `value` with `key` is new to a binding at `position`. */
export function isNewAt(position: Position, value: string, key: string): boolean {
  const cmp = compareTimestamps(value, position.cursor);
  return cmp > 0 || (cmp === 0 && !position.ties.has(key));
}

export class ResourceRun {
  readonly summary: StreamSummary = { documents: 0, skipped: 0 };
  /** Contexts this resource's documents give later-wave children, by context. */
  readonly childContexts: Map<string, Context> | undefined;
  readonly #seen: Set<string> | undefined;
  readonly #positions = new Map<string, Position>();
  /** Full-refresh bindings: keys read per partition this pass, and partitions that failed. */
  readonly keysRead = new Map<string, JsonValue[][]>();
  readonly partitionsSkipped = new Set<string>();
  parents = 0;
  forbidden = 0;

  constructor(
    readonly resource: Resource,
    readonly binding: Binding | undefined,
    private readonly state: ConnectorState,
    private readonly initialCursor: string,
    hasLaterChildren: boolean,
  ) {
    this.childContexts = hasLaterChildren ? new Map() : undefined;
    this.#seen = resource.unique ? new Set() : undefined;
  }

  get incremental(): boolean {
    const r = this.resource;
    return this.binding?.mode === 'incremental' && (r.incremental !== undefined || r.changedParentsOnly === true);
  }

  /** Whether vanished documents are emitted as deletions (bound, and read in full each pass). */
  get tracksDeletions(): boolean {
    return this.binding !== undefined && this.resource.incremental === undefined && !this.resource.changedParentsOnly;
  }

  /** Where this binding stands in a partition; undefined when it is not bound. */
  position(partition: string): Position | undefined {
    if (!this.binding) return undefined;
    if (!this.incremental) return { cursor: this.initialCursor, ties: new Set() };
    const { stateKey } = this.binding;
    return (
      this.#positions.get(partition) ?? {
        cursor: storedCursor(this.state, stateKey, partition) ?? this.initialCursor,
        ties: new Set(storedTies(this.state, stateKey, partition)),
      }
    );
  }

  /**
   * The patch that moves a partition to `cursor`, having captured `keys` at exactly that value;
   * undefined when nothing moves (this binding started ahead of a shared read, or already had them).
   */
  advance(partition: string, cursor: string, keys: readonly string[]): JsonObject | undefined {
    if (!this.binding || !this.incremental) return undefined;
    const current = this.position(partition);
    if (!current) return undefined;
    const cmp = compareTimestamps(cursor, current.cursor);
    if (cmp < 0) return undefined;
    if (cmp === 0 && keys.every((k) => current.ties.has(k))) return undefined;
    const ties = cmp === 0 ? new Set([...current.ties, ...keys]) : new Set(keys);
    this.#positions.set(partition, { cursor, ties });
    const { stateKey } = this.binding;
    return { version: STATE_VERSION, bindings: { [stateKey]: { cursors: { [partition]: cursor }, ties: { [partition]: [...ties] } } } };
  }

  /**
   * Admits a document: records its key for deletions, drops a repeat of a `unique` resource,
   * and collects its children's context. Returns whether it should be emitted.
   */
  admit(doc: Doc, parent: Context, partition: string): boolean {
    const key = this.#seen || this.tracksDeletions ? keyValues(this.resource, doc) : undefined;
    if (key && this.tracksDeletions) {
      const list = this.keysRead.get(partition) ?? [];
      list.push(key);
      this.keysRead.set(partition, list);
    }
    if (this.#seen && key) {
      const k = JSON.stringify(key);
      if (this.#seen.has(k)) return false;
      this.#seen.add(k);
    }
    if (this.childContexts && this.resource.context) {
      const child = this.resource.context(doc, parent);
      this.childContexts.set(JSON.stringify(child), child);
    }
    return this.binding !== undefined;
  }
}
