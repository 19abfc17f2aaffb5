/**
 * @module Who may see what: effective access levels and visibility, computed from memberships the
 * way GitLab does. A membership in a group applies to its subgroups and projects; a project shared
 * with a group grants that group's members the lower of the two levels; private resources the
 * user cannot reach are invisible (the API answers 404, never 403: gitlab-api.md §3).
 */
import { AccessLevel, type Db, type Group, type Issue, type Project } from './model.js';

/** Direct membership level of `userId` in one group or project (0 when none). */
function directAccess(db: Db, userId: number, kind: 'group' | 'project', targetId: number): number {
  let level: number = AccessLevel.none;
  for (const m of db.memberships.all()) {
    if (m.userId === userId && m.kind === kind && m.targetId === targetId && m.accessLevel > level) level = m.accessLevel;
  }
  return level;
}

/** Direct membership in the group itself: what `owned=true` means ("explicitly owned"). */
export function directGroupAccess(db: Db, userId: number, groupId: number): number {
  return directAccess(db, userId, 'group', groupId);
}

/** Highest level over the group and its ancestors: memberships are inherited downwards. */
export function groupAccess(db: Db, userId: number, groupId: number): number {
  let level: number = AccessLevel.none;
  for (const g of db.groupChain(groupId)) level = Math.max(level, directAccess(db, userId, 'group', g.id));
  return level;
}

/** The level GitLab reports as `permissions.project_access`: direct project membership only. */
export function directProjectAccess(db: Db, userId: number, project: Project): number {
  return directAccess(db, userId, 'project', project.id);
}

/** Effective level in a project: direct, through its group chain, or through a group share. */
export function projectAccess(db: Db, userId: number, project: Project): number {
  let level = directProjectAccess(db, userId, project);
  if (project.namespace.kind === 'group') {
    level = Math.max(level, groupAccess(db, userId, project.namespace.id));
  } else if (db.namespaceOwner(project)?.id === userId) {
    level = Math.max(level, AccessLevel.owner);
  }
  for (const share of project.sharedWith) {
    const viaGroup = groupAccess(db, userId, share.groupId);
    if (viaGroup > 0) level = Math.max(level, Math.min(viaGroup, share.accessLevel));
  }
  return level;
}

/** Member of the project in any way (`membership=true` on `/projects`). */
export function isProjectMember(db: Db, userId: number, project: Project): boolean {
  return projectAccess(db, userId, project) > AccessLevel.none;
}

/** Signed-in users see public and internal projects, and private ones they are members of. */
export function canReadProject(db: Db, userId: number, project: Project): boolean {
  return project.visibility !== 'private' || isProjectMember(db, userId, project);
}

/** Member of the group or of an ancestor (the authorized groups `/groups` lists by default). */
export function isGroupMember(db: Db, userId: number, group: Group): boolean {
  return groupAccess(db, userId, group.id) > AccessLevel.none;
}

/**
 * A private group is still visible to someone with access to something inside it (a subgroup
 * or a project), as in GitLab.
 */
export function canReadGroup(db: Db, userId: number, group: Group): boolean {
  if (group.visibility !== 'private' || isGroupMember(db, userId, group)) return true;
  const inside = new Set(db.selfAndDescendants(group.id).map((g) => g.id));
  return db
    .projects.all()
    .some((p) => p.namespace.kind === 'group' && inside.has(p.namespace.id) && isProjectMember(db, userId, p))
    || [...inside].some((id) => directAccess(db, userId, 'group', id) > 0);
}

/**
 * Confidential issues are visible to Reporters and up, and to their author and assignees.
 * `access` is the user's level in the issue's project, which the caller has already found readable.
 */
export function canReadIssue(userId: number, issue: Issue, access: number): boolean {
  if (!issue.confidential || access >= AccessLevel.reporter) return true;
  return issue.authorId === userId || issue.assigneeIds.includes(userId);
}
