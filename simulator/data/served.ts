/**
 * @module What the API serves for each stream, straight from the rows (not through the routes),
 * so end-to-end tests compare a capture with the simulator's own data. One function per stream
 * name of docs/streams.md; the parent ids are the path parameters of the stream's endpoint. A
 * child id left out (`merge_request_iid`, `pipeline_id`, ...) means every parent of that project
 * or group. A parent whose feature is off serves nothing (its endpoint answers 403).
 */
import { AccessLevel } from './model.js';
import { projectAccess } from './access.js';
import { deploymentEntity, environmentEntity, jobEntity, pipelineDetail, pipelineEntity } from './serialize-ci.js';
import { approvalsEntity, mergeRequestEntity, noteEntity } from './serialize-mr.js';
import { boardEntity, epicEntity, epicIssueEntity, groupMilestoneEntity, labelEntity, memberEntity } from './serialize-planning.js';
import { branchEntity, commitEntity, releaseEntity, tagEntity } from './serialize-repo.js';
import { milestoneEntity, userBasic, type JsonObject, type SerializeContext } from './serialize.js';
import type { Db, Project, ProjectFeature } from './model.js';

export interface ServedParent {
  readonly project_id?: number;
  readonly group_id?: number;
  readonly merge_request_iid?: number;
  readonly issue_iid?: number;
  readonly pipeline_id?: number;
  readonly epic_iid?: number;
}

type Served = (ctx: SerializeContext, parent: ServedParent) => JsonObject[];

function projectOf(db: Db, parent: ServedParent, feature?: ProjectFeature): Project | undefined {
  const p = parent.project_id === undefined ? undefined : db.projects.get(parent.project_id);
  if (!p) throw new Error(`served: no project ${String(parent.project_id)}`);
  return feature && !db.featureEnabled(p.id, feature) ? undefined : p;
}

