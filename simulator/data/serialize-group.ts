/**
 * @module Group entities: `API::Entities::Group` for lists (`groups.json`,
 * `group_descendant_groups.json`) and `GroupDetail` for `GET /groups/:id`, which adds the sharing
 * settings and, unless `with_projects=false`, the group's own and shared projects (GitLab caps
 * both lists at 100 and has deprecated them). Groups expose no `updated_at` (gitlab-api.md §5.2).
 */
import { isoTime } from '../clock.js';
import { canReadProject, groupAccess } from './access.js';
import { AccessLevel, type Group } from './model.js';
import { groupAvatarUrl, isPremium, type JsonObject, type SerializeContext } from './serialize.js';
import { projectEntity } from './serialize-project.js';

export function groupEntity(ctx: SerializeContext, g: Group): JsonObject {
  const fullPath = ctx.db.groupFullPath(g.id);
  const out: JsonObject = {
    id: g.id,
    web_url: `${ctx.base}/groups/${fullPath}`,
    name: g.name,
    path: g.path,
    description: g.description,
    visibility: g.visibility,
    share_with_group_lock: false,
    require_two_factor_authentication: false,
    two_factor_grace_period: 48,
    project_creation_level: 'developer',
    // Nullable booleans: null until someone sets them (gitlab-api.md §6).
    auto_devops_enabled: null,
    subgroup_creation_level: 'maintainer',
    emails_disabled: false,
    emails_enabled: true,
    mentions_disabled: null,
    lfs_enabled: true,
    default_branch: null,
    default_branch_protection: 2,
    default_branch_protection_defaults: {
      allowed_to_push: [{ access_level: 40 }],
      allow_force_push: false,
      allowed_to_merge: [{ access_level: 40 }],
    },
    avatar_url: groupAvatarUrl(ctx, g),
    request_access_enabled: true,
    full_name: ctx.db.groupFullName(g.id),
    full_path: fullPath,
  };
  // `repository_storage` is for instance admins only; the token's user is not one.
  if (isPremium(ctx.tier)) out['file_template_project_id'] = null;
  out['parent_id'] = g.parentId;
  out['created_at'] = isoTime(g.createdAt);
  if (isPremium(ctx.tier)) {
    Object.assign(out, { ip_restriction_ranges: null, wiki_access_level: 'enabled', marked_for_deletion_on: null, membership_lock: false });
  }
  return out;
}

export interface GroupDetailView {
  readonly userId: number;
  readonly withProjects: boolean;
}

export function groupDetail(ctx: SerializeContext, g: Group, view: GroupDetailView): JsonObject {
  const { db } = ctx;
  const out: JsonObject = { ...groupEntity(ctx, g), shared_with_groups: [], prevent_sharing_groups_outside_hierarchy: false };
  if (groupAccess(db, view.userId, g.id) >= AccessLevel.owner) out['runners_token'] = `GR1348941g${String(g.id).padStart(11, '0')}`;
  if (view.withProjects) {
    const readable = db.projects.all().filter((p) => canReadProject(db, view.userId, p));
    const entity = (p: (typeof readable)[number]): JsonObject => projectEntity(ctx, p, { shape: 'full', userId: view.userId });
    out['projects'] = readable.filter((p) => p.namespace.kind === 'group' && p.namespace.id === g.id).slice(0, 100).map(entity);
    out['shared_projects'] = readable.filter((p) => p.sharedWith.some((s) => s.groupId === g.id)).slice(0, 100).map(entity);
  }
  return out;
}
