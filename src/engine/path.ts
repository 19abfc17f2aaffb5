/** @module Filling `:placeholder` path templates from a parent context. */
import type { Context } from './types.js';

/**
 * `/projects/:project_id/issues` + `{project_id: 'a/b'}` → `/projects/a%2Fb/issues`.
 * Values are URL-encoded as path segments (a full path's `/` becomes `%2F`, as APIs that take
 * ids or paths require). A placeholder the context lacks is an implementation error.
 */
export function fillPath(template: string, ctx: Context, resource: string): string {
  return template.replace(/:([a-z_][a-z0-9_]*)/gi, (_, name: string) => {
    const value = ctx[name];
    if (value === undefined) {
      throw new Error(`Implementation error: resource ${resource} path ${template} needs :${name}, which its parent does not provide`);
    }
    return encodeURIComponent(String(value));
  });
}

/** The placeholders a template needs. */
export function pathPlaceholders(template: string): string[] {
  return [...template.matchAll(/:([a-z_][a-z0-9_]*)/gi)].map((m) => m[1] ?? '');
}

/** A human label for a parent in logs and summaries: `project_id=42`. */
export function describeContext(ctx: Context): string {
  const parts = Object.entries(ctx).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join(',') : 'root';
}
