/**
 * @module Project entities, as GitLab's `API::Entities::Project` family sends them:
 * - `full`: `GET /groups/:id/projects` (`Entities::Project`, no `permissions`);
 * - `full` with `withAccess`: `GET /projects` and `GET /projects/:id` (`ProjectWithAccess`);
 * - `simple`: `simple=true` (`BasicProjectDetails`, `projects_simple.json`; no `updated_at`).
 * Conditional keys follow the entity's conditions: `owner` only for personal projects,
 * `runners_token`/`import_error` only for users who can administer the project, `statistics` and
 * `license` only when asked for, `mirror_*` only on pull mirrors, Premium/Ultimate keys by tier.
 */
import { isoTime } from '../clock.js';
import { directProjectAccess, groupAccess, projectAccess } from './access.js';
import { AccessLevel, type Project, type ProjectFeature } from './model.js';
import {
  apiUrl, isPremium, markdownHtml, namespaceOf, userBasic, type JsonObject, type SerializeContext,
} from './serialize.js';

export interface ProjectView {
  readonly shape: 'full' | 'simple';
  /** Adds `permissions` (ProjectWithAccess). */
  readonly withAccess?: boolean;
  /** `statistics=true` */
  readonly statistics?: boolean;
  /** `license=true` (single project only) */
  readonly license?: boolean;
  /** The user the response is for (permissions, admin-only keys). */
  readonly userId: number;
}

const LICENSES = {
  mit: { key: 'mit', name: 'MIT License', nickname: null, html_url: 'https://opensource.org/licenses/MIT', source_url: 'https://opensource.org/licenses/MIT' },
  'apache-2.0': { key: 'apache-2.0', name: 'Apache License 2.0', nickname: null, html_url: 'http://choosealicense.com/licenses/apache-2.0/', source_url: 'http://www.apache.org/licenses/LICENSE-2.0.txt' },
} as const;

export function projectEntity(ctx: SerializeContext, p: Project, view: ProjectView): JsonObject {
  const { db } = ctx;
  const fullPath = db.pathWithNamespace(p);
  const webUrl = `${ctx.base}/${fullPath}`;
  const { host, hostname } = new URL(ctx.base);
  const access = projectAccess(db, view.userId, p);
  const canAdmin = access >= AccessLevel.maintainer;
  const openIssues = db.projectIssues(p.id).filter((i) => i.state === 'opened').length;
  const links = (sub: string): string => apiUrl(ctx, `/projects/${p.id}${sub}`);
  const on = (feature: ProjectFeature): boolean => db.featureEnabled(p.id, feature);
  const level = (feature: ProjectFeature): string => (on(feature) ? 'enabled' : 'disabled');
  const out: JsonObject = {
    id: p.id,
    description: p.description,
    description_html: markdownHtml(p.description),
    name: p.name,
    name_with_namespace: db.nameWithNamespace(p),
    path: p.path,
    path_with_namespace: fullPath,
    created_at: isoTime(p.createdAt),
    updated_at: isoTime(p.updatedAt),
    default_branch: p.defaultBranch,
    tag_list: [...p.topics],
    topics: [...p.topics],
    ssh_url_to_repo: `git@${hostname}:${fullPath}.git`,
    http_url_to_repo: `${webUrl}.git`,
    web_url: webUrl,
    readme_url: `${webUrl}/-/blob/${p.defaultBranch}/README.md`,
    avatar_url: null,
    forks_count: p.forksCount,
    star_count: p.starCount,
    last_activity_at: isoTime(p.lastActivityAt),
    namespace: namespaceOf(ctx, p),
    container_registry_image_prefix: `registry.${host}/${fullPath}`.toLowerCase(),
    _links: {
      self: links(''), issues: links('/issues'), merge_requests: links('/merge_requests'),
      repo_branches: links('/repository/branches'), labels: links('/labels'), events: links('/events'),
      members: links('/members'), cluster_agents: links('/cluster_agents'),
    },
    packages_enabled: true,
    package_registry_access_level: 'enabled',
    empty_repo: false,
    archived: p.archived,
    visibility: p.visibility,
  };
  const parentId = db.forkedFrom.get(p.id);
  const parent = parentId === undefined ? undefined : db.projects.get(parentId);
  // Only on forks (doc/api/projects.md), in the BasicProjectDetails shape.
  if (parent && view.shape === 'full') out['forked_from_project'] = projectEntity(ctx, parent, { shape: 'simple', userId: view.userId });
  const owner = db.namespaceOwner(p);
  if (owner) out['owner'] = userBasic(ctx, owner.id);
  Object.assign(out, {
    resolve_outdated_diff_discussions: false,
    container_expiration_policy: {
      cadence: '1d', enabled: false, keep_n: 10, older_than: '90d', name_regex: '.*', name_regex_keep: null,
      next_run_at: isoTime(p.createdAt + 86_400_000),
    },
    issues_enabled: on('issues'), merge_requests_enabled: on('merge_requests'), wiki_enabled: true, jobs_enabled: on('builds'),
    snippets_enabled: true, container_registry_enabled: true, service_desk_enabled: false,
    service_desk_address: null,
    can_create_merge_request_in: access >= AccessLevel.developer,
    issues_access_level: level('issues'), repository_access_level: level('repository'), merge_requests_access_level: level('merge_requests'),
    forking_access_level: 'enabled', wiki_access_level: 'enabled', builds_access_level: level('builds'),
    snippets_access_level: 'enabled', pages_access_level: 'private', analytics_access_level: 'enabled',
    container_registry_access_level: 'enabled', security_and_compliance_access_level: 'private',
    emails_disabled: false, emails_enabled: true,
    shared_runners_enabled: true, group_runners_enabled: true, lfs_enabled: true,
    creator_id: p.creatorId,
    import_url: null, import_type: null, import_status: 'none',
  });
  if (canAdmin) out['import_error'] = null;
  // Only where issues are on (`feature_available?(:issues)` in Entities::Project).
  if (on('issues')) out['open_issues_count'] = openIssues;
  if (canAdmin) out['runners_token'] = `GR1348941${String(p.id).padStart(12, '0')}`;
  Object.assign(out, {
    ci_default_git_depth: 20, ci_forward_deployment_enabled: true, ci_forward_deployment_rollback_allowed: true,
    ci_allow_fork_pipelines_to_run_in_parent_project: true,
    ci_id_token_sub_claim_components: ['project_path', 'ref_type', 'ref'],
    ci_job_token_scope_enabled: false, ci_separated_caches: true,
    ci_restrict_pipeline_cancellation_role: 'developer', ci_pipeline_variables_minimum_override_role: 'maintainer',
    ci_push_repository_for_job_token_allowed: false, public_jobs: true, build_timeout: 3600,
    auto_cancel_pending_pipelines: 'enabled', ci_config_path: '',
    shared_with_groups: p.sharedWith.map((s) => ({
      group_id: s.groupId, group_name: db.groups.get(s.groupId)?.name ?? '',
      group_full_path: db.groupFullPath(s.groupId), group_access_level: s.accessLevel, expires_at: null,
    })),
    only_allow_merge_if_pipeline_succeeds: false,
    // A boolean GitLab sends as null until set (gitlab-api.md §6).
    allow_merge_on_skipped_pipeline: null,
    allow_pipeline_trigger_approve_deployment: false, restrict_user_defined_variables: false,
    request_access_enabled: true, only_allow_merge_if_all_discussions_are_resolved: false,
    remove_source_branch_after_merge: true, printing_merge_request_link_enabled: true,
    merge_method: 'merge', squash_option: 'default_off', enforce_auth_checks_on_uploads: true,
    suggestion_commit_message: null, merge_commit_template: null, squash_commit_template: null,
    issue_branch_template: null,
  });
  if (view.statistics && access >= AccessLevel.reporter) out['statistics'] = statistics(p);
  Object.assign(out, {
    auto_devops_enabled: false, auto_devops_deploy_strategy: 'continuous', autoclose_referenced_issues: true,
    keep_latest_artifact: true, runner_token_expiration_interval: null,
    external_authorization_classification_label: '', requirements_enabled: false,
    requirements_access_level: 'enabled', security_and_compliance_enabled: false,
    secret_push_protection_enabled: false, compliance_frameworks: [],
    warn_about_potentially_unwanted_characters: true,
  });
  if (isPremium(ctx.tier)) Object.assign(out, premiumKeys(p));
  if (ctx.tier === 'ultimate') out['spp_repository_pipeline_access'] = false;
  if (view.license) {
    out['license_url'] = p.license ? `${webUrl}/-/blob/${p.defaultBranch}/LICENSE` : null;
    out['license'] = p.license ? { ...LICENSES[p.license] } : null;
  }
  if (view.withAccess) out['permissions'] = permissions(ctx, p, view.userId);
  return view.shape === 'simple' ? pick(out, SIMPLE_KEYS) : out;
}

