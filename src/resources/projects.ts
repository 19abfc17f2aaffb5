import type { Resource } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { ROOT_GROUPS, ROOT_MEMBERSHIP, ROOT_PROJECTS } from './roots.js';
import type { ResourceOptions } from './shared.js';

/**
 * Projects of the configured groups (subgroups included; a project shared into a group is
 * captured through its own group), plus configured projects; each project once.
 */
export function projects(options: ResourceOptions): Resource {
  const archived: Record<string, string> = options.includeArchived ? {} : { archived: 'false' };
  return {
    name: 'projects',
    key: ['/id'],
    schema: schemas.projects,
    sources: [
      {
        from: ROOT_GROUPS,
        kind: 'list',
        path: '/groups/:group_id/projects',
        params: { include_subgroups: 'true', with_shared: 'false', order_by: 'id', sort: 'asc', ...archived },
        onMissing: 'fail',
      },
      { from: ROOT_PROJECTS, kind: 'get', path: '/projects/:project_id', onMissing: 'fail' },
      {
        // Keyset pagination by id: /projects refuses offsets past 50,000 (gitlab-api.md §1.1).
        from: ROOT_MEMBERSHIP,
        kind: 'list',
        path: '/projects',
        params: { membership: 'true', pagination: 'keyset', order_by: 'id', sort: 'asc', ...archived },
      },
    ],
    unique: true,
    context: (doc) => ({ project_id: Number(doc['id']) }),
  };
}
