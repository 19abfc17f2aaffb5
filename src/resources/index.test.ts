/**
 * The resource list tested as data, as Airbyte tests its manifest: every path placeholder is
 * supplied by the parent, every key field is required by the schema, and the catalog is the one
 * docs/streams.md describes.
 */
import { describe, expect, it } from 'vitest';
import { pathPlaceholders } from '../engine/path.js';
import { syncModes, type Context, type Resource } from '../engine/types.js';
import { createResources, resolveRoots } from './index.js';

const resources = createResources({ includeArchived: false, commitsAllBranches: true });
const byName = new Map(resources.map((r) => [r.name, r]));

/** A document with every id a context function might read. */
const sampleDoc = { id: 1, iid: 2, project_id: 3, group_id: 4, full_path: 'g' };

function contextKeys(from: string): string[] {
  if (from.startsWith('root:')) {
    const configured = resolveRoots({ groups: ['g'], projects: ['p'] });
    const membership = resolveRoots({ groups: [], projects: [] });
    return Object.keys((configured[from] ?? [])[0] ?? (membership[from] ?? [])[0] ?? {});
  }
  const parent = byName.get(from);
  if (!parent?.context) return [];
  return Object.keys(parent.context(sampleDoc, { group_id: 'g' } as Context));
}

describe('resources', () => {
  it('are the 27 streams of docs/streams.md, in its order', () => {
    expect(resources.map((r) => r.name)).toEqual([
      'groups', 'projects', 'branches', 'commits', 'issues', 'merge_requests', 'merge_request_commits', 'pipelines',
      'pipelines_extended', 'jobs', 'deployments', 'releases', 'tags', 'project_milestones', 'group_milestones',
      'project_members', 'group_members', 'project_labels', 'group_labels', 'group_issue_boards', 'epics',
      'epic_issues', 'users', 'issue_notes', 'merge_request_notes', 'merge_request_approvals', 'environments',
    ]);
  });

  it.each(resources.map((r) => [r.name, r] as const))('%s: every path placeholder comes from its parent', (_, r: Resource) => {
    for (const s of r.sources) {
      const available = contextKeys(s.from);
      for (const p of pathPlaceholders(s.path)) expect(available, `${r.name} ${s.path} needs :${p} from ${s.from}`).toContain(p);
    }
  });

  it.each(resources.map((r) => [r.name, r] as const))('%s: key fields are required by its schema', (_, r: Resource) => {
    const required = (r.schema['required'] ?? []) as string[];
    for (const pointer of r.key) expect(required).toContain(pointer.slice(1).split('/')[0]);
  });

  it('children of changed parents read from an incremental parent, and only they are inline', () => {
    for (const r of resources.filter((x) => x.changedParentsOnly)) {
      for (const s of r.sources) expect(byName.get(s.from)?.incremental, `${r.name} reads from ${s.from}`).toBeDefined();
    }
  });

  it('modes follow docs/streams.md', () => {
    const modes = Object.fromEntries(resources.map((r) => [r.name, syncModes(r).join('+')]));
    expect(modes['issues']).toBe('incremental+full_refresh');
    expect(modes['commits']).toBe('incremental+full_refresh');
    expect(modes['issue_notes']).toBe('incremental');
    expect(modes['merge_request_approvals']).toBe('incremental');
    expect(modes['branches']).toBe('full_refresh');
    expect(modes['jobs']).toBe('incremental+full_refresh');
  });

  it('options reach the requests: archived projects left out, commits of all branches', () => {
    const projects = byName.get('projects');
    expect(projects?.sources.find((s) => s.path === '/groups/:group_id/projects')?.params).toMatchObject({ archived: 'false', with_shared: 'false', include_subgroups: 'true' });
    expect(byName.get('issues')?.sources[0]?.params).toMatchObject({ non_archived: 'true' });
    expect(byName.get('commits')?.sources[0]?.params).toMatchObject({ all: 'true', with_stats: 'true' });
  });
});
