/**
 * @module The local runner's sink: one SQLite table per collection plus the connector state, with
 * Flow's transaction semantics. Documents written between two checkpoints sit in one open
 * transaction that the checkpoint commits together with the new state, so the stored state never
 * covers less than the stored data, nor more. Whatever was not checkpointed is rolled back on close.
 */
import Database from 'better-sqlite3';
import type { CaptureSink, ConnectorState, Doc, JsonObject } from '../engine/types.js';
import { applyMergePatch } from '../util/merge-patch.js';
import { DOC_COLUMN, keyColumns, keyValues, quoteIdent, type KeyColumn } from './sqlite-keys.js';
import { StoreError } from './store-error.js';

const STATE_TABLE = '_connector_state';

interface Collection {
  readonly columns: readonly KeyColumn[];
  readonly upsert: Database.Statement;
  readonly remove: Database.Statement;
  readonly count: Database.Statement;
  readonly rows: Database.Statement;
}

interface PragmaColumn {
  readonly name: string;
  readonly pk: number;
}

/** A deletion document, as Flow's captures write them: `{..key, _meta: {op: 'd'}}`. */
function isDeletion(doc: Doc): boolean {
  const meta = doc['_meta'];
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>)['op'] === 'd';
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SqliteStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly collections = new Map<string, Collection>();
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly writeState: Database.Statement;
  /** The committed state, kept in memory so a checkpoint need not re-read and re-parse it. */
  private state: JsonObject;
  private pending = 0;

  constructor(path: string) {
    this.path = path;
    this.db = new Database(path);
    try {
      // WAL lets readers (a sqlite3 shell on the same file) work while a capture writes; with
      // WAL, synchronous=NORMAL still never loses a committed transaction to a process crash.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)`,
      );
      // IMMEDIATE takes the write lock up front: a concurrent writer fails at BEGIN, not mid-batch.
      this.begin = this.db.prepare('BEGIN IMMEDIATE');
      this.commit = this.db.prepare('COMMIT');
      this.writeState = this.db.prepare(
        `INSERT INTO ${STATE_TABLE} (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state`,
      );
      this.state = this.readState();
    } catch (err) {
      this.db.close(); // a half-opened store must not keep the file locked
      throw err;
    }
  }

  /** Creates the collection's table, or checks that the existing one has the same key. */
  ensureCollection(name: string, key: readonly string[]): void {
    if (name.startsWith('_') || name.toLowerCase().startsWith('sqlite_')) {
      throw new StoreError(`collection name "${name}" is reserved for the store's own tables`, { stream: name });
    }
    const columns = keyColumns(name, key);
    const table = quoteIdent(name);
    const names = columns.map((c) => quoteIdent(c.column));
    const existing = this.db.pragma(`table_info(${table})`) as PragmaColumn[];
    if (existing.length === 0) {
      // Key columns have no declared type, so each value keeps the storage class it was bound with.
      this.db.exec(
        `CREATE TABLE ${table} (${names.join(', ')}, ${DOC_COLUMN} TEXT NOT NULL, PRIMARY KEY (${names.join(', ')}))`,
      );
    } else {
      this.checkTable(name, columns, existing);
    }
    const where = names.map((n) => `${n} = ?`).join(' AND ');
    this.collections.set(name, {
      columns,
      upsert: this.db.prepare(
        `INSERT INTO ${table} (${names.join(', ')}, ${DOC_COLUMN}) VALUES (${names.map(() => '?').join(', ')}, ?) ` +
          `ON CONFLICT (${names.join(', ')}) DO UPDATE SET ${DOC_COLUMN} = excluded.${DOC_COLUMN}`,
      ),
      remove: this.db.prepare(`DELETE FROM ${table} WHERE ${where}`),
      count: this.db.prepare(`SELECT count(*) AS n FROM ${table}`),
      rows: this.db.prepare(`SELECT ${DOC_COLUMN} FROM ${table} ORDER BY ${names.join(', ')}`),
    });
  }

  /**
   * Inserts or replaces the document by its key, or deletes the row when it is a deletion
   * document. The write joins the transaction that the next checkpoint commits.
   */
  upsert(name: string, doc: Doc): void {
    const collection = this.collection(name);
    const key = keyValues(name, collection.columns, doc);
    this.ensureTransaction();
    if (isDeletion(doc)) collection.remove.run(...key);
    else collection.upsert.run(...key, JSON.stringify(doc));
    this.pending += 1;
  }

  /** The committed connector state; `{}` when none was ever checkpointed. */
  loadState(): ConnectorState {
    // The stored object was written by checkpoint() from engine patches: it is a ConnectorState.
    return structuredClone(this.state) as ConnectorState;
  }

  /** Applies `patch` (RFC 7396) to the state and commits it with every document since the last one. */
  checkpoint(patch: JsonObject): void {
    const next = applyMergePatch(this.state, patch);
    if (!isJsonObject(next)) throw new StoreError('Implementation error: a checkpoint made the state a non-object');
    this.ensureTransaction();
    this.writeState.run(JSON.stringify(next));
    this.commit.run();
    this.state = next;
    this.pending = 0;
  }

  /** Documents written since the last checkpoint: what close() would roll back. */
  get pendingDocuments(): number {
    return this.pending;
  }

  count(name: string): number {
    const row = this.collection(name).count.get() as { n: number };
    return row.n;
  }

  /** Every document in the collection, ordered by key. */
  rows(name: string): Doc[] {
    const rows = this.collection(name).rows.all() as Array<{ doc: string }>;
    return rows.map((r) => JSON.parse(r.doc) as Doc);
  }

  /** A sink writing binding `i`'s documents to collection `bindingIndexToCollection[i]`. */
  sink(bindingIndexToCollection: readonly string[]): CaptureSink {
    for (const name of bindingIndexToCollection) this.collection(name);
    return {
      document: (binding, doc) => {
        const name = bindingIndexToCollection[binding];
        if (name === undefined) {
          throw new StoreError(
            `Implementation error: a document for binding ${binding}, but there are ${bindingIndexToCollection.length} bindings`,
          );
        }
        this.upsert(name, doc);
      },
      checkpoint: (patch) => this.checkpoint(patch),
    };
  }

  /**
   * Rolls back the documents written since the last checkpoint (a crash would lose them too, and
   * the state does not cover them), then closes. Returns how many were rolled back. Idempotent.
   */
  close(): number {
    if (!this.db.open) return 0;
    const rolledBack = this.pending;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.pending = 0;
    this.db.close();
    return rolledBack;
  }

  private ensureTransaction(): void {
    if (!this.db.inTransaction) this.begin.run();
  }

  private collection(name: string): Collection {
    const collection = this.collections.get(name);
    if (!collection) {
      throw new StoreError(`Implementation error: collection "${name}" was not ensured before use`, { stream: name });
    }
    return collection;
  }

  private checkTable(name: string, columns: readonly KeyColumn[], existing: readonly PragmaColumn[]): void {
    const want = columns.map((c) => c.column);
    const have = existing.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const hasDoc = existing.some((c) => c.name === DOC_COLUMN);
    if (hasDoc && have.length === want.length && have.every((c, i) => c === want[i])) return;
    throw new StoreError(
      `table "${name}" in ${this.path} has key (${have.join(', ')})${hasDoc ? '' : ` and no ${DOC_COLUMN} column`}, ` +
        `but the collection's key is (${want.join(', ')}); capture into a new database file or drop the table`,
      { stream: name },
    );
  }

  private readState(): JsonObject {
    const row = this.db.prepare(`SELECT state FROM ${STATE_TABLE} WHERE id = 1`).get() as { state: string } | undefined;
    if (!row) return {};
    const parsed: unknown = JSON.parse(row.state);
    if (!isJsonObject(parsed)) throw new StoreError(`the connector state stored in ${this.path} is not a JSON object`);
    return parsed;
  }
}
