/**
 * @module How a collection key maps onto SQLite: one column per key pointer, named from the
 * pointer, holding the key value with its JSON type. Pure helpers, kept apart from the store so
 * the naming and typing rules are testable as a case table.
 */
import type { Doc } from '../engine/types.js';
import { parsePointer } from '../util/json-pointer.js';
import { StoreError } from './store-error.js';

/** The column that holds the whole document as JSON; no key column may take this name. */
export const DOC_COLUMN = 'doc';

export interface KeyColumn {
  /** JSON pointer into the document (`/project_id`). */
  readonly pointer: string;
  /** Column name (`project_id`; nested pointers joined with `_`: `/author/id` → `author_id`). */
  readonly column: string;
  /** The pointer's tokens, parsed once rather than for every document. */
  readonly tokens: readonly string[];
}

/** A key value as bound to SQLite: bigint binds as INTEGER, number as REAL, string as TEXT. */
export type SqliteKeyValue = bigint | number | string;

/** Double-quotes an identifier, doubling embedded quotes, so any stream name is a safe table name. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The key columns of a collection; rejects keys whose pointers would collide as column names. */
export function keyColumns(stream: string, key: readonly string[]): KeyColumn[] {
  if (key.length === 0) throw new StoreError(`collection "${stream}" has an empty key`, { stream });
  const columns = key.map((pointer) => {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) {
      throw new StoreError(`collection "${stream}" has an empty key pointer`, { stream });
    }
    return { pointer, column: tokens.join('_'), tokens };
  });
  const seen = new Set<string>([DOC_COLUMN]);
  for (const { pointer, column } of columns) {
    if (seen.has(column)) {
      throw new StoreError(
        `collection "${stream}": key pointer ${pointer} maps to column "${column}", which is already taken`,
        { stream },
      );
    }
    seen.add(column);
  }
  return columns;
}

/**
 * The key values of `doc`, typed for binding. Integers become bigint because better-sqlite3
 * binds every JS number as REAL; as bigint they are stored as INTEGER, like their JSON type.
 */
export function keyValues(stream: string, columns: readonly KeyColumn[], doc: Doc): SqliteKeyValue[] {
  return columns.map(({ pointer, tokens }) => {
    const value = valueAt(doc, tokens);
    switch (typeof value) {
      case 'string':
        return value;
      case 'number':
        if (!Number.isFinite(value)) break;
        return Number.isSafeInteger(value) ? BigInt(value) : value;
      case 'boolean':
        return value ? 1n : 0n; // SQLite's own convention for booleans
      case 'undefined':
        throw new StoreError(`document in stream "${stream}" has no value at key pointer ${pointer}`, {
          stream,
        });
    }
    throw new StoreError(
      `document in stream "${stream}" has ${describe(value)} at key pointer ${pointer}; ` +
        'a key value must be a string, number or boolean',
      { stream },
    );
  });
}

function valueAt(doc: unknown, tokens: readonly string[]): unknown {
  let cur = doc;
  for (const token of tokens) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[token];
  }
  return cur;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return 'a non-finite number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
