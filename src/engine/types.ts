/**
 * @module The engine's vocabulary: resources as data, the API it reads through, the sink it
 * writes to, and the state it keeps. Nothing here knows GitLab; `src/resources` fills these
 * types in for GitLab and `src/gitlab` implements {@link ApiClient} structurally.
 */
import type { Logger } from '../log/logger.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A document as the API returned it (then transformed). Unknown fields pass through. */
export type Doc = Record<string, unknown>;

/** What a parent hands its children: the values that fill `:placeholders` in a child's path. */
export type Context = Readonly<Record<string, string | number>>;

// ---------------------------------------------------------------------------------------------
// What the engine needs from an HTTP API.

export interface ListRequest {
  /** Path below the API root, with placeholders already filled: `/projects/42/issues`. */
  readonly path: string;
  readonly params?: Readonly<Record<string, string>>;
}

/** A page of a list. `next` is an opaque continuation (null on the last page). */
export interface Page {
  readonly items: readonly unknown[];
  readonly next: string | null;
}

export interface ApiClient {
  /** The first page of a list, or the page a previous `next` token points to. */
  page(request: ListRequest | { readonly next: string }, signal?: AbortSignal): Promise<Page>;
  /** One object. */
  get(request: ListRequest, signal?: AbortSignal): Promise<unknown>;
}

/**
 * The API client classifies its errors; the engine decides per source whether `skippable`
 * (a 403/404 on one parent's sub-resource) really is a skip.
 */
export type { Disposition } from '../errors.js';
import type { Disposition } from '../errors.js';

export interface ClassifiedError extends Error {
  readonly disposition: Disposition;
  /** HTTP status, when there is one. */
  readonly status?: number;
}

export function isClassifiedError(err: unknown): err is ClassifiedError {
  return err instanceof Error && typeof (err as Partial<ClassifiedError>).disposition === 'string';
}

// ---------------------------------------------------------------------------------------------
// Resources.

export type SyncMode = 'incremental' | 'full_refresh';

/** The sync modes a resource supports, default first. */
export function syncModes(resource: Resource): readonly SyncMode[] {
  if (resource.modes) return resource.modes;
  return resource.incremental || resource.changedParentsOnly ? ['incremental', 'full_refresh'] : ['full_refresh'];
}

/**
 * One way to read a resource for one parent. A resource may have several sources (projects come
 * from configured groups and from configured projects); documents are de-duplicated by key
 * within a pass when the resource is `unique`.
 */
export interface Source {
  /** Where parent contexts come from: a root (`root:groups`) or another resource's name. */
  readonly from: string;
  /** `list` pages through a list; `get` reads one object. */
  readonly kind: 'list' | 'get';
  /** Path template; `:name` placeholders are filled, URL-encoded, from the parent context. */
  readonly path: string;
  /** Fixed query parameters. */
  readonly params?: Readonly<Record<string, string>>;
  /**
   * A 403/404 on this source: `skip` the parent (logged, reported in the summary) or `fail`
   * the capture (a parent the user named explicitly). @default 'skip'
   */
  readonly onMissing?: 'skip' | 'fail';
  /** Only parents for which this holds are read through this source. */
  readonly when?: (ctx: Context) => boolean;
  /**
   * Names this source's state partitions, for a resource with two sources over the same
   * parents (pipelines, and child pipelines listed apart). @default none
   */
  readonly partition?: string;
}

/** Incremental reading of an ascending list, restartable from any document's cursor value. */
export interface IncrementalSpec {
  /** The document field that orders the list and is kept as the cursor (`updated_at`). */
  readonly field: string;
  /**
   * Query parameters that list documents whose cursor is at or after `cursor`, ascending by
   * the cursor field. The bound may be inclusive: the engine de-duplicates the re-read ties.
   */
  readonly params: (cursor: string) => Readonly<Record<string, string>>;
  /**
   * `asc`: the list is ascending by the cursor, so a checkpoint mid-list is a resume point.
   * `desc`: newest first (commits), so the cursor advances only once the whole list was read.
   * @default 'asc'
   */
  readonly order?: 'asc' | 'desc';
}