/** `BasicProjectDetails` (projects_simple.json), in its key order. */
const SIMPLE_KEYS = [
  'id', 'description', 'name', 'name_with_namespace', 'path', 'path_with_namespace', 'created_at', 'default_branch',
  'tag_list', 'topics', 'ssh_url_to_repo', 'http_url_to_repo', 'web_url', 'avatar_url', 'star_count',
  'last_activity_at', 'visibility', 'namespace',
] as const;

function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(keys.map((k) => [k, source[k] ?? null]));
}

function premiumKeys(p: Project): JsonObject {
  const mirror: JsonObject = p.mirror
    ? { mirror_user_id: p.creatorId, mirror_trigger_builds: false, only_mirror_protected_branches: false, mirror_overwrites_diverged_branches: false }
    : {};
  return {
    approvals_before_merge: 0, mirror: p.mirror, ...mirror,
    marked_for_deletion_at: null, marked_for_deletion_on: null,
    issues_template: null, merge_requests_template: null,
  };
}

function statistics(p: Project): JsonObject {
  const s = p.statistics;
  return {
    commit_count: s.commitCount, storage_size: s.repositorySize + s.lfsSize + s.artifactsSize,
    repository_size: s.repositorySize, wiki_size: 0, lfs_objects_size: s.lfsSize,
    job_artifacts_size: s.artifactsSize, pipeline_artifacts_size: 0, packages_size: 0, snippets_size: 0,
    uploads_size: 0, container_registry_size: 0,
  };
}

/** `project_access` is the direct membership; `group_access` the one in the project's group chain. */
function permissions(ctx: SerializeContext, p: Project, userId: number): JsonObject {
  const direct = directProjectAccess(ctx.db, userId, p);
  const viaGroup = p.namespace.kind === 'group' ? groupAccess(ctx.db, userId, p.namespace.id) : 0;
  const level = (n: number): JsonObject | null => (n > 0 ? { access_level: n, notification_level: 3 } : null);
  return { project_access: level(direct), group_access: level(viaGroup) };
}
