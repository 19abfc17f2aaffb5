/**
 * Every object each endpoint serves carries at least the top-level fields of GitLab's documented
 * example for that endpoint (fixtures/gitlab-api-examples), with the same JSON types. A null in
 * the example matches anything; a null served stands for an empty value (an open issue's
 * `closed_at`), but wherever a value is served it must have the example's type. Keys GitLab sends
 * only under a condition the example happened to meet are listed, with the condition, in
 * CONDITIONAL; projects.test.ts checks that they do appear under that condition.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-helpers.js';

type Obj = Record<string, unknown>;

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'gitlab-api-examples');
const VISIBLE_PROJECTS = [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1011, 1012, 1013, 1014];

const ADMIN_ONLY = 'instance administrators only';
const MAINTAINER_ONLY = 'only for users who can administer the project (Maintainer and up)';
const MIRROR_ONLY = 'only on pull-mirror projects';
const TASKS_ONLY = 'only when the description has a task list';
const ISSUES_ON_ONLY = 'only where the issues feature is on (1012 has it off)';

const CONDITIONAL: Record<string, Record<string, string>> = {
  'groups.json': { repository_storage: ADMIN_ONLY },
  'group_subgroups.json': { repository_storage: ADMIN_ONLY },
  'projects.json': { import_error: MAINTAINER_ONLY, open_issues_count: ISSUES_ON_ONLY },
  'group_projects.json': { open_issues_count: ISSUES_ON_ONLY },
  'project_single.json': {
    owner: 'only on projects in a personal namespace',
    runners_token: MAINTAINER_ONLY,
    import_error: MAINTAINER_ONLY,
    open_issues_count: ISSUES_ON_ONLY,
    statistics: 'only with statistics=true, for Reporters and up (not on a public project the user is not in)',
    repository_storage: ADMIN_ONLY,
    mirror_user_id: MIRROR_ONLY,
    mirror_trigger_builds: MIRROR_ONLY,
    only_mirror_protected_branches: MIRROR_ONLY,
    mirror_overwrites_diverged_branches: MIRROR_ONLY,
    printing_merge_requests_link_enabled: 'a typo in the doc example: the field is printing_merge_request_link_enabled',
  },
  'project_issues.json': { task_status: TASKS_ONLY },
  'group_issues.json': { task_status: TASKS_ONLY },
  'issues.json': { task_status: TASKS_ONLY },
  'members.json': { group_saml_identity: 'only for group owners, on groups with SAML SSO' },
};

/**
 * Type differences that are quirks of a doc example, not of the API: the epics example has
 * `"confidential": "false"`, a string, where the API sends a boolean (fixtures README).
 */
const TYPE_QUIRKS: Record<string, Record<string, string>> = { 'epics.json': { confidential: 'boolean' } };

/** Documented examples not in fixtures/gitlab-api-examples: the top-level keys and types of each. */
const INLINE_EXAMPLES: Record<string, Obj> = {
  // doc/api/environments.md § List environments
  'environments (inline)': {
    id: 1, name: 'review/fix-foo', slug: 'review-fix-foo-dfjre3', external_url: 'https://review-fix-foo-dfjre3.gitlab.example.com',
    state: 'available', tier: 'development', created_at: '2019-05-25T18:55:13.252Z', updated_at: '2019-05-27T18:55:13.252Z',
  },
  // doc/api/merge_request_approvals.md § Get approval state for a merge request (Free)
  'merge_request_approvals (inline)': {
    id: 5, iid: 5, project_id: 1, title: 'Approvals API', description: 'Test', state: 'opened',
    created_at: '2016-06-08T00:19:52.638Z', updated_at: '2016-06-09T21:32:14.105Z', merge_status: 'can_be_merged',
    approved: true, approvals_required: 2, approvals_left: 1, approved_by: [],
  },
};

type Paths = string[] | ((h: Harness) => string[]);
const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i + 1));
const pipelineIds = (h: Harness, project: number): number[] => h.sim.served('pipelines', { project_id: project }).map((p) => Number(p['id']));

