/**
 * @module The GitLab resources, as one typed list of declarative entries read by the engine,
 * in the order of docs/streams.md (the first 23 names are today's capture's).
 */
import type { Resource } from '../engine/types.js';
import { commits, deployments, epicIssues, epics } from './activity.js';
import { groupIssueBoards, groupLabels, groupMembers, groupMilestones, groups } from './groups.js';
import { issueNotes, issues } from './issues.js';
import { mergeRequestApprovals, mergeRequestCommits, mergeRequestNotes, mergeRequests } from './merge-requests.js';
import { jobs, pipelines, pipelinesExtended } from './pipelines.js';
import {
  branches,
  environments,
  projectLabels,
  projectMembers,
  projectMilestones,
  projects,
  releases,
  tags,
  users,
} from './projects.js';
import { defaultResourceOptions, type ResourceOptions } from './shared.js';

export { resolveRoots, usesMembership, type Selection } from './roots.js';
export { defaultResourceOptions, type ResourceOptions } from './shared.js';

export function createResources(options: ResourceOptions = defaultResourceOptions): readonly Resource[] {
  return [
    groups,
    projects(options),
    branches,
    commits(options),
    issues(options),
    mergeRequests(options),
    mergeRequestCommits,
    pipelines,
    pipelinesExtended,
    jobs,
    deployments,
    releases,
    tags,
    projectMilestones,
    groupMilestones,
    projectMembers,
    groupMembers,
    projectLabels,
    groupLabels,
    groupIssueBoards,
    epics,
    epicIssues,
    users,
    issueNotes,
    mergeRequestNotes,
    mergeRequestApprovals,
    environments,
  ];
}

/** The resources with default options: for names, keys and schemas (spec, discover). */
export const resources: readonly Resource[] = createResources();
