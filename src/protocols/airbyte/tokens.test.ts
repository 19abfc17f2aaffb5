import { describe, expect, it } from 'vitest';
import { configWithTokens, rotatedTokens } from './tokens.js';

const oauth = { access_token: 'new-access', refresh_token: 'new-refresh', expires_at: '2024-05-01T12:00:00.000Z', descends_from: 'ab' };

describe('rotatedTokens', () => {
  it('finds the tokens a checkpoint records under connector.oauth', () => {
    expect(rotatedTokens({ connector: { oauth } })).toEqual({ accessToken: 'new-access', refreshToken: 'new-refresh', expiresAt: '2024-05-01T12:00:00.000Z' });
  });

  it.each([
    ['a cursor patch', { version: 1, bindings: { issues: { cursors: { '1': '2024-01-01T00:00:00Z' } } } }],
    ['an empty patch', {}],
    ['a patch deleting the tokens', { connector: { oauth: null } }],
  ])('finds none in %s', (_, patch) => {
    expect(rotatedTokens(patch)).toBeUndefined();
  });
});

describe('configWithTokens', () => {
  it('replaces the three token fields and keeps everything else the user wrote', () => {
    const config = {
      api_url: 'gitlab.com',
      groups: 'acme',
      credentials: { auth_type: 'oauth2.0', client_id: 'id', client_secret: 'secret', access_token: 'old', refresh_token: 'old-r', token_expiry_date: '2024-01-01T00:00:00Z' },
    };
    expect(configWithTokens(config, rotatedTokens({ connector: { oauth } })!)).toEqual({
      api_url: 'gitlab.com',
      groups: 'acme',
      credentials: {
        auth_type: 'oauth2.0',
        client_id: 'id',
        client_secret: 'secret',
        access_token: 'new-access',
        refresh_token: 'new-refresh',
        token_expiry_date: '2024-05-01T12:00:00.000Z',
      },
    });
    expect(config.credentials.access_token).toBe('old');
  });
});
