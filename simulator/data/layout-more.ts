/**
 * @module The fixed shape of the world beyond groups, projects and issues: four more projects
 * (a fork, and one each with issues, the repository or CI/CD switched off), group plans,
 * direct project memberships, and how much of each resource every project gets. Like
 * `layout.ts`, ids are fixed and tests name them; the seed only decides contents.
 */
import { AccessLevel } from './model.js';
import type { MembershipSpec, ProjectSpec } from './layout.js';
import type { ProjectFeature } from './model.js';

/** A fork of 1003 `acme/platform/api`: its history shares 1003's commit shas. */
export const FORK_PROJECT_ID = 1011;
export const ISSUES_DISABLED_PROJECT_ID = 1012;
/** Repository off: so are merge requests and CI/CD (branches, commits, tags, releases, pipelines...: 403). */
export const REPOSITORY_DISABLED_PROJECT_ID = 1013;
/** CI/CD off (`builds_access_level: disabled`): pipelines, jobs, deployments, environments: 403. */
export const CI_DISABLED_PROJECT_ID = 1014;
/** Acme (and so its subgroups) is on Premium: epics are served there; other groups are Free (403). */
export const PREMIUM_GROUP_ID = 11;

export interface MoreProjectSpec extends ProjectSpec {
  readonly forkOf?: number;
  readonly disabled?: readonly ProjectFeature[];
}

/** Seeded after everything in `layout.ts`, so the earlier seeded contents do not change. */
export const MORE_PROJECTS: readonly MoreProjectSpec[] = [
  { id: 1011, name: 'API (fork)', path: 'api-fork', namespace: { kind: 'group', id: 13 }, visibility: 'private', description: 'Infra fork of the platform API', issues: 0, milestones: 0, forkOf: 1003 },
  { id: 1012, name: 'Ansible', path: 'ansible', namespace: { kind: 'group', id: 13 }, visibility: 'private', description: 'Playbooks; issues are tracked elsewhere', issues: 0, milestones: 0, disabled: ['issues'] },
  { id: 1013, name: 'Design Docs', path: 'design-docs', namespace: { kind: 'group', id: 13 }, visibility: 'private', description: 'Wiki only, no repository', issues: 0, milestones: 0, disabled: ['repository'] },
  { id: 1014, name: 'Status Page', path: 'status-page', namespace: { kind: 'group', id: 13 }, visibility: 'private', description: 'Static site without CI/CD', issues: 0, milestones: 1, disabled: ['builds'] },
];

export const GROUP_PLANS: Readonly<Record<number, 'premium' | 'ultimate'>> = { [PREMIUM_GROUP_ID]: 'premium' };

/** Direct project members besides those in `layout.ts` (never the token's user: its access stays as it was). */
export const MORE_MEMBERSHIPS: readonly MembershipSpec[] = [
  { userId: 103, kind: 'project', targetId: 1001, accessLevel: AccessLevel.maintainer },
  { userId: 105, kind: 'project', targetId: 1001, accessLevel: AccessLevel.developer },
  { userId: 102, kind: 'project', targetId: 1003, accessLevel: AccessLevel.maintainer },
  { userId: 104, kind: 'project', targetId: 1003, accessLevel: AccessLevel.developer },
  { userId: 105, kind: 'project', targetId: 1003, accessLevel: AccessLevel.reporter },
  { userId: 103, kind: 'project', targetId: 1006, accessLevel: AccessLevel.developer },
  { userId: 104, kind: 'project', targetId: 1011, accessLevel: AccessLevel.developer },
  { userId: 105, kind: 'group', targetId: 12, accessLevel: AccessLevel.reporter },
];

/** How much of each resource a project gets; the big project spans pages. */
export interface RepoSpec {
  readonly commits: number;
  readonly mergeRequests: number;
  readonly pipelines: number;
  readonly tags: number;
}

export const REPO_SPECS: Readonly<Record<number, RepoSpec>> = {
  1001: { commits: 24, mergeRequests: 5, pipelines: 6, tags: 3 },
  1002: { commits: 9, mergeRequests: 2, pipelines: 2, tags: 1 },
  1003: { commits: 230, mergeRequests: 90, pipelines: 30, tags: 5 },
  1004: { commits: 18, mergeRequests: 4, pipelines: 4, tags: 2 },
  1005: { commits: 12, mergeRequests: 3, pipelines: 3, tags: 0 },
  1006: { commits: 15, mergeRequests: 3, pipelines: 4, tags: 2 },
  1007: { commits: 20, mergeRequests: 3, pipelines: 3, tags: 2 },
  1008: { commits: 7, mergeRequests: 2, pipelines: 2, tags: 0 },
  1009: { commits: 10, mergeRequests: 2, pipelines: 2, tags: 1 },
  1010: { commits: 5, mergeRequests: 1, pipelines: 1, tags: 0 },
  1012: { commits: 8, mergeRequests: 2, pipelines: 2, tags: 1 },
  1014: { commits: 6, mergeRequests: 1, pipelines: 0, tags: 1 },
};

/** The fork's own commits on top of the part of 1003's history it was forked with. */
export const FORK_SPEC = { sharedCommits: 200, ownCommits: 3, mergeRequests: 1, pipelines: 2 } as const;

export const BRANCH_WORDS = ['fix-login', 'feature/dark-mode', 'refactor-api', 'docs/readme', 'perf/cache', 'ci/speedup', 'ünïcode-names', 'hotfix/1.2'];
export const JOB_STAGES: readonly { stage: string; names: readonly string[] }[] = [
  { stage: 'build', names: ['compile', 'docker-image'] },
  { stage: 'test', names: ['rspec', 'jest', 'lint'] },
  { stage: 'deploy', names: ['deploy-staging'] },
];
export const RUNNERS = [
  { id: 7, description: 'shared-runner-1', runnerType: 'instance_type', isShared: true },
  { id: 8, description: 'acme-docker', runnerType: 'group_type', isShared: false },
] as const;
