/**
 * @module Shapes of the two endpoints that have no example file in fixtures/gitlab-api-examples,
 * written by hand from GitLab's API docs and entity code. The field names and types are GitLab's;
 * the values are placeholders of ours (only their JSON types matter to {@link inferSchema}).
 */
import type { JsonObject } from '../engine/types.js';

const user: JsonObject = {
  id: 1,
  username: 'root',
  name: 'Administrator',
  state: 'active',
  locked: false,
  avatar_url: 'https://gitlab.example.com/uploads/-/system/user/avatar/1/avatar.png',
  web_url: 'https://gitlab.example.com/root',
};

/**
 * `GET /projects/:id/merge_requests/:merge_request_iid/approvals`.
 *
 * - Premium/Ultimate: `doc/api/merge_request_approvals.md` § "Retrieve approval state for a merge
 *   request" (the MR's `id`, `iid`, `project_id`, `title`, `description`, `state`, `created_at`,
 *   `updated_at`, `merge_status`, `approvals_required`, `approvals_left`, and `approved_by[]` as
 *   `{user, approved_at}`), completed from the entity that renders it
 *   (`ee/lib/api/entities/approval_state.rb`: `approved`, `require_password_to_approve`,
 *   `suggested_approvers`, `approvers`, `approver_groups`, `user_has_approved`,
 *   `user_can_approve`, `approval_rules_left[]{id,name,rule_type}`, `has_approval_rules`,
 *   `merge_request_approvers_available`, `multiple_approval_rules_available`,
 *   `invalid_approvers_rules`).
 * - Free (Community Edition): only `user_has_approved`, `user_can_approve`, `approved` and
 *   `approved_by` (`lib/api/entities/merge_request_approvals.rb`). It carries no `project_id`
 *   and no `iid`, which is why the connector stamps `project_id` and `merge_request_iid`.
 */
export const mergeRequestApprovals: readonly JsonObject[] = [
  {
    id: 5,
    iid: 5,
    project_id: 1,
    title: 'Approvals API',
    description: 'Test',
    state: 'opened',
    created_at: '2016-06-08T00:19:52.638Z',
    updated_at: '2016-06-08T21:20:42.470Z',
    merge_status: 'cannot_be_merged',
    approved: false,
    approvals_required: 2,
    approvals_left: 1,
    require_password_to_approve: false,
    approved_by: [{ user, approved_at: '2016-06-09T01:45:21.720Z' }],
    suggested_approvers: [user],
    approvers: [{ user }],
    approver_groups: [],
    user_has_approved: false,
    user_can_approve: true,
    approval_rules_left: [{ id: 1, name: 'security', rule_type: 'regular' }],
    has_approval_rules: true,
    merge_request_approvers_available: true,
    multiple_approval_rules_available: true,
    invalid_approvers_rules: [],
  },
  {
    user_has_approved: true,
    user_can_approve: false,
    approved: true,
    approved_by: [{ user, approved_at: '2026-08-10T15:33:59.184+02:00' }],
  },
];

/**
 * `GET /projects/:id/environments`: `doc/api/environments.md` § "List all environments"
 * (GitLab 17.8+, which added `description` and `auto_stop_setting`). `external_url`,
 * `description` and `auto_stop_at` are null when unset, as other examples on that page show.
 * The single-environment GET adds `last_deployment` and `cluster_agent`; the list does not.
 */
export const environments: readonly JsonObject[] = [
  {
    id: 1,
    name: 'review/fix-foo',
    slug: 'review-fix-foo-dfjre3',
    description: 'Review environment',
    external_url: 'https://review-fix-foo-dfjre3.gitlab.example.com',
    state: 'available',
    tier: 'development',
    created_at: '2019-05-25T18:55:13.252Z',
    updated_at: '2019-05-27T18:55:13.252Z',
    enable_advanced_logs_querying: false,
    logs_api_path: '/project/-/logs/k8s.json?environment_name=review%2Ffix-foo',
    auto_stop_at: '2019-06-03T18:55:13.252Z',
    kubernetes_namespace: 'flux-system',
    flux_resource_path: 'HelmRelease/flux-system',
    auto_stop_setting: 'always',
  },
  {
    id: 2,
    name: 'production',
    slug: 'production',
    description: null,
    external_url: null,
    state: 'stopped',
    tier: 'production',
    created_at: '2019-05-25T18:55:13.252Z',
    updated_at: '2019-05-27T18:55:13.252Z',
    enable_advanced_logs_querying: false,
    logs_api_path: '/project/-/logs/k8s.json?environment_name=production',
    auto_stop_at: null,
    kubernetes_namespace: null,
    flux_resource_path: null,
    auto_stop_setting: 'with_action',
  },
];
