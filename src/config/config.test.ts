import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig, rawConfigSecrets } from './config.js';

const pat = { auth_type: 'access_token', access_token: 'glpat-abc123456' };

function errorOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.messages];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it("accepts today's token shape with defaults", () => {
    const c = parseConfig({ credentials: pat });
    expect(c).toMatchObject({
      apiUrl: 'gitlab.com',
      credentials: { kind: 'token', token: 'glpat-abc123456' },
      startDate: '1970-01-01T00:00:00Z',
      groups: [],
      projects: [],
      includeArchived: true,
      commitsAllBranches: false,
      concurrency: 4,
    });
  });

  it("accepts Estuary's documented sample shape and a start date without Z", () => {
    const c = parseConfig({ credentials: { option_title: 'PAT Credentials', personal_access_token: 'glpat-xyz987654' }, start_date: '2024-03-01T10:00:00' });
    expect(c.credentials).toEqual({ kind: 'token', token: 'glpat-xyz987654' });
    expect(c.startDate).toBe('2024-03-01T10:00:00Z');
  });

  it('accepts OAuth credentials and normalizes the expiry', () => {
    const c = parseConfig({
      credentials: { auth_type: 'oauth2.0', client_id: 'id', client_secret: 'sec', access_token: 'a', refresh_token: 'r', token_expiry_date: '2025-01-01T02:00:00+02:00' },
    });
    expect(c.credentials).toMatchObject({ kind: 'oauth', expiresAt: '2025-01-01T00:00:00.000Z' });
  });

  it.each([
    ['my-group other/sub', ['my-group', 'other/sub']],
    ['  a   b ', ['a', 'b']],
    [['a', 42, 'a'], ['a', '42']],
    ['', []],
  ])('reads groups %j as %j', (groups, expected) => {
    expect(parseConfig({ credentials: pat, groups }).groups).toEqual(expected);
  });

  it.each([
    ['2024-01-31', '2024-01-31T00:00:00Z'],
    ['2024-01-31T05:06:07Z', '2024-01-31T05:06:07Z'],
    ['2024-01-31T05:06:07.250Z', '2024-01-31T05:06:07.250Z'],
    ['2024-01-31T05:06:07+01:00', '2024-01-31T04:06:07Z'],
  ])('reads start_date %s as %s', (input, expected) => {
    expect(parseConfig({ credentials: pat, start_date: input }).startDate).toBe(expected);
  });

  it.each([
    [{}, /credentials is required/],
    [{ credentials: {} }, /credentials.access_token/],
    [{ credentials: { auth_type: 'oauth2.0', client_id: 'x' } }, /credentials.client_secret/],
    [{ credentials: { auth_type: 'basic', access_token: 'x' } }, /credentials.auth_type must be/],
    [{ credentials: pat, start_date: 'yesterday' }, /start_date must be a date/],
    [{ credentials: pat, concurrency: 0 }, /concurrency/],
    [{ credentials: pat, groups: { a: 1 } }, /groups/],
    [[], /config must be a JSON object/],
  ])('rejects %j naming the field', (raw, pattern) => {
    expect(errorOf(raw).join('; ')).toMatch(pattern);
  });

  it('never puts a secret in its messages', () => {
    const messages = errorOf({ credentials: { auth_type: 'oauth2.0', client_id: 'id', client_secret: 'TOPSECRET-123', access_token: 'ACCESS-456', refresh_token: 'REFRESH-789', token_expiry_date: 'soon' } });
    expect(messages.join(' ')).not.toMatch(/TOPSECRET|ACCESS-456|REFRESH-789/);
  });
});

describe('rawConfigSecrets', () => {
  it('finds tokens and secrets in a config that does not parse', () => {
    expect(rawConfigSecrets({ credentials: { access_token: 'a-token', client_secret: 's', client_id: 'not-secret' } }).sort()).toEqual(['a-token', 's']);
    expect(rawConfigSecrets('nope')).toEqual([]);
  });
});