export interface Resource {
  /** Stream name, as catalogs know it. */
  readonly name: string;
  /** Collection key, as JSON pointers into the document. */
  readonly key: readonly string[];
  /** JSON schema of the documents. */
  readonly schema: JsonObject;
  readonly sources: readonly Source[];
  /** Absent: full refresh only (unless `changedParentsOnly`). */
  readonly incremental?: IncrementalSpec;
  /**
   * A child of an incremental resource, read only for parents changed since the cursor, which
   * it keeps at the parent's level (per project, not per parent document).
   */
  readonly changedParentsOnly?: boolean;
  /** The modes this resource can be captured in. @default both where incremental, else full refresh */
  readonly modes?: readonly SyncMode[];
  /** Shapes an API object into a document (adds parent ids, flattens ids). Pure. */
  readonly transform?: (doc: Doc, ctx: Context) => Doc;
  /**
   * The context this resource's documents give their children, from the document and the
   * context of the parent it was read under.
   */
  readonly context?: (doc: Doc, parent: Context) => Context;
  /**
   * Emit each key at most once per pass, however many parents reach it. Sources are read in
   * the order declared, so the first source that reaches a document gives its children's context.
   */
  readonly unique?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Running a capture.

export interface Binding {
  /** Position in the request's binding list: what `captured.binding` refers to. */
  readonly index: number;
  /** Key of this binding's state (Flow's `stateKey`). */
  readonly stateKey: string;
  readonly resource: Resource;
  readonly mode: SyncMode;
}

/** Where documents and checkpoints go: the Flow adapter's stdout, or the runner's SQLite. */
export interface CaptureSink {
  document(binding: number, doc: Doc): void | Promise<void>;
  /**
   * Commits every document written since the previous checkpoint together with `patch`,
   * an RFC 7396 merge patch to the connector state.
   */
  checkpoint(patch: JsonObject): void | Promise<void>;
}

/** Per-binding state, kept under the binding's `stateKey`. */
export interface BindingState {
  /** Incremental cursor per partition (per project, per group list, ...). */
  cursors?: Record<string, string>;
  /**
   * Keys (JSON-encoded) of the documents whose cursor value equals the partition's cursor and
   * which were already captured: the bound is inclusive, so they are read again, but neither
   * emitted again nor their children fetched again.
   */
  ties?: Record<string, string[]>;
  /**
   * Full-refresh bindings: the keys each partition held at the last pass, so documents that
   * vanished since can be emitted as deletions.
   */
  keys?: Record<string, JsonValue[][]>;
}

export const STATE_VERSION = 1;

export interface ConnectorState {
  version?: number;
  bindings?: Record<string, BindingState>;
  /** Connector-wide data (OAuth tokens). Opaque to the engine. */
  connector?: JsonObject;
}

/** A parent read skipped for one stream, as reported in the run's summary. */
export interface SkipRecord {
  readonly stream: string;
  /** The parent, as `project_id=42` or `group_id=7`. */
  readonly parent: string;
  readonly status: number | undefined;
  readonly reason: string;
}

export interface StreamSummary {
  documents: number;
  skipped: number;
}

export interface CaptureSummary {
  readonly streams: Readonly<Record<string, StreamSummary>>;
  readonly skipped: readonly SkipRecord[];
  readonly durationMs: number;
}

export type ProgressEvent =
  | { readonly type: 'documents'; readonly stream: string; readonly count: number }
  | { readonly type: 'skip'; readonly skip: SkipRecord };

export interface RunOptions {
  /** The bindings to capture. Their ancestors are read too, without emitting documents. */
  readonly bindings: readonly Binding[];
  /** Every known resource, for resolving `Source.from`. */
  readonly resources: readonly Resource[];
  /** Parent contexts the connector derives from its config: `{'root:groups': [{group_id: 'a'}]}`. */
  readonly roots: Readonly<Record<string, readonly Context[]>>;
  readonly api: ApiClient;
  readonly state: ConnectorState;
  readonly sink: CaptureSink;
  readonly log: Logger;
  /** Cursor of a partition with no state yet (the configured start date). */
  readonly initialCursor: string;
  /** Parents read at once. @default 4 */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** @default Date.now */
  readonly now?: () => number;
}
