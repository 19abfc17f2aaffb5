/** @module Incremental per-project and per-group lists: commits, deployments, epics. */
import type { Doc, Resource } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { byUpdatedAt, byUpdatedAtExclusive, flattenIds, pipe, stampParent, type ResourceOptions } from './shared.js';

/**
 * Commits are newest first and `since` filters on the commit date, so a project's cursor
 * advances only once its whole list was read (the engine's `desc` order).
 */
export function commits(options: ResourceOptions): Resource {
  return {
    name: 'commits',
    key: ['/project_id', '/id'],
    schema: schemas.commits,
    sources: [
      {
        from: 'projects',
        kind: 'list',
        path: '/projects/:project_id/repository/commits',
        params: { with_stats: 'true', ...(options.commitsAllBranches ? { all: 'true' } : {}) },
      },
    ],
    incremental: { field: 'created_at', params: (cursor) => ({ since: cursor }), order: 'desc' },
    transform: stampParent('project_id'),
  };
}

/** Deployments reject `updated_after` without `order_by=updated_at` (400). */
export const deployments: Resource = {
  name: 'deployments',
  key: ['/id'],
  schema: schemas.deployments,
  sources: [{ from: 'projects', kind: 'list', path: '/projects/:project_id/deployments' }],
  incremental: byUpdatedAtExclusive,
  transform: pipe(stampParent('project_id'), flattenIds('user')),
};

/** Epics need Premium: elsewhere the list answers 403 and the group is skipped for this stream. */
export const epics: Resource = {
  name: 'epics',
  key: ['/id'],
  schema: schemas.epics,
  // Every group on its own: descendants are listed as groups of their own.
  sources: [{ from: 'groups', kind: 'list', path: '/groups/:group_id/epics', params: { include_descendant_groups: 'false' } }],
  incremental: byUpdatedAt,
  transform: flattenIds('author'),
  context: (doc: Doc) => ({ group_id: Number(doc['group_id']), epic_iid: Number(doc['iid']) }),
};

export const epicIssues: Resource = {
  name: 'epic_issues',
  key: ['/epic_issue_id'],
  schema: schemas.epic_issues,
  changedParentsOnly: true,
  sources: [{ from: 'epics', kind: 'list', path: '/groups/:group_id/epics/:epic_iid/issues' }],
  transform: pipe(stampParent('group_id', 'epic_iid'), flattenIds('author', 'assignee', 'milestone')),
};
