import { describe, expect, it } from 'vitest';
import { GitLabConfigError } from './errors/config-error.js';
import { normalizeOptions, type GitLabClientOptions } from './options.js';

const base: GitLabClientOptions = { apiUrl: 'gitlab.example.com', credentials: { kind: 'token', token: 'glpat-options-0013' } };

describe('normalizeOptions', () => {
  it('fills every default', () => {
    const o = normalizeOptions(base);
    expect(o).toMatchObject({ perPage: 100, requestTimeoutMs: 60_000, maxAttempts: 6, requestsPerMinute: 2000, maxConcurrency: 8 });
    expect(o.api.apiBase).toBe('https://gitlab.example.com/api/v4');
    expect(o.fetch).toBeUndefined();
  });

  it('keeps given values and ignores undefined ones', () => {
    const o = normalizeOptions({ ...base, perPage: 20, requestsPerMinute: 100 });
    expect(o).toMatchObject({ perPage: 20, requestsPerMinute: 100, maxAttempts: 6 });
  });

  it.each<[string, Partial<GitLabClientOptions>, RegExp]>([
    ['perPage', { perPage: 500 }, /^perPage must be an integer from 1 to 100; got 500$/],
    ['perPage', { perPage: 0 }, /^perPage must be an integer/],
    ['maxAttempts', { maxAttempts: 1.5 }, /^maxAttempts must be an integer/],
    ['requestsPerMinute', { requestsPerMinute: 5 }, /^requestsPerMinute must be an integer from 10/],
    ['maxConcurrency', { maxConcurrency: 0 }, /^maxConcurrency must be/],
    ['requestTimeoutMs', { requestTimeoutMs: -1 }, /^requestTimeoutMs must be/],
    ['credentials.token', { credentials: { kind: 'token', token: '  ' } }, /^credentials\.token must be a non-empty string$/],
    ['credentials', { credentials: { kind: 'basic' } as never }, /^credentials must be/],
    [
      'credentials.expiresAt',
      { credentials: { kind: 'oauth', clientId: 'a', clientSecret: 'b', accessToken: 'c', refreshToken: 'd', expiresAt: 'tomorrow' } },
      /^credentials\.expiresAt must be an ISO 8601/,
    ],
    ['caCert', { caCert: 'not a pem' }, /^caCert must be a PEM bundle/],
    ['api_url', { apiUrl: 'ftp://x' }, /^api_url must use https/],
  ])('names the bad field: %s', (field, override, message) => {
    let err: unknown;
    try {
      normalizeOptions({ ...base, ...override });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GitLabConfigError);
    expect(err).toMatchObject({ field });
    expect((err as Error).message).toMatch(message);
  });
});
