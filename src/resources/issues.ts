import type { Resource } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { byUpdatedAt, flattenIds } from './shared.js';

/** Issues of every selected project, incremental on `updated_at` with one cursor per project. */
export const issues: Resource = {
  name: 'issues',
  key: ['/id'],
  schema: schemas.issues,
  sources: [{ from: 'projects', kind: 'list', path: '/projects/:project_id/issues', params: { scope: 'all' } }],
  incremental: byUpdatedAt,
  transform: flattenIds('author', 'assignee', 'milestone', 'closed_by'),
};
