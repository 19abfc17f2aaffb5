/** @module Pipelines (child pipelines too), their full records, and their jobs. */
import type { Doc, Resource } from '../engine/types.js';
import { schemas } from '../schema/generated/index.js';
import { byUpdatedAtExclusive, flattenIds, pipe, stampParent } from './shared.js';

export const pipelines: Resource = {
  name: 'pipelines',
  key: ['/id'],
  schema: schemas.pipelines,
  sources: [
    { from: 'projects', kind: 'list', path: '/projects/:project_id/pipelines' },
    // Child pipelines are left out of the list unless asked for by source (GitLab 17.0+).
    { from: 'projects', kind: 'list', path: '/projects/:project_id/pipelines', params: { source: 'parent_pipeline' }, partition: 'child' },
  ],
  incremental: byUpdatedAtExclusive,
  transform: stampParent('project_id'),
  context: (doc: Doc) => ({ project_id: Number(doc['project_id']), pipeline_id: Number(doc['id']) }),
};

export const pipelinesExtended: Resource = {
  name: 'pipelines_extended',
  key: ['/id'],
  schema: schemas.pipelines_extended,
  changedParentsOnly: true,
  sources: [{ from: 'pipelines', kind: 'get', path: '/projects/:project_id/pipelines/:pipeline_id' }],
  transform: pipe(stampParent('project_id'), flattenIds('user')),
};

export const jobs: Resource = {
  name: 'jobs',
  key: ['/id'],
  schema: schemas.jobs,
  changedParentsOnly: true,
  sources: [{ from: 'pipelines', kind: 'list', path: '/projects/:project_id/pipelines/:pipeline_id/jobs', params: { include_retried: 'true' } }],
  transform: pipe(stampParent('project_id', 'pipeline_id'), flattenIds('user', 'commit', 'runner')),
};
