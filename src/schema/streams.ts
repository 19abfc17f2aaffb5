/**
 * @module Which documented shapes describe each of the 27 streams of docs/streams.md, and which
 * fields the connector adds to GitLab's objects. The generator (`generate.ts`) turns each row
 * into `generated/<stream>.ts` through {@link inferSchema}.
 *
 * Added fields follow docs/streams.md § "Rules that hold for every stream":
 * - parent ids: those the key needs, plus the ones today's capture stamps although its key does
 *   not need them (`project_id` on jobs and deployments, `group_id` on group issue boards);
 * - flattened ids: exactly the `<object>_id` fields today's capture adds to that stream (Airbyte's
 *   `source_gitlab/streams.py` `flatten_id_keys`, and `manifest.yaml` for deployments), limited
 *   to the nine names the rules list. The nested objects stay as GitLab sent them, so do
 *   `assignees` and releases' `milestones` (today's capture turns both into id lists).
 *
 * The four streams today's capture does not have (issue_notes, merge_request_notes,
 * merge_request_approvals, environments) add only what their key needs.
 */
import type { JsonObject } from '../engine/types.js';
import * as documented from './documented.js';

/** The streams, in the order of docs/streams.md. */
export const STREAM_NAMES = [
  'groups',
  'projects',
  'branches',
  'commits',
  'issues',
  'merge_requests',
  'merge_request_commits',
  'pipelines',
  'pipelines_extended',
  'jobs',
  'deployments',
  'releases',
  'tags',
  'project_milestones',
  'group_milestones',
  'project_members',
  'group_members',
  'project_labels',
  'group_labels',
  'group_issue_boards',
  'epics',
  'epic_issues',
  'users',
  'issue_notes',
  'merge_request_notes',
  'merge_request_approvals',
  'environments',
] as const;

export type StreamName = (typeof STREAM_NAMES)[number];

/** Parent ids the connector stamps from the parent's context. All are GitLab integer ids. */
export type ParentId = 'project_id' | 'group_id' | 'merge_request_iid';

/** Nested objects whose `id` the connector copies to `<object>_id` (null when the object is). */
export type FlattenedObject =
  | 'author'
  | 'assignee'
  | 'milestone'
  | 'closed_by'
  | 'merged_by'
  | 'commit'
  | 'pipeline'
  | 'user'
  | 'runner';

/** Where a stream's shape is documented. */
export type ExampleSource =
  /** A file of fixtures/gitlab-api-examples whose objects are this stream's documents. */
  | string
  /**
   * Fields borrowed from another endpoint's example, for fields this stream's own example lacks:
   * all of its top-level fields, or `only` those named. Its objects are not this stream's documents.
   */
  | { readonly file: string; readonly only?: readonly string[] }
  /** Documents written by hand from GitLab's docs (`documented.ts`), for endpoints with no file. */
  | { readonly documented: readonly JsonObject[]; readonly source: string };

export interface StreamSpec {
  /** Collection key, exactly as docs/streams.md gives it. */
  readonly key: readonly string[];
  readonly examples: readonly ExampleSource[];
  readonly parentIds?: readonly ParentId[];
  readonly flatten?: readonly FlattenedObject[];
  /** Schemas replacing what the examples show, by JSON pointer (documented quirks). */
  readonly overrides?: Readonly<Record<string, JsonObject>>;
}

/** A commit's `trailers` is a map of trailer name to its last value; `extended_trailers` to all values. */
const TRAILERS: JsonObject = { type: 'object', additionalProperties: { type: 'string' } };
const EXTENDED_TRAILERS: JsonObject = {
  type: 'object',
  additionalProperties: { type: 'array', items: { type: 'string' } },
};

