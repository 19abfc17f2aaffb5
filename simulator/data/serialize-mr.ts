/**
 * @module Merge request entities (`project_merge_requests.json`; the group list adds `group_id`,
 * gitlab-api.md §5.6), notes (`issue_notes.json`, the same entity for merge requests) and the
 * approval state of one merge request (doc/api/merge_request_approvals.md, a single object).
 */
import { isoTime } from '../clock.js';
import type { Note } from './model-work.js';
import type { MergeRequest } from './model-work.js';
import { isPremium, labelBasic, milestoneEntity, userBasic, type JsonObject, type SerializeContext } from './serialize.js';

export type MrReferenceBase = { readonly kind: 'project' } | { readonly kind: 'group'; readonly groupId: number };

export interface MrView {
  readonly relativeTo: MrReferenceBase;
  readonly labelDetails?: boolean;
}

export function userNotesCount(ctx: SerializeContext, type: Note['noteableType'], noteableId: number): number {
  let n = 0;
  for (const note of ctx.db.notes.all()) if (note.noteableType === type && note.noteableId === noteableId && !note.system) n++;
  return n;
}

export function mergeRequestEntity(ctx: SerializeContext, mr: MergeRequest, view: MrView): JsonObject {
  const { db } = ctx;
  const project = db.projects.get(mr.projectId);
  if (!project) throw new Error(`Implementation error: merge request ${mr.id} has no project ${mr.projectId}`);
  const fullPath = db.pathWithNamespace(project);
  const labels = mr.labelIds.map((id) => db.labels.get(id)).filter((l) => l !== undefined).sort((a, b) => (a.name < b.name ? -1 : 1));
  const assignees = mr.assigneeIds.map((id) => userBasic(ctx, id)).filter((u): u is JsonObject => u !== null);
  const time = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));
  const relative = view.relativeTo.kind === 'project' ? '' : project.namespace.kind === 'group' && project.namespace.id === view.relativeTo.groupId ? project.path : fullPath;
  const open = mr.state === 'opened';
  const out: JsonObject = {
    id: mr.id, iid: mr.iid, project_id: mr.projectId, title: mr.title, description: mr.description, state: mr.state,
    imported: false, imported_from: 'none',
    merged_by: userBasic(ctx, mr.mergedById), merge_user: userBasic(ctx, mr.mergedById),
    merged_at: time(mr.mergedAt), merge_after: null, prepared_at: isoTime(mr.createdAt + 1000),
    closed_by: userBasic(ctx, mr.closedById), closed_at: time(mr.closedAt),
    created_at: isoTime(mr.createdAt), updated_at: isoTime(mr.updatedAt),
    target_branch: mr.targetBranch, source_branch: mr.sourceBranch, upvotes: mr.upvotes, downvotes: mr.downvotes,
    author: userBasic(ctx, mr.authorId), assignee: assignees[0] ?? null, assignees,
    reviewers: mr.reviewerIds.map((id) => userBasic(ctx, id)).filter((u): u is JsonObject => u !== null),
    source_project_id: mr.projectId, target_project_id: mr.projectId,
    labels: view.labelDetails ? labels.map(labelBasic) : labels.map((l) => l.name),
    draft: mr.draft, work_in_progress: mr.draft,
    milestone: milestoneEntity(ctx, mr.milestoneId === null ? undefined : db.milestones.get(mr.milestoneId)),
    merge_when_pipeline_succeeds: false,
    merge_status: open ? 'can_be_merged' : 'unchecked',
    detailed_merge_status: open ? (mr.draft ? 'draft_status' : 'mergeable') : 'not_open',
    sha: mr.commitShas[mr.commitShas.length - 1] ?? null, merge_commit_sha: mr.mergeCommitSha, squash_commit_sha: null,
    user_notes_count: userNotesCount(ctx, 'MergeRequest', mr.id),
    discussion_locked: null, should_remove_source_branch: true, force_remove_source_branch: true,
    allow_collaboration: false, allow_maintainer_to_push: false,
    web_url: `${ctx.base}/${fullPath}/-/merge_requests/${mr.iid}`,
    reference: `!${mr.iid}`,
    references: { short: `!${mr.iid}`, relative: `${relative}!${mr.iid}`, full: `${fullPath}!${mr.iid}` },
    time_stats: { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null },
    squash: false, squash_on_merge: false,
    task_completion_status: { count: 0, completed_count: 0 },
    has_conflicts: false, blocking_discussions_resolved: true,
  };
  if (isPremium(ctx.tier)) out['approvals_before_merge'] = null;
  // gitlab-api.md §5.6: "The group listing adds `group_id`".
  if (view.relativeTo.kind === 'group' && project.namespace.kind === 'group') out['group_id'] = project.namespace.id;
  return out;
}

export function noteEntity(ctx: SerializeContext, note: Note): JsonObject {
  return {
    id: note.id, type: null, body: note.body, attachment: null, author: userBasic(ctx, note.authorId),
    created_at: isoTime(note.createdAt), updated_at: isoTime(note.updatedAt), system: note.system,
    noteable_id: note.noteableId, noteable_type: note.noteableType, project_id: note.projectId,
    noteable_iid: note.noteableIid, resolvable: false, confidential: note.internal, internal: note.internal,
    imported: false, imported_from: 'none', commands_changes: {},
  };
}

/** `GET .../merge_requests/:iid/approvals` (Free: approval state without rules). */
export function approvalsEntity(ctx: SerializeContext, mr: MergeRequest): JsonObject {
  const required = isPremium(ctx.tier) ? 1 : 0;
  return {
    id: mr.id, iid: mr.iid, project_id: mr.projectId, title: mr.title, description: mr.description, state: mr.state,
    created_at: isoTime(mr.createdAt), updated_at: isoTime(mr.updatedAt),
    merge_status: mr.state === 'opened' ? 'can_be_merged' : 'unchecked',
    approved: mr.approvedBy.length >= required,
    approvals_required: required, approvals_left: Math.max(0, required - mr.approvedBy.length),
    require_password_to_approve: false,
    approved_by: mr.approvedBy.map((id) => ({ user: userBasic(ctx, id) })),
    suggested_approvers: [], approvers: [], approver_groups: [],
    user_has_approved: mr.approvedBy.includes(ctx.db.currentUserId), user_can_approve: mr.state === 'opened',
    approval_rules_left: [], has_approval_rules: false,
    merge_request_approvers_available: isPremium(ctx.tier), multiple_approval_rules_available: isPremium(ctx.tier),
    invalid_approvers_rules: [],
  };
}
