/**
 * @module The simulator's in-memory database: plain rows keyed by id, related by ids (as GitLab's
 * tables are), plus the few indexes the routes need. Rows hold facts, never JSON shapes; the
 * serializers in `serialize-*.ts` turn them into what the API sends. New resources (merge
 * requests, pipelines, ...) add a row type and a {@link Table} here.
 */
import type { Deployment, Environment, Job, Pipeline } from './model-ci.js';
import type { Repository } from './model-repo.js';
import type { Board, Epic, EpicIssue, GroupLabel, GroupMilestone, MergeRequest, Note } from './model-work.js';
import { issueRow, type Issue } from './model-issue.js';
import { Table } from './table.js';

export type { Issue } from './model-issue.js';

/** Epoch milliseconds. Serialized as Rails timestamps by `isoTime`. */
export type Millis = number;

export type Visibility = 'private' | 'internal' | 'public';

/** GitLab's access levels (doc/api/members.md). */
export const AccessLevel = {
  none: 0,
  guest: 10,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
} as const;

export interface User {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly state: 'active' | 'blocked';
  readonly hasAvatar: boolean;
  /** The user's personal namespace (ids share one space with groups, as in GitLab). */
  readonly namespaceId: number;
  readonly createdAt: Millis;
}

export interface Group {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly description: string;
  readonly parentId: number | null;
  readonly visibility: Visibility;
  readonly hasAvatar: boolean;
  readonly createdAt: Millis;
}

export interface ProjectStatistics {
  readonly commitCount: number;
  readonly repositorySize: number;
  readonly lfsSize: number;
  readonly artifactsSize: number;
}

export interface Project {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  /** A group, or a user's personal namespace. */
  readonly namespace: { readonly kind: 'group' | 'user'; readonly id: number };
  readonly description: string;
  readonly visibility: Visibility;
  archived: boolean;
  readonly createdAt: Millis;
  updatedAt: Millis;
  lastActivityAt: Millis;
  readonly creatorId: number;
  readonly defaultBranch: string;
  readonly topics: readonly string[];
  readonly starCount: number;
  readonly forksCount: number;
  /** A pull mirror: GitLab then exposes the `mirror_*` settings. */
  readonly mirror: boolean;
  readonly license: 'mit' | 'apache-2.0' | null;
  readonly statistics: ProjectStatistics;
  /** Groups this project is shared with (project_group_links). */
  readonly sharedWith: readonly { readonly groupId: number; readonly accessLevel: number }[];
}

export interface Membership {
  readonly id: number;
  readonly userId: number;
  readonly kind: 'group' | 'project';
  readonly targetId: number;
  readonly accessLevel: number;
  readonly createdAt: Millis;
}

export interface Label {
  readonly id: number;
  readonly projectId: number;
  readonly name: string;
  readonly color: string;
  readonly description: string | null;
}

export interface Milestone {
  readonly id: number;
  readonly iid: number;
  readonly projectId: number;
  readonly title: string;
  readonly description: string;
  readonly state: 'active' | 'closed';
  readonly startDate: string | null;
  readonly dueDate: string | null;
  readonly createdAt: Millis;
  readonly updatedAt: Millis;
}

/** Project features that can be switched off, as `*_access_level: disabled`. */
export type ProjectFeature = 'issues' | 'repository' | 'merge_requests' | 'builds';

export class Db {
  readonly users = new Table<User>();
  readonly groups = new Table<Group>();
  readonly projects = new Table<Project>();
  readonly memberships = new Table<Membership>();
  readonly labels = new Table<Label>();
  readonly milestones = new Table<Milestone>();
  readonly issues = new Table<Issue>();
  // Repositories, merge requests, CI and group-level planning (model-repo/-work/-ci.ts).
  readonly repositories = new Map<number, Repository>();
  readonly mergeRequests = new Table<MergeRequest>();
  readonly notes = new Table<Note>();
  readonly groupLabels = new Table<GroupLabel>();
  readonly groupMilestones = new Table<GroupMilestone>();
  readonly boards = new Table<Board>();
  readonly epics = new Table<Epic>();
  readonly epicIssues = new Table<EpicIssue>();
  readonly pipelines = new Table<Pipeline>();
  readonly jobs = new Table<Job>();
  readonly environments = new Table<Environment>();
  readonly deployments = new Table<Deployment>();
  /** Project features a project turned off (absent: every feature enabled). */
  readonly disabledFeatures = new Map<number, ReadonlySet<ProjectFeature>>();
  /** Fork → the project it was forked from. */
  readonly forkedFrom = new Map<number, number>();
  /** The plan of top-level groups (subgroups inherit it); absent means Free. */
  readonly groupPlans = new Map<number, 'free' | 'premium' | 'ultimate'>();
  /** Bumped on every change, so cached sort orders know when they are stale. */
  version = 0;
  private readonly issuesOfProject = new Map<number, Issue[]>();

