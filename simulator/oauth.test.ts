import { afterEach, describe, expect, it } from 'vitest';
import { INVALID_GRANT } from './oauth.js';
import { startHarness, type Harness } from './test-helpers.js';

const CLIENT = { clientId: 'app-1', clientSecret: 'app-secret-1' };
const PAIR = { accessToken: 'oauth-access-0', refreshToken: 'oauth-refresh-0' };
let h: Harness;
afterEach(async () => h.sim.close());

function refresh(refreshToken: string, client = CLIENT): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client.clientId, client_secret: client.clientSecret });
  return fetch(`${h.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('OAuth', () => {
  it('issues a rotated pair in Doorkeeper\'s shape, and the old pair dies at once (strict)', async () => {
    h = await startHarness({ oauthClients: [CLIENT], oauthTokens: [PAIR] });
    expect((await h.get('/api/v4/groups', bearer(PAIR.accessToken))).status).toBe(200);
    const res = await refresh(PAIR.refreshToken);
    expect(res.status).toBe(200);
    const t = (await res.json()) as Record<string, unknown>;
    expect(t).toMatchObject({ token_type: 'bearer', expires_in: 7200, scope: 'read_api' });
    expect(t['access_token']).toMatch(/^[0-9a-f]{64}$/);
    expect(t['refresh_token']).toMatch(/^[0-9a-f]{64}$/);
    expect(t['created_at']).toBe(Date.parse(h.sim.now()) / 1000);

    const old = await h.get('/api/v4/groups', bearer(PAIR.accessToken));
    expect(old.status).toBe(401);
    expect(await old.json()).toEqual({ error: 'invalid_token', error_description: expect.stringMatching(/^Token was revoked/) });
    const reused = await refresh(PAIR.refreshToken);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: 'invalid_grant', error_description: INVALID_GRANT });
    expect((await h.get('/api/v4/groups', bearer(String(t['access_token'])))).status).toBe(200);
    expect(h.sim.requests.at(-1)?.credential).toBe('oauth:1.2');
  });

  it('expires access tokens on the simulator clock with 401 invalid_token and WWW-Authenticate', async () => {
    h = await startHarness({ oauthClients: [CLIENT], oauthTokens: [PAIR], accessTokenLifetimeMs: 60_000 });
    h.sim.advanceClock(60_000);
    const res = await h.get('/api/v4/groups', bearer(PAIR.accessToken));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(((await res.json()) as { error_description: string }).error_description).toMatch(/^Token is expired/);
    // A refresh token outlives its access token.
    expect((await refresh(PAIR.refreshToken)).status).toBe(200);
  });

  it('expireAccessTokens() expires every token issued so far without moving the clock', async () => {
    h = await startHarness({ oauthClients: [CLIENT], oauthTokens: [PAIR] });
    const before = h.sim.now();
    h.sim.expireAccessTokens();
    expect(h.sim.now()).toBe(before);
    expect((await h.get('/api/v4/groups', bearer(PAIR.accessToken))).status).toBe(401);
  });

  it('revoke-on-use keeps the old pair until the new access token is first used', async () => {
    h = await startHarness({ oauthClients: [CLIENT], oauthTokens: [PAIR], oauthRotation: 'revoke-on-use' });
    const t = (await (await refresh(PAIR.refreshToken)).json()) as { access_token: string };
    expect((await h.get('/api/v4/groups', bearer(PAIR.accessToken))).status).toBe(200);
    expect((await h.get('/api/v4/groups', bearer(t.access_token))).status).toBe(200);
    expect((await h.get('/api/v4/groups', bearer(PAIR.accessToken))).status).toBe(401);
    expect((await refresh(PAIR.refreshToken)).status).toBe(400);
  });

  it('refuses an unknown client or a wrong secret with 401 invalid_client', async () => {
    h = await startHarness({ oauthClients: [CLIENT], oauthTokens: [PAIR] });
    const res = await refresh(PAIR.refreshToken, { ...CLIENT, clientSecret: 'wrong' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
    expect(h.sim.oauthRefreshes).toBe(0);
    expect(h.sim.oauthSecrets()).toEqual([PAIR.accessToken, PAIR.refreshToken]);
  });

  it('draws the same tokens from the same seed', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      h = await startHarness({ seed: 3, oauthClients: [CLIENT], oauthTokens: [PAIR] });
      tokens.push(((await (await refresh(PAIR.refreshToken)).json()) as { access_token: string }).access_token);
      await h.sim.close();
    }
    expect(tokens[0]).toBe(tokens[1]);
  });
});
