import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN } from './index.js';
import { startHarness, type Harness } from './test-helpers.js';

describe('authentication', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ expiredTokens: ['glpat-expired'], revokedTokens: ['glpat-revoked'] });
  });
  afterEach(() => h.sim.close());

  it('accepts a personal access token in the PRIVATE-TOKEN header', async () => {
    const res = await h.get('/api/v4/projects/1001', { 'PRIVATE-TOKEN': DEFAULT_TOKEN });
    expect(res.status).toBe(200);
    expect(h.sim.requests.at(-1)?.auth).toBe('private-token');
  });

  it('accepts the same token as Authorization: Bearer', async () => {
    const res = await h.get('/api/v4/projects/1001', { Authorization: `Bearer ${DEFAULT_TOKEN}` });
    expect(res.status).toBe(200);
    expect(h.sim.requests.at(-1)?.auth).toBe('bearer');
  });

  it('accepts the token as the private_token query parameter', async () => {
    const res = await h.get(`/api/v4/projects/1001?private_token=${DEFAULT_TOKEN}`, {});
    expect(res.status).toBe(200);
  });

  it('answers 401 {"message":"401 Unauthorized"} when no token is sent', async () => {
    const res = await h.get('/api/v4/projects/1001', {});
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ message: '401 Unauthorized' });
    expect(h.sim.requests.at(-1)?.auth).toBe('none');
  });

  it('answers 401 {"message":"401 Unauthorized"} to an unknown token in either header', async () => {
    for (const headers of [{ 'PRIVATE-TOKEN': 'glpat-nope' }, { Authorization: 'Bearer glpat-nope' }]) {
      const res = await h.get('/api/v4/projects/1001', headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: '401 Unauthorized' });
      expect(res.headers.get('www-authenticate')).toBeNull();
    }
  });

  it('answers an expired token with invalid_token, its description and WWW-Authenticate', async () => {
    const res = await h.get('/api/v4/projects/1001', { Authorization: 'Bearer glpat-expired' });
    const description = 'Token is expired. You can either do re-authorization or token refresh.';
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_token', error_description: description });
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer realm="The API", error="invalid_token", error_description="${description}"`,
    );
  });

  it('answers a revoked token with invalid_token "Token was revoked..."', async () => {
    const res = await h.get('/api/v4/projects/1001', { 'PRIVATE-TOKEN': 'glpat-revoked' });
    const description = 'Token was revoked. You have to re-authorize from the user.';
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_token', error_description: description });
    expect(res.headers.get('www-authenticate')).toContain(`error_description="${description}"`);
  });

  it('answers an unknown route with Grape 404 even without a token', async () => {
    const res = await h.get('/api/v4/no/such/route', {});
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: '404 Not Found' });
  });

  it('accepts any of several configured tokens', async () => {
    await h.sim.close();
    h = await startHarness({ tokens: ['glpat-a', 'glpat-b'] });
    expect((await h.get('/api/v4/groups', { 'PRIVATE-TOKEN': 'glpat-b' })).status).toBe(200);
    expect((await h.get('/api/v4/groups', { 'PRIVATE-TOKEN': DEFAULT_TOKEN })).status).toBe(401);
  });
});
