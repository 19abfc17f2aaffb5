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
const VISIBLE_PROJECTS = [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009];

const ADMIN_ONLY = 'instance administrators only';
const MAINTAINER_ONLY = 'only for users who can administer the project (Maintainer and up)';
const MIRROR_ONLY = 'only on pull-mirror projects';
const TASKS_ONLY = 'only when the description has a task list';

const CONDITIONAL: Record<string, Record<string, string>> = {
  'groups.json': { repository_storage: ADMIN_ONLY },
  'group_subgroups.json': { repository_storage: ADMIN_ONLY },
  'projects.json': { import_error: MAINTAINER_ONLY },
  'project_single.json': {
    owner: 'only on projects in a personal namespace',
    runners_token: MAINTAINER_ONLY,
    import_error: MAINTAINER_ONLY,
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
};

const ENDPOINTS: [fixture: string, paths: string[]][] = [
  ['groups.json', ['/api/v4/groups?all_available=true']],
  ['group_subgroups.json', ['/api/v4/groups/11/subgroups', '/api/v4/groups/12/subgroups']],
  ['group_descendant_groups.json', ['/api/v4/groups/11/descendant_groups']],
  ['group_projects.json', ['/api/v4/groups/11/projects?include_subgroups=true', '/api/v4/groups/14/projects']],
  ['projects.json', ['/api/v4/projects']],
  ['projects_simple.json', ['/api/v4/projects?simple=true']],
  ['project_single.json', VISIBLE_PROJECTS.map((id) => `/api/v4/projects/${id}?statistics=true&license=true`)],
  ['project_issues.json', VISIBLE_PROJECTS.map((id) => `/api/v4/projects/${id}/issues`)],
  ['group_issues.json', ['/api/v4/groups/11/issues', '/api/v4/groups/14/issues?non_archived=false']],
  ['issues.json', ['/api/v4/issues?scope=all']],
  ['user_single.json', ['/api/v4/users/101', '/api/v4/users/106']],
];

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function example(fixture: string): Obj {
  const parsed = JSON.parse(readFileSync(resolve(FIXTURES, fixture), 'utf8')) as Obj | Obj[];
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!first) throw new Error(`${fixture} has no example`);
  return first;
}

/** What differs between `served` and the example, as readable lines (empty when faithful). */
function differences(reference: Obj, served: Obj, conditional: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(reference)) {
    if (!(key in served)) {
      if (!(key in conditional)) out.push(`missing ${key}`);
      continue;
    }
    const [want, got] = [jsonType(value), jsonType(served[key])];
    if (want !== 'null' && got !== 'null' && want !== got) out.push(`${key}: ${got} where the example has ${want}`);
  }
  return out;
}

/** Every `*_at` timestamp, at any depth, as Rails sends it: UTC with 3 decimals. */
function badTimestamps(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badTimestamps(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    if (k.endsWith('_at') && typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v)) return [`${path}.${k}=${v}`];
    return badTimestamps(v, `${path}.${k}`);
  });
}

describe('fidelity to GitLab\'s documented examples', () => {
  let h: Harness;
  const served = new Map<string, Obj[]>();
  beforeAll(async () => {
    h = await startHarness();
    for (const [fixture, paths] of ENDPOINTS) {
      const objects: Obj[] = [];
      for (const path of paths) {
        const single = fixture.endsWith('_single.json');
        objects.push(...(single ? [await h.getJson<Obj>(path)] : await h.getAll(`${path}${path.includes('?') ? '&' : '?'}per_page=100`)));
      }
      served.set(fixture, objects);
    }
  });
  afterAll(() => h.sim.close());

  for (const [fixture, paths] of ENDPOINTS) {
    it(`serves every field of ${fixture} with its type from ${paths[0]?.replace(/\?.*/, '')}`, () => {
      const objects = served.get(fixture) ?? [];
      expect(objects.length).toBeGreaterThan(0);
      const reference = example(fixture);
      const problems = new Set(objects.flatMap((o) => differences(reference, o, CONDITIONAL[fixture] ?? {})));
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
