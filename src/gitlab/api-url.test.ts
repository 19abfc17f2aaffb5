import { describe, expect, it } from 'vitest';
import { normalizeApiUrl } from './api-url.js';
import { GitLabConfigError } from './errors/config-error.js';

describe('normalizeApiUrl', () => {
  it.each([
    [undefined, 'https://gitlab.com', 'https://gitlab.com/api/v4'],
    ['', 'https://gitlab.com', 'https://gitlab.com/api/v4'],
    ['  gitlab.com  ', 'https://gitlab.com', 'https://gitlab.com/api/v4'],
    ['gitlab.example.com', 'https://gitlab.example.com', 'https://gitlab.example.com/api/v4'],
    ['https://gitlab.example.com/', 'https://gitlab.example.com', 'https://gitlab.example.com/api/v4'],
    ['HTTPS://GitLab.Example.com', 'https://gitlab.example.com', 'https://gitlab.example.com/api/v4'],
    ['https://gitlab.example.com/api/v4', 'https://gitlab.example.com', 'https://gitlab.example.com/api/v4'],
    ['https://gitlab.example.com/api/v4/', 'https://gitlab.example.com', 'https://gitlab.example.com/api/v4'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080/api/v4'],
    ['localhost:8443', 'https://localhost:8443', 'https://localhost:8443/api/v4'],
    ['https://gitlab.example.com:443', 'https://gitlab.example.com', 'https://gitlab.example.com/api/v4'],
    ['https://x.org/gitlab', 'https://x.org', 'https://x.org/gitlab/api/v4'],
    ['https://x.org/gitlab/', 'https://x.org', 'https://x.org/gitlab/api/v4'],
    ['x.org/gitlab/api/v4', 'https://x.org', 'https://x.org/gitlab/api/v4'],
  ])('%j → %s', (input, origin, apiBase) => {
    expect(normalizeApiUrl(input)).toEqual({ origin, apiBase, webBase: apiBase.slice(0, -'/api/v4'.length) });
  });

  it.each([
    ['ftp://gitlab.example.com', /must use https/],
    ['https://', /not a valid host/],
    ['https://gitlab.example.com/?x=1', /query or fragment/],
    ['https://gitlab.example.com/#top', /query or fragment/],
    ['http://[::1', /not a valid host/],
  ])('rejects %j naming api_url', (input, problem) => {
    const err = catchError(() => normalizeApiUrl(input));
    expect(err).toBeInstanceOf(GitLabConfigError);
    expect(err).toMatchObject({ field: 'api_url', code: 'GITLAB_CONFIG', disposition: 'fatal' });
    expect((err as Error).message).toMatch(/^api_url /);
    expect((err as Error).message).toMatch(problem);
  });

  it('rejects credentials in the URL without echoing them', () => {
    const err = catchError(() => normalizeApiUrl('https://root:glpat-secret123@gitlab.example.com'));
    expect(err).toBeInstanceOf(GitLabConfigError);
    expect((err as Error).message).not.toContain('glpat-secret123');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
