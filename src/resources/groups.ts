/** @module Groups and what hangs off each group: milestones, members, labels, boards. */
import type { Context, Doc, Resource, Source } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { ROOT_GROUPS, ROOT_MEMBERSHIP } from './roots.js';
import { stampParent } from './shared.js';

/**
 * A group's context tells whether it is one the user configured (`configured: 1`): group-level
 * issue and merge request lists cover a configured group's whole tree in one list.
 */
function groupContext(doc: Doc, parent: Context): Context {
  const configured = parent['group_id'] !== undefined && (String(doc['id']) === String(parent['group_id']) || doc['full_path'] === parent['group_id']);
  return { group_id: Number(doc['id']), configured: configured ? 1 : 0 };
}

/** Configured groups and all their descendants; or, with nothing configured, the token's groups. */
export const groups: Resource = {
  name: 'groups',
  key: ['/id'],
  schema: schemas.groups,
  sources: [
    // A configured group that is missing or invisible is the user's error, not a skip.
    { from: ROOT_GROUPS, kind: 'get', path: '/groups/:group_id', onMissing: 'fail' },
    { from: ROOT_GROUPS, kind: 'list', path: '/groups/:group_id/descendant_groups', onMissing: 'fail' },
    { from: ROOT_MEMBERSHIP, kind: 'list', path: '/groups', params: { min_access_level: '10', order_by: 'id', sort: 'asc' } },
  ],
  unique: true,
  context: groupContext,
};

const perGroup = (path: string, params?: Record<string, string>): Source[] => [
  { from: 'groups', kind: 'list', path, ...(params ? { params } : {}) },
];

export const groupMilestones: Resource = {
  name: 'group_milestones',
  key: ['/id'],
  schema: schemas.group_milestones,
  sources: perGroup('/groups/:group_id/milestones'),
};

export const groupMembers: Resource = {
  name: 'group_members',
  key: ['/group_id', '/id'],
  schema: schemas.group_members,
  sources: perGroup('/groups/:group_id/members'),
  transform: stampParent('group_id'),
};

export const groupLabels: Resource = {
  name: 'group_labels',
  key: ['/group_id', '/id'],
  schema: schemas.group_labels,
  sources: perGroup('/groups/:group_id/labels'),
  transform: stampParent('group_id'),
};

export const groupIssueBoards: Resource = {
  name: 'group_issue_boards',
  key: ['/id'],
  schema: schemas.group_issue_boards,
  sources: perGroup('/groups/:group_id/boards'),
  transform: stampParent('group_id'),
};