const ENDPOINTS: [fixture: string, paths: Paths][] = [
  ['groups.json', ['/api/v4/groups?all_available=true']],
  ['group_subgroups.json', ['/api/v4/groups/11/subgroups', '/api/v4/groups/12/subgroups']],
  ['group_descendant_groups.json', ['/api/v4/groups/11/descendant_groups']],
  ['group_projects.json', ['/api/v4/groups/11/projects?include_subgroups=true', '/api/v4/groups/14/projects']],
  ['projects.json', ['/api/v4/projects']],
  ['projects_simple.json', ['/api/v4/projects?simple=true']],
  ['project_single.json', VISIBLE_PROJECTS.map((id) => `/api/v4/projects/${id}?statistics=true&license=true`)],
  ['project_issues.json', VISIBLE_PROJECTS.filter((id) => id !== 1012).map((id) => `/api/v4/projects/${id}/issues`)],
  ['group_issues.json', ['/api/v4/groups/11/issues', '/api/v4/groups/14/issues?non_archived=false']],
  ['issues.json', ['/api/v4/issues?scope=all']],
  ['user_single.json', ['/api/v4/users/101', '/api/v4/users/106']],
  ['branches.json', ['/api/v4/projects/1003/repository/branches', '/api/v4/projects/1011/repository/branches']],
  ['commits.json', ['/api/v4/projects/1001/repository/commits', '/api/v4/projects/1011/repository/commits?all=true']],
  ['tags.json', ['/api/v4/projects/1001/repository/tags', '/api/v4/projects/1003/repository/tags']],
  ['releases.json', ['/api/v4/projects/1001/releases', '/api/v4/projects/1003/releases']],
  ['project_merge_requests.json', ['/api/v4/projects/1003/merge_requests', '/api/v4/groups/11/merge_requests?non_archived=false']],
  ['merge_request_commits.json', range(6, (i) => `/api/v4/projects/1003/merge_requests/${i}/commits`)],
  ['issue_notes.json', [...range(8, (i) => `/api/v4/projects/1003/issues/${i}/notes`), ...range(8, (i) => `/api/v4/projects/1003/merge_requests/${i}/notes`)]],
  ['merge_request_approvals (inline)', range(5, (i) => `/api/v4/projects/1003/merge_requests/${i}/approvals`)],
  ['pipelines.json', ['/api/v4/projects/1003/pipelines', '/api/v4/projects/1003/pipelines?source=parent_pipeline']],
  ['pipeline_single.json', (h) => pipelineIds(h, 1003).slice(0, 8).map((id) => `/api/v4/projects/1003/pipelines/${id}`)],
  ['pipeline_jobs.json', (h) => pipelineIds(h, 1003).slice(0, 8).map((id) => `/api/v4/projects/1003/pipelines/${id}/jobs?include_retried=true`)],
  ['deployments.json', ['/api/v4/projects/1003/deployments', '/api/v4/projects/1001/deployments']],
  ['environments (inline)', ['/api/v4/projects/1003/environments', '/api/v4/projects/1001/environments']],
  ['project_milestones.json', ['/api/v4/projects/1001/milestones', '/api/v4/projects/1003/milestones']],
  ['group_milestones.json', ['/api/v4/groups/11/milestones', '/api/v4/groups/14/milestones']],
  ['project_labels.json', ['/api/v4/projects/1005/labels?with_counts=true']],
  ['group_labels.json', ['/api/v4/groups/11/labels?with_counts=true', '/api/v4/groups/14/labels?with_counts=true']],
  ['members.json', ['/api/v4/projects/1001/members', '/api/v4/groups/11/members', '/api/v4/groups/14/members']],
  ['users.json', ['/api/v4/projects/1003/users', '/api/v4/projects/1007/users']],
  ['group_boards.json', ['/api/v4/groups/11/boards', '/api/v4/groups/14/boards']],
  ['epics.json', ['/api/v4/groups/11/epics']],
  ['epic_issues.json', [...range(4, (i) => `/api/v4/groups/11/epics/${i}/issues`), ...range(3, (i) => `/api/v4/groups/12/epics/${i}/issues`)]],
];

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function example(fixture: string): Obj {
  const inline = INLINE_EXAMPLES[fixture];
  if (inline) return inline;
  const parsed = JSON.parse(readFileSync(resolve(FIXTURES, fixture), 'utf8')) as Obj | Obj[];
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!first) throw new Error(`${fixture} has no example`);
  return first;
}

/** What differs between `served` and the example, as readable lines (empty when faithful). */
function differences(reference: Obj, served: Obj, conditional: Record<string, string>, quirks: Record<string, string> = {}): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(reference)) {
    if (!(key in served)) {
      if (!(key in conditional)) out.push(`missing ${key}`);
      continue;
    }
    const [want, got] = [quirks[key] ?? jsonType(value), jsonType(served[key])];
    if (want !== 'null' && got !== 'null' && want !== got) out.push(`${key}: ${got} where the example has ${want}`);
  }
  return out;
}

/** Every `*_at` timestamp, at any depth, as Rails sends it: UTC with 3 decimals. */
function badTimestamps(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badTimestamps(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  // Git times (a commit's `created_at`, an annotated tag's date) keep their own offset (gitlab-api.md §6).
  const gitObject = 'committed_date' in value || 'target' in value;
  const pattern = gitObject ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  return Object.entries(value).flatMap(([k, v]) => {
    if (k.endsWith('_at') && typeof v === 'string' && !pattern.test(v)) return [`${path}.${k}=${v}`];
    return badTimestamps(v, `${path}.${k}`);
  });
}

describe('fidelity to GitLab\'s documented examples', () => {
  let h: Harness;
  const served = new Map<string, Obj[]>();
  beforeAll(async () => {
    h = await startHarness();
    for (const [fixture, listed] of ENDPOINTS) {
      const objects: Obj[] = [];
      for (const path of typeof listed === 'function' ? listed(h) : listed) {
        const single = fixture.endsWith('_single.json') || path.endsWith('/approvals');
        objects.push(...(single ? [await h.getJson<Obj>(path)] : await h.getAll(`${path}${path.includes('?') ? '&' : '?'}per_page=100`)));
      }
      served.set(fixture, objects);
    }
  });
  afterAll(() => h.sim.close());

  for (const [fixture, paths] of ENDPOINTS) {
    const from = typeof paths === 'function' ? 'a list computed from the seeded data' : paths[0]?.replace(/\?.*/, '');
    it(`serves every field of ${fixture} with its type from ${from}`, () => {
      const objects = served.get(fixture) ?? [];
      expect(objects.length).toBeGreaterThan(0);
      const reference = example(fixture);
      const problems = new Set(objects.flatMap((o) => differences(reference, o, CONDITIONAL[fixture] ?? {}, TYPE_QUIRKS[fixture])));
      expect([...problems]).toEqual([]);
    });
  }

  it('sends every timestamp with milliseconds and Z', () => {
    const bad = [...served.values()].flat().flatMap((o) => badTimestamps(o));
    expect(bad).toEqual([]);
  });

  it('lists only conditional keys that the examples really have', () => {
    for (const [fixture, keys] of Object.entries(CONDITIONAL)) {
      for (const key of Object.keys(keys)) expect(example(fixture), `${fixture} ${key}`).toHaveProperty(key);
    }
  });
});
