/**
 * @module What every serializer shares: the context (database, base URL, tier, clock) and the
 * small entities that appear inside others (users, namespaces, milestones, labels). Field sets
 * follow GitLab's documented examples (fixtures/gitlab-api-examples); keys GitLab leaves out
 * (tier, permission or option dependent) are left out here too, never sent as null
 * (gitlab-api.md §6).
 */
import { isoTime } from '../clock.js';
import type { Db, Group, Label, Millis, Milestone, Project, User } from './model.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The instance's license tier: Premium and Ultimate add fields (and, later, endpoints). */
export type Tier = 'free' | 'premium' | 'ultimate';

export interface SerializeContext {
  readonly db: Db;
  /** Scheme, host and port of the instance, no trailing slash: `http://127.0.0.1:4000`. */
  readonly base: string;
  readonly tier: Tier;
  /** Simulator clock, for fields relative to "now" (a milestone's `expired`). */
  readonly now: Millis;
}

export function isPremium(tier: Tier): boolean {
  return tier !== 'free';
}

export function apiUrl(ctx: SerializeContext, path: string): string {
  return `${ctx.base}/api/v4${path}`;
}

export function userAvatarUrl(ctx: SerializeContext, user: User): string | null {
  return user.hasAvatar ? `${ctx.base}/uploads/-/system/user/avatar/${user.id}/avatar.png` : null;
}

export function groupAvatarUrl(ctx: SerializeContext, group: Group): string | null {
  return group.hasAvatar ? `${ctx.base}/uploads/-/system/group/avatar/${group.id}/logo.png` : null;
}

/** `UserBasic`, the shape of `author`, `assignees[]` and `closed_by`. */
export function userBasic(ctx: SerializeContext, userId: number | null): JsonObject | null {
  const user = userId === null ? undefined : ctx.db.users.get(userId);
  if (!user) return null;
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: user.state,
    locked: false,
    avatar_url: userAvatarUrl(ctx, user),
    web_url: `${ctx.base}/${user.username}`,
  };
}

/** The `namespace` object of a project: a group or a user's personal namespace. */
export function namespaceOf(ctx: SerializeContext, project: Project): JsonObject {
  const { db } = ctx;
  if (project.namespace.kind === 'group') {
    const group = db.groups.get(project.namespace.id);
    if (!group) throw new Error(`Implementation error: project ${project.id} has no group ${project.namespace.id}`);
    const fullPath = db.groupFullPath(group.id);
    return {
      id: group.id, name: group.name, path: group.path, kind: 'group', full_path: fullPath, parent_id: group.parentId,
      avatar_url: groupAvatarUrl(ctx, group),
      web_url: `${ctx.base}/groups/${fullPath}`,
    };
  }
  const owner = db.namespaceOwner(project);
  if (!owner) throw new Error(`Implementation error: project ${project.id} has no namespace owner`);
  return {
    id: owner.namespaceId, name: owner.name, path: owner.username, kind: 'user', full_path: owner.username, parent_id: null,
    avatar_url: userAvatarUrl(ctx, owner), web_url: `${ctx.base}/${owner.username}`,
  };
}

export function milestoneEntity(ctx: SerializeContext, milestone: Milestone | undefined): JsonObject | null {
  if (!milestone) return null;
  const project = ctx.db.projects.get(milestone.projectId);
  const path = project ? ctx.db.pathWithNamespace(project) : '';
  return {
    id: milestone.id,
    iid: milestone.iid,
    project_id: milestone.projectId,
    title: milestone.title,
    description: milestone.description,
    state: milestone.state,
    created_at: isoTime(milestone.createdAt),
    updated_at: isoTime(milestone.updatedAt),
    due_date: milestone.dueDate,
    start_date: milestone.startDate,
    expired: milestone.dueDate !== null && Date.parse(milestone.dueDate) < ctx.now,
    web_url: `${ctx.base}/${path}/-/milestones/${milestone.iid}`,
  };
}

/** `LabelBasic`, sent instead of names when `with_labels_details=true`. */
export function labelBasic(label: Label): JsonObject {
  return {
    id: label.id,
    name: label.name,
    color: label.color,
    description: label.description,
    description_html: label.description === null ? '' : markdownHtml(label.description),
    text_color: isDark(label.color) ? '#FFFFFF' : '#333333',
  };
}

/** What GitLab's Markdown renderer makes of a one-line plain-text field. */
export function markdownHtml(text: string): string {
  if (text === '') return '';
  const firstLine = text.split('\n')[0] ?? '';
  const escaped = firstLine.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<p data-sourcepos="1:1-1:${Buffer.byteLength(firstLine)}" dir="auto">${escaped}</p>`;
}

function isDark(hex: string): boolean {
  const n = Number.parseInt(hex.slice(1), 16);
  const luminance = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return luminance < 160;
}
