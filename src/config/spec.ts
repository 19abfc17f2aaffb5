/**
 * @module What the connector tells Flow and Airbyte about its config: the JSON schemas the UI
 * renders and Flow validates against (so they must accept every shape `parseConfig` accepts),
 * and the OAuth2 exchange for gitlab.com.
 */
import type { JsonObject } from '../engine/types.js';

export const DOCUMENTATION_URL = 'https://go.estuary.dev/source-gitlab';

const secret = { secret: true, airbyte_secret: true } as const;

export const configSchema: JsonObject = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'GitLab',
  type: 'object',
  required: ['credentials'],
  properties: {
    api_url: {
      type: 'string',
      title: 'API URL',
      description: 'Host of your GitLab instance, with or without https:// (gitlab.com, or your self-hosted host).',
      default: 'gitlab.com',
      examples: ['gitlab.com', 'https://gitlab.example.com'],
      order: 0,
    },
    credentials: {
      title: 'Authentication',
      type: 'object',
      order: 1,
      'x-oauth2-provider': 'gitlab',
      oneOf: [
        {
          title: 'OAuth2.0',
          type: 'object',
          required: ['auth_type', 'client_id', 'client_secret', 'access_token', 'refresh_token', 'token_expiry_date'],
          properties: {
            auth_type: { type: 'string', const: 'oauth2.0', default: 'oauth2.0' },
            client_id: { type: 'string', title: 'Client ID', ...secret },
            client_secret: { type: 'string', title: 'Client secret', ...secret },
            access_token: { type: 'string', title: 'Access token', ...secret },
            refresh_token: { type: 'string', title: 'Refresh token', ...secret },
            token_expiry_date: { type: 'string', title: 'Access token expiry', format: 'date-time' },
            redirect_uri: { type: 'string', title: 'Redirect URI used when authorizing (self-hosted apps)' },
          },
        },
        {
          title: 'Private token',
          type: 'object',
          required: ['access_token'],
          properties: {
            auth_type: { type: 'string', const: 'access_token', default: 'access_token' },
            access_token: {
              type: 'string',
              title: 'Personal access token',
              description: 'A personal, project or group access token with the read_api scope.',
              ...secret,
            },
          },
        },
        {
          title: 'PAT Credentials',
          type: 'object',
          required: ['personal_access_token'],
          properties: {
            option_title: { type: 'string', const: 'PAT Credentials', default: 'PAT Credentials' },
            personal_access_token: { type: 'string', title: 'Personal access token', ...secret },
          },
        },
      ],
    },
    start_date: {
      type: 'string',
      title: 'Start date',
      description: 'Documents updated before this instant are not captured. Default: everything.',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$',
      examples: ['2024-01-01T00:00:00Z'],
      order: 2,
    },
    groups: {
      title: 'Groups',
      description: 'Group ids or full paths (subgroups are included), space-delimited or a list. Empty with projects empty: every group and project the token is a member of.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: ['string', 'integer'] } }],
      examples: ['my-group my-other-group/sub'],
      order: 3,
    },
    projects: {
      title: 'Projects',
      description: 'Project ids or full paths captured in addition to the groups, space-delimited or a list.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: ['string', 'integer'] } }],
      examples: ['my-group/my-project'],
      order: 4,
    },
    include_archived: {
      type: 'boolean',
      title: 'Include archived projects',
      default: true,
      order: 5,
    },
    commits_all_branches: {
      type: 'boolean',
      title: 'Commits from all branches',
      description: 'Capture commits of every branch, not only the default branch.',
      default: false,
      order: 6,
    },
    requests_per_minute: {
      type: 'integer',
      title: 'Requests per minute',
      description: 'Upper bound on API requests per minute. Default sized for gitlab.com (2000); lower it for smaller self-hosted instances or the Free plan.',
      minimum: 1,
      order: 7,
    },
    ca_cert: {
      type: 'string',
      title: 'CA certificate (PEM)',
      description: 'For a self-hosted GitLab behind a private certificate authority. TLS is always verified.',
      multiline: true,
      order: 8,
    },
    concurrency: {
      type: 'integer',
      title: 'Parallel parents',
      description: 'Projects or groups read at once.',
      default: 4,
      minimum: 1,
      maximum: 64,
      order: 9,
    },
    request_timeout_seconds: {
      type: 'number',
      title: 'Request timeout (seconds)',
      description: 'How long one request may take, body included, before it is retried. Default 60.',
      exclusiveMinimum: 0,
      maximum: 3600,
      order: 10,
    },
  },
};

export const resourceConfigSchema: JsonObject = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Resource',
  type: 'object',
  required: ['stream', 'syncMode'],
  properties: {
    stream: { type: 'string', title: 'Stream' },
    syncMode: { type: 'string', enum: ['incremental', 'full_refresh'], title: 'Sync mode' },
    namespace: { type: 'string', title: 'Namespace' },
    cursorField: { type: 'array', items: { type: 'string' }, title: 'Cursor field' },
  },
};

/** Pointers into a resource config that name the binding (today's capture uses the same). */
export const RESOURCE_PATH_POINTERS = ['/namespace', '/stream'] as const;

/** Flow's UI performs the authorization-code exchange for gitlab.com with this. */
export const oauth2Spec: JsonObject = {
  provider: 'gitlab',
  authUrlTemplate:
    'https://gitlab.com/oauth/authorize?client_id={{#urlencode}}{{{ client_id }}}{{/urlencode}}' +
    '&redirect_uri={{#urlencode}}{{{ redirect_uri }}}{{/urlencode}}&response_type=code&scope=read_api' +
    '&state={{#urlencode}}{{{ state }}}{{/urlencode}}',
  accessTokenUrlTemplate: 'https://gitlab.com/oauth/token',
  accessTokenBody:
    'client_id={{#urlencode}}{{{ client_id }}}{{/urlencode}}&client_secret={{#urlencode}}{{{ client_secret }}}{{/urlencode}}' +
    '&code={{#urlencode}}{{{ code }}}{{/urlencode}}&grant_type=authorization_code' +
    '&redirect_uri={{#urlencode}}{{{ redirect_uri }}}{{/urlencode}}',
  accessTokenHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
  accessTokenResponseMap: {
    auth_type: 'oauth2.0',
    access_token: '/access_token',
    refresh_token: '/refresh_token',
    token_expiry_date: '{{#now_plus}}{{ expires_in }}{{/now_plus}}',
  },
};