  constructor(
    /** The user every valid token belongs to. */
    readonly currentUserId: number,
  ) {}

  /** Inserts a copy of `fields` as a canonical row (see {@link issueRow}). */
  addIssue(fields: Issue): Issue {
    const issue = this.issues.insert(issueRow(fields));
    const list = this.issuesOfProject.get(issue.projectId);
    if (list) list.push(issue);
    else this.issuesOfProject.set(issue.projectId, [issue]);
    this.version++;
    return issue;
  }

  projectIssues(projectId: number): readonly Issue[] {
    return this.issuesOfProject.get(projectId) ?? [];
  }

  /**
   * Whether a project feature is on. GitLab switches merge requests and CI/CD off with the
   * repository (a project without code has neither), so those follow `repository`.
   */
  featureEnabled(projectId: number, feature: ProjectFeature): boolean {
    const off = this.disabledFeatures.get(projectId);
    if (!off) return true;
    if (off.has(feature)) return false;
    return !((feature === 'merge_requests' || feature === 'builds') && off.has('repository'));
  }

  /** The plan of a group: its top-level ancestor's (namespaces are licensed at the top). */
  groupPlan(groupId: number): 'free' | 'premium' | 'ultimate' {
    const top = this.groupChain(groupId)[0];
    return (top && this.groupPlans.get(top.id)) ?? 'free';
  }

  /** Groups from the top-level ancestor down to `groupId` itself. */
  groupChain(groupId: number): Group[] {
    const chain: Group[] = [];
    for (let g = this.groups.get(groupId); g; g = g.parentId === null ? undefined : this.groups.get(g.parentId)) {
      chain.unshift(g);
    }
    return chain;
  }

  groupFullPath(groupId: number): string {
    return this.groupChain(groupId).map((g) => g.path).join('/');
  }

  groupFullName(groupId: number): string {
    return this.groupChain(groupId).map((g) => g.name).join(' / ');
  }

  /** `groupId` and every group below it, parents before children. */
  selfAndDescendants(groupId: number): Group[] {
    const out: Group[] = [];
    const visit = (id: number): void => {
      const g = this.groups.get(id);
      if (!g) return;
      out.push(g);
      for (const child of this.groups.all()) if (child.parentId === id) visit(child.id);
    };
    visit(groupId);
    return out;
  }

  /** The namespace's full path: a group's full path, or a user's username. */
  namespacePath(project: Project): string {
    if (project.namespace.kind === 'group') return this.groupFullPath(project.namespace.id);
    return this.namespaceOwner(project)?.username ?? '';
  }

  namespaceName(project: Project): string {
    if (project.namespace.kind === 'group') return this.groupFullName(project.namespace.id);
    return this.namespaceOwner(project)?.name ?? '';
  }

  /** The user whose personal namespace holds the project (undefined for group projects). */
  namespaceOwner(project: Project): User | undefined {
    if (project.namespace.kind !== 'user') return undefined;
    return this.users.all().find((u) => u.namespaceId === project.namespace.id);
  }

  pathWithNamespace(project: Project): string {
    return `${this.namespacePath(project)}/${project.path}`;
  }

  nameWithNamespace(project: Project): string {
    return `${this.namespaceName(project)} / ${project.name}`;
  }

  /** A group by numeric id or full path; paths match case-insensitively, as GitLab's routes do. */
  findGroup(ref: string): Group | undefined {
    if (/^\d+$/.test(ref)) return this.groups.get(Number(ref));
    const wanted = ref.toLowerCase();
    return this.groups.all().find((g) => this.groupFullPath(g.id).toLowerCase() === wanted);
  }

  findProject(ref: string): Project | undefined {
    if (/^\d+$/.test(ref)) return this.projects.get(Number(ref));
    const wanted = ref.toLowerCase();
    return this.projects.all().find((p) => this.pathWithNamespace(p).toLowerCase() === wanted);
  }
}
