/**
 * @module Pieces every GitLab resource entry shares: the incremental spec for lists ordered by
 * `updated_at`, id flattening, and parent-id stamping.
 */
import type { Context, Doc, IncrementalSpec } from '../engine/types.js';

/** Options that change what resources read, from the connector config. */
export interface ResourceOptions {
  /** @default true */
  readonly includeArchived: boolean;
  /** @default false */
  readonly commitsAllBranches: boolean;
}

export const defaultResourceOptions: ResourceOptions = { includeArchived: true, commitsAllBranches: false };

/**
 * `updated_after` is "on or after" for issues and merge requests (gitlab-api.md §6), and
 * `order_by=updated_at&sort=asc` makes a checkpoint taken mid-list a correct resume point.
 */
export const byUpdatedAt: IncrementalSpec = {
  field: 'updated_at',
  params: (cursor) => ({ updated_after: cursor, order_by: 'updated_at', sort: 'asc' }),
};

/**
 * Pipelines and deployments document `updated_after` as "after", which may be exclusive: ask
 * from one millisecond earlier so documents sharing the cursor's instant are not lost (the
 * engine drops the re-read ones within a pass; collections reduce them across passes).
 */
export const byUpdatedAtExclusive: IncrementalSpec = {
  field: 'updated_at',
  params: (cursor) => ({ updated_after: new Date(Date.parse(cursor) - 1).toISOString(), order_by: 'updated_at', sort: 'asc' }),
};

function idOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'id' in value ? (value as { id: unknown }).id : null;
}

/**
 * Adds `<field>_id` for each nested object field (`author` → `author_id`), as today's capture
 * does; the nested objects stay. A missing or null object gives a null id.
 */
export function flattenIds(...fields: readonly string[]): (doc: Doc) => Doc {
  return (doc) => {
    const out: Doc = { ...doc };
    for (const f of fields) out[`${f}_id`] = idOf(doc[f]);
    return out;
  };
}

/** Composes transforms left to right. */
export function pipe(...fns: readonly ((doc: Doc, ctx: Context) => Doc)[]): (doc: Doc, ctx: Context) => Doc {
  return (doc, ctx) => fns.reduce((d, f) => f(d, ctx), doc);
}

/** Stamps parent ids from the context onto each document (`project_id` on a branch). */
export function stampParent(...fields: readonly string[]): (doc: Doc, ctx: Context) => Doc {
  return (doc, ctx) => {
    const out: Doc = { ...doc };
    for (const f of fields) out[f] = ctx[f];
    return out;
  };
}
