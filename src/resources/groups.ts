import type { Resource } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { ROOT_GROUPS, ROOT_MEMBERSHIP } from './roots.js';

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
  context: (doc) => ({ group_id: Number(doc['id']) }),
};
