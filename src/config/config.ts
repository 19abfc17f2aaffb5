/**
 * @module The connector's config: parsed and checked with zod, normalized into {@link Config}.
 * Accepts today's shape (`credentials.auth_type` = `access_token` | `oauth2.0`) and the shape of
 * Estuary's documented sample (`credentials.personal_access_token`, start date without `Z`),
 * because users copy that sample.
 */
import { z } from 'zod';
import type { Credentials } from '../gitlab/auth.js';
import { ConfigError } from './config-error.js';

/** The client's own credential type: the config is parsed straight into what it takes. */
export type { Credentials };

export interface Config {
  /** As the user wrote it; the GitLab client normalizes it. */
  readonly apiUrl: string;
  readonly credentials: Credentials;
  /** ISO 8601 UTC instant: documents updated before it are not captured. */
  readonly startDate: string;
  /** Group ids or full paths. Empty with `projects` empty: the token's memberships. */
  readonly groups: readonly string[];
  /** Project ids or full paths, captured in addition to the groups' projects. */
  readonly projects: readonly string[];
  readonly includeArchived: boolean;
  readonly commitsAllBranches: boolean;
  readonly requestsPerMinute: number | undefined;
  readonly caCert: string | undefined;
  readonly concurrency: number;
  /** Per request attempt, body included. */
  readonly requestTimeoutMs: number | undefined;
}

const nonEmpty = (field: string) => z.string({ error: `${field} is required` }).trim().min(1, `${field} must not be empty`);

const tokenCredentials = z.object({
  auth_type: z.literal('access_token').optional(),
  access_token: nonEmpty('credentials.access_token'),
});

const patCredentials = z.object({
  option_title: z.string().optional(),
  personal_access_token: nonEmpty('credentials.personal_access_token'),
});

const oauthCredentials = z.object({
  auth_type: z.literal('oauth2.0'),
  client_id: nonEmpty('credentials.client_id'),
  client_secret: nonEmpty('credentials.client_secret'),
  access_token: nonEmpty('credentials.access_token'),
  refresh_token: nonEmpty('credentials.refresh_token'),
  token_expiry_date: nonEmpty('credentials.token_expiry_date'),
  redirect_uri: z.string().optional(),
});

/** Ids or full paths, as a space-delimited string or an array. */
const idList = z
  .union([z.string(), z.array(z.union([z.string(), z.number().int()]))])
  .optional()
  .transform((v) => {
    const items = v === undefined ? [] : Array.isArray(v) ? v.map(String) : v.split(/[\s,]+/);
    return [...new Set(items.map((s) => s.trim()).filter((s) => s.length > 0))];
  });

const rawConfig = z.object({
  api_url: z.string().trim().optional(),
  credentials: z.unknown().optional(),
  start_date: z.string().trim().optional(),
  groups: idList,
  projects: idList,
  include_archived: z.boolean().optional(),
  commits_all_branches: z.boolean().optional(),
  requests_per_minute: z.number().int().min(1).max(100_000).optional(),
  ca_cert: z.string().optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  request_timeout_seconds: z.number().positive().max(3600).optional(),
});

/** Validates a raw config object; throws {@link ConfigError} naming every bad field. */
export function parseConfig(raw: unknown): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(['config must be a JSON object']);
  }
  const parsed = rawConfig.safeParse(raw);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => describeIssue(i)));
  const c = parsed.data;
  const credentials = parseCredentials(c.credentials);
  return {
    apiUrl: c.api_url && c.api_url.length > 0 ? c.api_url : 'gitlab.com',
    credentials,
    startDate: parseStartDate(c.start_date),
    groups: c.groups,
    projects: c.projects,
    includeArchived: c.include_archived ?? true,
    commitsAllBranches: c.commits_all_branches ?? false,
    requestsPerMinute: c.requests_per_minute,
    caCert: c.ca_cert,
    concurrency: c.concurrency ?? 4,
    requestTimeoutMs: c.request_timeout_seconds === undefined ? undefined : Math.round(c.request_timeout_seconds * 1000),
  };
}

function parseCredentials(value: unknown): Credentials {
  if (value === undefined || value === null) {
    throw new ConfigError(['credentials is required: a personal access token or OAuth2 credentials']);
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(['credentials must be an object']);
  const rec = value as Record<string, unknown>;
  if (rec['auth_type'] === 'oauth2.0') {
    const o = check(oauthCredentials, value);
    if (Number.isNaN(Date.parse(o.token_expiry_date))) {
      throw new ConfigError(['credentials.token_expiry_date must be an ISO 8601 date-time']);
    }
    return {
      kind: 'oauth',
      clientId: o.client_id,
      clientSecret: o.client_secret,
      accessToken: o.access_token,
      refreshToken: o.refresh_token,
      expiresAt: new Date(Date.parse(o.token_expiry_date)).toISOString(),
      ...(o.redirect_uri ? { redirectUri: o.redirect_uri } : {}),
    };
  }
  if ('personal_access_token' in rec) return { kind: 'token', token: check(patCredentials, value).personal_access_token };
  if (rec['auth_type'] !== undefined && rec['auth_type'] !== 'access_token') {
    throw new ConfigError([`credentials.auth_type must be "access_token" or "oauth2.0", not ${JSON.stringify(rec['auth_type'])}`]);
  }
  return { kind: 'token', token: check(tokenCredentials, value).access_token };
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => describeIssue(i, 'credentials')));
  return r.data;
}

/** Accepts `YYYY-MM-DD`, and date-times with or without `Z`/offset/milliseconds (no offset: UTC). */
function parseStartDate(value: string | undefined): string {
  if (value === undefined || value === '') return '1970-01-01T00:00:00Z';
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  const ms = m ? Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] ?? 'Z'}`) : NaN;
  if (Number.isNaN(ms)) {
    throw new ConfigError([`start_date must be a date like 2024-01-31T00:00:00Z, got ${JSON.stringify(value)}`]);
  }
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function describeIssue(issue: z.core.$ZodIssue, prefix?: string): string {
  const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
  // Messages that already name their field (ours) are kept; zod's generic ones get the path.
  if (path && issue.message.startsWith(path)) return issue.message;
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Strings under `credentials` that look like secrets, found even in a config that does not
 * parse, so the error reporting it cannot print them.
 */
export function rawConfigSecrets(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const creds = (raw as Record<string, unknown>)['credentials'];
  if (typeof creds !== 'object' || creds === null) return [];
  return Object.entries(creds).flatMap(([k, v]) => (typeof v === 'string' && /token|secret/.test(k) ? [v] : []));
}

/** Every secret in a config, so logs and errors can redact them. */
export function configSecrets(config: Config): string[] {
  const c = config.credentials;
  return c.kind === 'token' ? [c.token] : [c.accessToken, c.refreshToken, c.clientSecret];
}
