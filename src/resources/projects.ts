/** @module Projects, and the full-refresh lists that hang off each project. */
import type { Context, Doc, Resource } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { ROOT_GROUPS, ROOT_MEMBERSHIP, ROOT_PROJECTS } from './roots.js';
import { flattenIds, pipe, stampParent, type ResourceOptions } from './shared.js';

/** `via_group: 1` when the project was reached through a configured group's listing. */
function projectContext(doc: Doc, parent: Context): Context {
  return { project_id: Number(doc['id']), via_group: parent['group_id'] !== undefined ? 1 : 0 };
}

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
    context: projectContext,
  };
}

const perProject = (path: string, params?: Record<string, string>) =>
  [{ from: 'projects', kind: 'list' as const, path, ...(params ? { params } : {}) }];

export const branches: Resource = {
  name: 'branches',
  key: ['/project_id', '/name'],
  schema: schemas.branches,
  sources: perProject('/projects/:project_id/repository/branches'),
  transform: pipe(stampParent('project_id'), flattenIds('commit')),
};

export const releases: Resource = {
  name: 'releases',
  key: ['/project_id', '/tag_name'],
  schema: schemas.releases,
  sources: perProject('/projects/:project_id/releases'),
  transform: pipe(stampParent('project_id'), flattenIds('author', 'commit')),
};

export const tags: Resource = {
  name: 'tags',
  key: ['/project_id', '/name'],
  schema: schemas.tags,
  sources: perProject('/projects/:project_id/repository/tags'),
  transform: pipe(stampParent('project_id'), flattenIds('commit')),
};

export const projectMilestones: Resource = {
  name: 'project_milestones',
  key: ['/id'],
  schema: schemas.project_milestones,
  sources: perProject('/projects/:project_id/milestones'),
};

export const projectMembers: Resource = {
  name: 'project_members',
  key: ['/project_id', '/id'],
  schema: schemas.project_members,
  sources: perProject('/projects/:project_id/members'),
  transform: stampParent('project_id'),
};

export const projectLabels: Resource = {
  name: 'project_labels',
  key: ['/project_id', '/id'],
  schema: schemas.project_labels,
  sources: perProject('/projects/:project_id/labels'),
  transform: stampParent('project_id'),
};

/** A user belongs to many projects; each is emitted once per pass. */
export const users: Resource = {
  name: 'users',
  key: ['/id'],
  schema: schemas.users,
  sources: perProject('/projects/:project_id/users'),
  unique: true,
};

export const environments: Resource = {
  name: 'environments',
  key: ['/id'],
  schema: schemas.environments,
  sources: perProject('/projects/:project_id/environments'),
  transform: stampParent('project_id'),
};