function groupIdOf(db: Db, parent: ServedParent): number {
  if (parent.group_id === undefined || !db.groups.get(parent.group_id)) throw new Error(`served: no group ${String(parent.group_id)}`);
  return parent.group_id;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function repoStream(render: (ctx: SerializeContext, p: Project) => JsonObject[]): Served {
  return (ctx, parent) => {
    const p = projectOf(ctx.db, parent, 'repository');
    return p ? render(ctx, p) : [];
  };
}

function mrsOf(ctx: SerializeContext, parent: ServedParent) {
  const p = projectOf(ctx.db, parent, 'merge_requests');
  if (!p) return [];
  return ctx.db.mergeRequests.all().filter((m) => m.projectId === p.id && (parent.merge_request_iid === undefined || m.iid === parent.merge_request_iid));
}

function pipelinesOf(ctx: SerializeContext, parent: ServedParent) {
  const p = projectOf(ctx.db, parent, 'builds');
  if (!p) return [];
  return ctx.db.pipelines.all().filter((x) => x.projectId === p.id && (parent.pipeline_id === undefined || x.id === parent.pipeline_id));
}

export const SERVED: Readonly<Record<string, Served>> = {
  branches: repoStream((ctx, p) => {
    const repo = ctx.db.repositories.get(p.id);
    return repo ? [...repo.branches].sort(byName).map((b) => branchEntity(ctx, p, repo, b)) : [];
  }),
  commits: repoStream((ctx, p) => {
    const repo = ctx.db.repositories.get(p.id);
    return repo ? repo.reachable([repo.branch(p.defaultBranch)?.headSha ?? '']).map((c) => commitEntity(ctx, p, c, { stats: true })) : [];
  }),
  tags: repoStream((ctx, p) => {
    const repo = ctx.db.repositories.get(p.id);
    return repo ? [...repo.tags].sort(byName).map((t) => tagEntity(ctx, p, repo, t)) : [];
  }),
  releases: repoStream((ctx, p) => {
    const repo = ctx.db.repositories.get(p.id);
    return repo ? repo.releases.map((r) => releaseEntity(ctx, p, repo, r)) : [];
  }),
  merge_requests: (ctx, parent) => mrsOf(ctx, parent).map((m) => mergeRequestEntity(ctx, m, { relativeTo: { kind: 'project' } })),
  merge_request_commits: (ctx, parent) => mrsOf(ctx, parent).flatMap((m) => {
    const project = ctx.db.projects.get(m.projectId) as Project;
    const repo = ctx.db.repositories.get(m.projectId);
    return [...m.commitShas].reverse().flatMap((sha) => {
      const c = repo?.commits.get(sha);
      return c ? [{ ...commitEntity(ctx, project, c), merge_request_iid: m.iid }] : [];
    });
  }),
  merge_request_notes: (ctx, parent) => {
    const ids = new Set(mrsOf(ctx, parent).map((m) => m.id));
    return ctx.db.notes.all().filter((n) => n.noteableType === 'MergeRequest' && ids.has(n.noteableId)).map((n) => noteEntity(ctx, n));
  },
  merge_request_approvals: (ctx, parent) => mrsOf(ctx, parent).map((m) => approvalsEntity(ctx, m)),
  issue_notes: (ctx, parent) => {
    const p = projectOf(ctx.db, parent, 'issues');
    if (!p) return [];
    const ids = new Set(ctx.db.projectIssues(p.id).filter((i) => parent.issue_iid === undefined || i.iid === parent.issue_iid).map((i) => i.id));
    return ctx.db.notes.all().filter((n) => n.noteableType === 'Issue' && ids.has(n.noteableId)).map((n) => noteEntity(ctx, n));
  },
  pipelines: (ctx, parent) => pipelinesOf(ctx, parent).map((p) => pipelineEntity(ctx, p)),
  pipelines_extended: (ctx, parent) => pipelinesOf(ctx, parent).map((p) => pipelineDetail(ctx, p)),
  jobs: (ctx, parent) => {
    const ids = new Set(pipelinesOf(ctx, parent).map((p) => p.id));
    return ctx.db.jobs.all().filter((j) => ids.has(j.pipelineId)).map((j) => jobEntity(ctx, j));
  },
  deployments: (ctx, parent) => {
    const p = projectOf(ctx.db, parent, 'builds');
    return p ? ctx.db.deployments.all().filter((d) => d.projectId === p.id).map((d) => deploymentEntity(ctx, d)) : [];
  },
  environments: (ctx, parent) => {
    const p = projectOf(ctx.db, parent, 'builds');
    return p ? ctx.db.environments.all().filter((e) => e.projectId === p.id).map((e) => environmentEntity(ctx, e)) : [];
  },
  project_milestones: (ctx, parent) => {
    const p = projectOf(ctx.db, parent) as Project;
    return ctx.db.milestones.all().filter((m) => m.projectId === p.id).map((m) => milestoneEntity(ctx, m) as JsonObject);
  },
  project_members: (ctx, parent) => {
    const p = projectOf(ctx.db, parent) as Project;
    return ctx.db.memberships.all().filter((m) => m.kind === 'project' && m.targetId === p.id).map((m) => memberEntity(ctx, m));
  },
  project_labels: (ctx, parent) => {
    const p = projectOf(ctx.db, parent) as Project;
    const chain = p.namespace.kind === 'group' ? ctx.db.groupChain(p.namespace.id).map((g) => g.id) : [];
    const own = ctx.db.labels.all().filter((l) => l.projectId === p.id).map((l) => labelEntity(ctx, l, { projectId: p.id }));
    const inherited = ctx.db.groupLabels.all().filter((l) => chain.includes(l.groupId)).map((l) => labelEntity(ctx, l, { projectId: p.id }));
    return [...own, ...inherited];
  },
  users: (ctx, parent) => {
    const p = projectOf(ctx.db, parent) as Project;
    return ctx.db.users.all().filter((u) => projectAccess(ctx.db, u.id, p) > AccessLevel.none).map((u) => userBasic(ctx, u.id) as JsonObject);
  },
  group_milestones: (ctx, parent) => {
    const g = groupIdOf(ctx.db, parent);
    return ctx.db.groupMilestones.all().filter((m) => m.groupId === g).map((m) => groupMilestoneEntity(ctx, m));
  },
  group_members: (ctx, parent) => {
    const g = groupIdOf(ctx.db, parent);
    return ctx.db.memberships.all().filter((m) => m.kind === 'group' && m.targetId === g).map((m) => memberEntity(ctx, m));
  },
  group_labels: (ctx, parent) => {
    const chain = ctx.db.groupChain(groupIdOf(ctx.db, parent)).map((g) => g.id);
    return ctx.db.groupLabels.all().filter((l) => chain.includes(l.groupId)).map((l) => labelEntity(ctx, l, {}));
  },
  group_issue_boards: (ctx, parent) => {
    const g = groupIdOf(ctx.db, parent);
    return ctx.db.boards.all().filter((b) => b.groupId === g).map((b) => boardEntity(ctx, b));
  },
  epics: (ctx, parent) => {
    const g = groupIdOf(ctx.db, parent);
    if (ctx.tier === 'free' || ctx.db.groupPlan(g) === 'free') return [];
    return ctx.db.epics.all().filter((e) => e.groupId === g).map((e) => epicEntity(ctx, e));
  },
  epic_issues: (ctx, parent) => {
    const g = groupIdOf(ctx.db, parent);
    if (ctx.tier === 'free' || ctx.db.groupPlan(g) === 'free') return [];
    const epics = new Set(ctx.db.epics.all().filter((e) => e.groupId === g && (parent.epic_iid === undefined || e.iid === parent.epic_iid)).map((e) => e.id));
    return ctx.db.epicIssues.all().filter((l) => epics.has(l.epicId)).map((l) => epicIssueEntity(ctx, l));
  },
};

export function served(ctx: SerializeContext, stream: string, parent: ServedParent): JsonObject[] {
  const fn = SERVED[stream];
  if (!fn) throw new Error(`served: unknown stream ${stream} (known: ${Object.keys(SERVED).join(', ')})`);
  return fn(ctx, parent);
}