export const STREAMS: { readonly [N in StreamName]: StreamSpec } = {
  // GET /groups/:id is GroupDetail (adds `projects`, `shared_projects`, ...: they pass through).
  groups: { key: ['/id'], examples: ['groups.json', 'group_descendant_groups.json'] },
  // /groups/:id/projects returns the same entity as /projects; /projects/:id adds owner, statistics...
  projects: { key: ['/id'], examples: ['projects.json', 'project_single.json', 'group_projects.json'] },
  branches: {
    key: ['/project_id', '/name'],
    examples: ['branches.json'],
    parentIds: ['project_id'],
    flatten: ['commit'],
    overrides: { '/commit/trailers': TRAILERS, '/commit/extended_trailers': EXTENDED_TRAILERS },
  },
  commits: {
    key: ['/project_id', '/id'],
    // with_stats=true adds `stats`, shown in the single-commit example.
    examples: ['commits.json', { file: 'commit_single.json', only: ['stats'] }],
    parentIds: ['project_id'],
    overrides: { '/trailers': TRAILERS, '/extended_trailers': EXTENDED_TRAILERS },
  },
  issues: {
    key: ['/id'],
    examples: ['group_issues.json', 'project_issues.json', 'issues.json'],
    flatten: ['author', 'assignee', 'closed_by', 'milestone'],
  },
  merge_requests: {
    key: ['/id'],
    examples: ['project_merge_requests.json', 'merge_requests.json'],
    flatten: ['author', 'assignee', 'closed_by', 'milestone', 'merged_by'],
  },
  merge_request_commits: {
    key: ['/project_id', '/merge_request_iid', '/id'],
    // The MR commits example leaves out `parent_ids`, which the endpoint documents.
    examples: ['merge_request_commits.json', { file: 'commits.json', only: ['parent_ids'] }],
    parentIds: ['project_id', 'merge_request_iid'],
    overrides: { '/trailers': TRAILERS, '/extended_trailers': EXTENDED_TRAILERS },
  },
  pipelines: { key: ['/id'], examples: ['pipelines.json'] },
  pipelines_extended: { key: ['/id'], examples: ['pipeline_single.json'] },
  jobs: {
    key: ['/id'],
    // /projects/:id/jobs renders the same job entity as the per-pipeline list.
    examples: ['pipeline_jobs.json', 'jobs.json'],
    parentIds: ['project_id'],
    flatten: ['user', 'pipeline', 'runner', 'commit'],
  },
  deployments: { key: ['/id'], examples: ['deployments.json'], parentIds: ['project_id'], flatten: ['user'] },
  releases: {
    key: ['/project_id', '/tag_name'],
    examples: ['releases.json'],
    parentIds: ['project_id'],
    flatten: ['author', 'commit'],
  },
  tags: { key: ['/project_id', '/name'], examples: ['tags.json'], parentIds: ['project_id'], flatten: ['commit'] },
  project_milestones: {
    key: ['/id'],
    // The project example lacks `web_url`, which real responses carry (as the group one shows).
    examples: ['project_milestones.json', { file: 'group_milestones.json', only: ['web_url'] }],
  },
  group_milestones: { key: ['/id'], examples: ['group_milestones.json'] },
  project_members: { key: ['/project_id', '/id'], examples: ['members.json'], parentIds: ['project_id'] },
  group_members: { key: ['/group_id', '/id'], examples: ['members.json'], parentIds: ['group_id'] },
  project_labels: { key: ['/project_id', '/id'], examples: ['project_labels.json'], parentIds: ['project_id'] },
  group_labels: { key: ['/group_id', '/id'], examples: ['group_labels.json'], parentIds: ['group_id'] },
  group_issue_boards: { key: ['/id'], examples: ['group_boards.json'], parentIds: ['group_id'] },
  epics: {
    key: ['/id'],
    examples: ['epics.json'],
    flatten: ['author'],
    // Doc quirk: the first example has "confidential": "false"; the API sends a boolean.
    overrides: { '/confidential': { type: 'boolean' } },
  },
  epic_issues: {
    key: ['/epic_issue_id'],
    // The epic issues example is old (about 11.x): today's issue fields come from the project one.
    examples: ['epic_issues.json', { file: 'project_issues.json' }],
    flatten: ['milestone', 'assignee', 'author'],
  },
  users: { key: ['/id'], examples: ['users.json'] },
  issue_notes: { key: ['/id'], examples: ['issue_notes.json'] },
  // MR notes are the same note entity (noteable_type "MergeRequest"); diff notes add
  // `type`, `position`, `resolved`, `resolved_by`, which pass through.
  merge_request_notes: { key: ['/id'], examples: ['issue_notes.json'] },
  merge_request_approvals: {
    key: ['/project_id', '/merge_request_iid'],
    examples: [
      {
        documented: documented.mergeRequestApprovals,
        source: 'doc/api/merge_request_approvals.md and the approvals entities',
      },
    ],
    parentIds: ['project_id', 'merge_request_iid'],
  },
  environments: {
    key: ['/id'],
    examples: [{ documented: documented.environments, source: 'doc/api/environments.md § List all environments' }],
  },
};

/** The schema of each added field, before the nullability rule (`inferSchema`'s `extra`). */
export function addedFields(spec: StreamSpec): Record<string, JsonObject> {
  const fields: Record<string, JsonObject> = {};
  for (const id of spec.parentIds ?? []) fields[id] = { type: 'integer' };
  // Commit ids are SHAs; every other flattened object has an integer id.
  for (const object of spec.flatten ?? []) fields[`${object}_id`] = { type: object === 'commit' ? 'string' : 'integer' };
  return fields;
}
