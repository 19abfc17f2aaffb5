/**
 * @module Labels (`project_labels.json`, `group_labels.json`; counts only with `with_counts`),
 * members (`members.json`: `id` is the user id), group milestones, group boards
 * (`group_boards.json`), epics (`epics.json`) and epic issues (issue entities plus
 * `epic_issue_id`, `epic_issues.json`). None of labels, members or boards has a timestamp.
 */
import { isoTime } from '../clock.js';
import type { Label, Membership } from './model.js';
import type { Board, Epic, EpicIssue, GroupLabel, GroupMilestone } from './model-work.js';
import { issueEntity } from './serialize-issue.js';
import { apiUrl, labelBasic, markdownHtml, userAvatarUrl, userBasic, type JsonObject, type SerializeContext } from './serialize.js';

export interface LabelView {
  readonly withCounts?: boolean;
  /** On a project's list: which project, for `is_project_label` and counts. */
  readonly projectId?: number;
}

export function labelEntity(ctx: SerializeContext, label: Label | GroupLabel, view: LabelView): JsonObject {
  const out: JsonObject = { ...labelBasic(label as Label), description_html: label.description === null ? null : markdownHtml(label.description) };
  if (view.withCounts) {
    const issues = ctx.db.issues.all().filter((i) => i.labelIds.includes(label.id));
    const mrs = ctx.db.mergeRequests.all().filter((m) => m.state === 'opened' && m.labelIds.includes(label.id));
    Object.assign(out, {
      open_issues_count: issues.filter((i) => i.state === 'opened').length,
      closed_issues_count: issues.filter((i) => i.state === 'closed').length,
      open_merge_requests_count: mrs.length,
    });
  }
  out['subscribed'] = false;
  if (view.projectId !== undefined) {
    const own = 'projectId' in label;
    out['priority'] = own && label.name.startsWith('priority::') ? 10 : null;
    out['is_project_label'] = own;
  }
  return out;
}

export function memberEntity(ctx: SerializeContext, m: Membership): JsonObject {
  const user = ctx.db.users.get(m.userId);
  if (!user) throw new Error(`Implementation error: membership ${m.id} has no user ${m.userId}`);
  return {
    id: user.id, username: user.username, name: user.name, state: user.state, locked: false,
    avatar_url: userAvatarUrl(ctx, user), web_url: `${ctx.base}/${user.username}`,
    created_at: isoTime(m.createdAt), created_by: userBasic(ctx, 101), expires_at: null, access_level: m.accessLevel,
    membership_state: 'active',
  };
}

export function groupMilestoneEntity(ctx: SerializeContext, m: GroupMilestone): JsonObject {
  return {
    id: m.id, iid: m.iid, group_id: m.groupId, title: m.title, description: m.description, state: m.state,
    created_at: isoTime(m.createdAt), updated_at: isoTime(m.updatedAt), due_date: m.dueDate, start_date: m.startDate,
    expired: m.dueDate !== null && Date.parse(m.dueDate) < ctx.now,
    web_url: `${ctx.base}/groups/${ctx.db.groupFullPath(m.groupId)}/-/milestones/${m.iid}`,
  };
}

export function boardEntity(ctx: SerializeContext, b: Board): JsonObject {
  const group = ctx.db.groups.get(b.groupId);
  const milestone = b.milestoneId === null ? undefined : ctx.db.groupMilestones.get(b.milestoneId);
  return {
    id: b.id, name: b.name, hide_backlog_list: b.hideBacklogList, hide_closed_list: b.hideClosedList,
    project: null,
    group: { id: b.groupId, name: group?.name ?? '', web_url: `${ctx.base}/groups/${ctx.db.groupFullPath(b.groupId)}` },
    milestone: milestone ? { id: milestone.id, title: milestone.title } : null,
    lists: b.lists.map((l) => {
      const label = ctx.db.groupLabels.get(l.labelId);
      return { id: l.id, label: label ? { name: label.name, color: label.color, description: label.description } : null, position: l.position };
    }),
  };
}

export function epicEntity(ctx: SerializeContext, e: Epic): JsonObject {
  const { db } = ctx;
  const path = db.groupFullPath(e.groupId);
  const parent = e.parentId === null ? undefined : db.epics.get(e.parentId);
  const self = `/groups/${e.groupId}/epics/${e.iid}`;
  return {
    id: e.id, iid: e.iid, group_id: e.groupId, parent_id: e.parentId, parent_iid: parent?.iid ?? null,
    title: e.title, description: e.description, state: e.state, confidential: e.confidential,
    web_url: `${ctx.base}/groups/${path}/-/epics/${e.iid}`, reference: `&${e.iid}`,
    references: { short: `&${e.iid}`, relative: `&${e.iid}`, full: `${path}&${e.iid}` },
    author: userBasic(ctx, e.authorId),
    start_date: e.startDate, start_date_is_fixed: e.startDate !== null, start_date_fixed: e.startDate,
    start_date_from_milestones: null, start_date_from_inherited_source: null,
    end_date: e.dueDate, due_date: e.dueDate, due_date_is_fixed: e.dueDate !== null, due_date_fixed: e.dueDate,
    due_date_from_milestones: null, due_date_from_inherited_source: null,
    created_at: isoTime(e.createdAt), updated_at: isoTime(e.updatedAt), closed_at: e.closedAt === null ? null : isoTime(e.closedAt),
    labels: e.labelIds.map((id) => db.groupLabels.get(id)?.name ?? '').sort(),
    upvotes: e.upvotes, downvotes: e.downvotes, color: e.color,
    _links: {
      self: apiUrl(ctx, self), epic_issues: apiUrl(ctx, `${self}/issues`), group: apiUrl(ctx, `/groups/${e.groupId}`),
      parent: parent ? apiUrl(ctx, `/groups/${parent.groupId}/epics/${parent.iid}`) : null,
    },
    imported: false, imported_from: 'none',
  };
}

export function epicIssueEntity(ctx: SerializeContext, link: EpicIssue): JsonObject {
  const issue = ctx.db.issues.get(link.issueId);
  if (!issue) throw new Error(`Implementation error: epic issue ${link.id} has no issue ${link.issueId}`);
  return { ...issueEntity(ctx, issue, { relativeTo: { kind: 'instance' } }), subscribed: false, relative_position: link.relativePosition, epic_issue_id: link.id };
}
