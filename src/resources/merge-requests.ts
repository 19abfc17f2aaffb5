/** @module Merge requests and what hangs off each: commits, notes, approvals. */
import type { Doc, Resource } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { byUpdatedAt, flattenIds, pipe, stampParent, type ResourceOptions } from './shared.js';

/** Group-level where a configured group covers its tree, per project otherwise (as issues). */
export function mergeRequests(options: ResourceOptions): Resource {
  return {
    name: 'merge_requests',
    key: ['/id'],
    schema: schemas.merge_requests,
    sources: [
      {
        from: 'groups',
        kind: 'list',
        path: '/groups/:group_id/merge_requests',
        params: { scope: 'all', state: 'all', non_archived: options.includeArchived ? 'false' : 'true' },
        when: (ctx) => ctx['configured'] === 1,
      },
      {
        from: 'projects',
        kind: 'list',
        path: '/projects/:project_id/merge_requests',
        params: { scope: 'all', state: 'all' },
        when: (ctx) => ctx['via_group'] !== 1,
      },
    ],
    incremental: byUpdatedAt,
    transform: flattenIds('author', 'assignee', 'milestone', 'closed_by', 'merged_by'),
    context: (doc: Doc) => ({ project_id: Number(doc['project_id']), merge_request_iid: Number(doc['iid']) }),
  };
}

const stampMr = stampParent('project_id', 'merge_request_iid');

export const mergeRequestCommits: Resource = {
  name: 'merge_request_commits',
  key: ['/project_id', '/merge_request_iid', '/id'],
  schema: schemas.merge_request_commits,
  changedParentsOnly: true,
  sources: [{ from: 'merge_requests', kind: 'list', path: '/projects/:project_id/merge_requests/:merge_request_iid/commits' }],
  transform: stampMr,
};

export const mergeRequestNotes: Resource = {
  name: 'merge_request_notes',
  key: ['/id'],
  schema: schemas.merge_request_notes,
  changedParentsOnly: true,
  // docs/streams.md: incremental only (children of changed parents).
  modes: ['incremental'],
  sources: [{ from: 'merge_requests', kind: 'list', path: '/projects/:project_id/merge_requests/:merge_request_iid/notes' }],
  transform: pipe(stampMr, flattenIds('author')),
};

export const mergeRequestApprovals: Resource = {
  name: 'merge_request_approvals',
  key: ['/project_id', '/merge_request_iid'],
  schema: schemas.merge_request_approvals,
  changedParentsOnly: true,
  // docs/streams.md: incremental only (children of changed parents).
  modes: ['incremental'],
  sources: [{ from: 'merge_requests', kind: 'get', path: '/projects/:project_id/merge_requests/:merge_request_iid/approvals' }],
  transform: stampMr,
};
