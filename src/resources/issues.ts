/** @module Issues (group-level lists where a whole group is selected) and their notes. */
import type { Doc, Resource } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { byUpdatedAt, flattenIds, stampParent, type ResourceOptions } from './shared.js';

/**
 * Where a configured group covers its whole tree, one group-level list replaces a list per
 * project (a group with 1,000 quiet projects costs one request per pass, not 1,000). Group
 * lists leave out archived projects unless `non_archived=false` (gitlab-api.md §5.5).
 */
export function issues(options: ResourceOptions): Resource {
  return {
    name: 'issues',
    key: ['/id'],
    schema: schemas.issues,
    sources: [
      {
        from: 'groups',
        kind: 'list',
        path: '/groups/:group_id/issues',
        params: { scope: 'all', non_archived: options.includeArchived ? 'false' : 'true' },
        when: (ctx) => ctx['configured'] === 1,
      },
      {
        from: 'projects',
        kind: 'list',
        path: '/projects/:project_id/issues',
        params: { scope: 'all' },
        when: (ctx) => ctx['via_group'] !== 1,
      },
    ],
    incremental: byUpdatedAt,
    transform: flattenIds('author', 'assignee', 'milestone', 'closed_by'),
    context: (doc: Doc) => ({ project_id: Number(doc['project_id']), issue_iid: Number(doc['iid']) }),
  };
}

/** Notes of issues changed since the cursor, read with them. */
export const issueNotes: Resource = {
  name: 'issue_notes',
  key: ['/id'],
  schema: schemas.issue_notes,
  changedParentsOnly: true,
  // docs/streams.md: incremental only (children of changed parents).
  modes: ['incremental'],
  sources: [{ from: 'issues', kind: 'list', path: '/projects/:project_id/issues/:issue_iid/notes' }],
  transform: (doc, ctx) => flattenIds('author')(stampParent('project_id', 'issue_iid')(doc, ctx)),
};
