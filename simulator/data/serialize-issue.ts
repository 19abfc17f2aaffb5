/**
 * @module The issue entity (`API::Entities::Issue`): the same object on the project, group and
 * instance lists, except `references.relative`, which GitLab renders relative to the list's
 * parent: `#7` in a project list, `api#7` (or the full path from another namespace) in a group
 * list, the full reference on `/issues` (project_issues.json, group_issues.json, issues.json).
 */
import { isoTime } from '../clock.js';
import type { Issue, Label } from './model.js';
import {
  apiUrl, isPremium, labelBasic, milestoneEntity, userBasic, type JsonObject, type SerializeContext,
} from './serialize.js';

export type ReferenceBase = { readonly kind: 'project' } | { readonly kind: 'group'; readonly groupId: number } | { readonly kind: 'instance' };

export interface IssueView {
  readonly relativeTo: ReferenceBase;
  /** `with_labels_details=true`: label objects instead of names. */
  readonly labelDetails?: boolean;
}

export function issueEntity(ctx: SerializeContext, issue: Issue, view: IssueView): JsonObject {
  const { db } = ctx;
  const project = db.projects.get(issue.projectId);
  if (!project) throw new Error(`Implementation error: issue ${issue.id} has no project ${issue.projectId}`);
  const fullPath = db.pathWithNamespace(project);
  const labels = issue.labelIds
    .map((id) => db.labels.get(id))
    .filter((l): l is Label => l !== undefined)
    // GitLab sorts an issue's labels by title.
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const tasks = taskCounts(issue.description);
  const assignees = issue.assigneeIds.map((id) => userBasic(ctx, id)).filter((u): u is JsonObject => u !== null);
  const self = `/projects/${issue.projectId}/issues/${issue.iid}`;
  const out: JsonObject = {
    id: issue.id,
    iid: issue.iid,
    project_id: issue.projectId,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    created_at: isoTime(issue.createdAt),
    updated_at: isoTime(issue.updatedAt),
    closed_at: issue.closedAt === null ? null : isoTime(issue.closedAt),
    closed_by: userBasic(ctx, issue.closedById),
    labels: view.labelDetails ? labels.map(labelBasic) : labels.map((l) => l.name),
    milestone: milestoneEntity(ctx, issue.milestoneId === null ? undefined : db.milestones.get(issue.milestoneId)),
    assignees,
    author: userBasic(ctx, issue.authorId),
    type: issue.issueType.toUpperCase(),
    assignee: assignees[0] ?? null,
    user_notes_count: issue.userNotesCount,
    merge_requests_count: issue.mergeRequestsCount,
    upvotes: issue.upvotes,
    downvotes: issue.downvotes,
    due_date: issue.dueDate,
    confidential: issue.confidential,
    discussion_locked: issue.discussionLocked,
    issue_type: issue.issueType,
    web_url: `${ctx.base}/${fullPath}/-/issues/${issue.iid}`,
    time_stats: {
      time_estimate: issue.timeEstimate,
      total_time_spent: issue.timeSpent,
      human_time_estimate: humanDuration(issue.timeEstimate),
      human_total_time_spent: humanDuration(issue.timeSpent),
    },
    task_completion_status: { count: tasks.count, completed_count: tasks.done },
  };
  if (isPremium(ctx.tier)) out['weight'] = issue.weight;
  out['has_tasks'] = tasks.count > 0;
  // GitLab sends `task_status` only when the description has a task list.
  if (tasks.count > 0) out['task_status'] = `${tasks.done} of ${tasks.count} checklist item${tasks.count === 1 ? '' : 's'} completed`;
  out['_links'] = {
    self: apiUrl(ctx, self),
    notes: apiUrl(ctx, `${self}/notes`),
    award_emoji: apiUrl(ctx, `${self}/award_emoji`),
    project: apiUrl(ctx, `/projects/${issue.projectId}`),
    closed_as_duplicate_of: null,
  };
  out['references'] = {
    short: `#${issue.iid}`,
    relative: `${relativeBase(ctx, project.id, fullPath, view.relativeTo)}#${issue.iid}`,
    full: `${fullPath}#${issue.iid}`,
  };
  out['severity'] = issue.severity;
  out['moved_to_id'] = null;
  out['service_desk_reply_to'] = null;
  out['imported'] = false;
  out['imported_from'] = 'none';
  if (isPremium(ctx.tier)) Object.assign(out, { ...epicOf(ctx, issue), iteration: null });
  if (ctx.tier === 'ultimate') out['health_status'] = null;
  return out;
}

/** `Project#to_reference_base`: nothing within the project, the path within its namespace, else the full path. */
function relativeBase(ctx: SerializeContext, projectId: number, fullPath: string, base: ReferenceBase): string {
  if (base.kind === 'project') return '';
  if (base.kind === 'instance') return fullPath;
  const project = ctx.db.projects.get(projectId);
  const sameNamespace = project?.namespace.kind === 'group' && project.namespace.id === base.groupId;
  return sameNamespace ? project.path : fullPath;
}

function taskCounts(description: string): { count: number; done: number } {
  const items = description.match(/^\s*[-*] \[[ xX]\]/gm) ?? [];
  return { count: items.length, done: items.filter((i) => /\[[xX]\]/.test(i)).length };
}

/** GitLab's human durations: 8-hour days, `1d 2h 30m`; null for zero. */
function humanDuration(seconds: number): string | null {
  if (seconds <= 0) return null;
  const minutes = Math.floor(seconds / 60);
  const parts: [number, string][] = [[Math.floor(minutes / 480), 'd'], [Math.floor((minutes % 480) / 60), 'h'], [minutes % 60, 'm']];
  return parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join(' ');
}

/** The epic an issue belongs to (Premium), as `epic_iid` and a small `epic` object; nulls when none. */
function epicOf(ctx: SerializeContext, issue: Issue): JsonObject {
  const link = ctx.db.epicIssues.all().find((l) => l.issueId === issue.id);
  const epic = link && ctx.db.epics.get(link.epicId);
  if (!epic || ctx.db.groupPlan(epic.groupId) === 'free') return { epic_iid: null, epic: null };
  const path = ctx.db.groupFullPath(epic.groupId);
  return {
    epic_iid: epic.iid,
    epic: {
      id: epic.id, iid: epic.iid, title: epic.title, url: `/groups/${path}/-/epics/${epic.iid}`, group_id: epic.groupId,
      human_readable_end_date: epic.dueDate, human_readable_timestamp: null,
    },
  };
}
