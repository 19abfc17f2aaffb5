/**
 * Flow validates configs against the spec's JSON schema before the connector sees them, so the
 * schema must accept every shape `parseConfig` accepts, and mark every secret.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { configSchema } from './spec.js';

const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(configSchema);

const shapes: Record<string, unknown> = {
  "today's token shape": { api_url: 'gitlab.com', credentials: { auth_type: 'access_token', access_token: 'glpat-1' }, start_date: '2024-01-01T00:00:00Z', groups: 'a b/c', projects: 'x/y' },
  "Estuary's documented sample": { credentials: { option_title: 'PAT Credentials', personal_access_token: 'glpat-2' }, start_date: '2024-01-01T00:00:00', groups: 'a' },
  'OAuth2': {
    credentials: { auth_type: 'oauth2.0', client_id: 'c', client_secret: 's', access_token: 'a', refresh_token: 'r', token_expiry_date: '2025-01-01T00:00:00Z' },
  },
  'lists and options': { credentials: { access_token: 'glpat-3' }, groups: ['a', 12], projects: [], include_archived: false, requests_per_minute: 100 },
};

describe('configSchema', () => {
  it.each(Object.entries(shapes))('accepts %s, as parseConfig does', (_, config) => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(() => parseConfig(config)).not.toThrow();
  });

  it('rejects a config without credentials, as parseConfig does', () => {
    expect(validate({ api_url: 'gitlab.com' })).toBe(false);
    expect(() => parseConfig({ api_url: 'gitlab.com' })).toThrow(/credentials/);
  });

  it('marks every token and secret as secret', () => {
    const text = JSON.stringify(configSchema);
    for (const field of ['client_secret', 'access_token', 'refresh_token', 'personal_access_token', 'client_id']) {
      expect(text).toMatch(new RegExp(`"${field}":\\{[^}]*"secret":true`));
    }
  });
});
