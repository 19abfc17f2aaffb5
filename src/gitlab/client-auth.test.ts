import { afterEach, describe, expect, it } from 'vitest';
import type { Credentials, OAuthTokens } from './auth.js';
import { GitLabClient, type GitLabClientOptions } from './client.js';
import { GitLabAuthError } from './errors/auth-error.js';
import { captureLog, json, startServer, virtualClock, type Handler, type SeenRequest } from './testing.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

const clockStart = Date.parse('2024-05-01T00:00:00Z');
const oauth = (expiresInMs: number, extra: Partial<Extract<Credentials, { kind: 'oauth' }>> = {}): Credentials => ({
  kind: 'oauth',
  clientId: 'app-id-123',
  clientSecret: 'gloas-client-secret-0003',
  accessToken: 'old-access-token-0003',
  refreshToken: 'old-refresh-token-0003',
  expiresAt: new Date(clockStart + expiresInMs).toISOString(),
  ...extra,
});

/** Doorkeeper's refresh answer (fixtures/gitlab-api-examples/oauth_token.json), rotating both tokens. */
const ROTATED = { access_token: 'new-access-token-0004', token_type: 'bearer', expires_in: 7200, refresh_token: 'new-refresh-token-0004', created_at: 1628711391 };

async function setup(handler: Handler, options: Partial<GitLabClientOptions> & { credentials: Credentials }) {
  const clock = virtualClock(clockStart);
  const server = await startServer(handler, clock);
  const captured = captureLog();
  const client = new GitLabClient({ apiUrl: server.origin, clock, log: captured.log, random: () => 0.5, ...options });
  cleanup.push(() => client.close(), () => server.close());
  const api = () => server.requests.filter((r) => r.url.startsWith('/api/'));
  const refreshes = () => server.requests.filter((r) => r.url === '/oauth/token');
  return { server, client, clock, api, refreshes, captured };
}

/**
 * A GitLab that accepts one access token and rotates both on refresh. `revoked`: the old access
 * token is already refused (revoked, or expired by GitLab's clock). `onApi` sees each API request.
 */
function gitlab(options: { revoked?: boolean; reject?: object; onApi?: (req: SeenRequest) => void } = {}): Handler {
  let refreshToken = 'old-refresh-token-0003';
  let accepted = options.revoked ? 'none' : 'old-access-token-0003';
  return (req, res) => {
    if (req.url === '/oauth/token') {
      const form = new URLSearchParams(req.body);
      if (form.get('refresh_token') !== refreshToken) {
        return json(res, 400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' });
      }
      refreshToken = ROTATED.refresh_token; // strict rotation: the old pair dies now
      accepted = ROTATED.access_token;
      return json(res, 200, ROTATED);
    }
    options.onApi?.(req);
    if (req.headers['authorization'] !== `Bearer ${accepted}`) {
      return json(res, 401, options.reject ?? { error: 'invalid_token', error_description: 'Token is expired. You can either do re-authorization or token refresh.' });
    }
    json(res, 200, [{ id: 1 }], { 'x-next-page': '' });
  };
}

describe('GitLabClient OAuth', () => {
  it('refreshes an OAuth token before expiry and persists rotated tokens before the next request', async () => {
    const persisted: OAuthTokens[] = [];
    const persistedAtRequest: number[] = [];
    const { client, api, refreshes } = await setup(gitlab({ onApi: () => persistedAtRequest.push(persisted.length) }), {
      credentials: oauth(2 * 60_000, { redirectUri: 'https://dashboard.estuary.dev/oauth' }), // 2 minutes left: inside the 5-minute margin
      onTokensRotated: async (tokens) => {
        await new Promise((r) => setTimeout(r, 30)); // a checkpoint takes a while
        persisted.push(tokens);
      },
    });
    const pages = await Promise.all([1, 2, 3].map((i) => client.page({ path: `/projects/${i}/issues` })));
    expect(pages.map((p) => p.items)).toEqual([[{ id: 1 }], [{ id: 1 }], [{ id: 1 }]]);
    expect(refreshes()).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(refreshes()[0]?.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'old-refresh-token-0003',
      client_id: 'app-id-123',
      client_secret: 'gloas-client-secret-0003',
      redirect_uri: 'https://dashboard.estuary.dev/oauth',
    });
    expect(refreshes()[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(persisted).toEqual([{ accessToken: 'new-access-token-0004', refreshToken: 'new-refresh-token-0004', expiresAt: '2024-05-01T02:00:00.000Z' }]);
    expect(persistedAtRequest).toEqual([1, 1, 1]);
    expect(api().map((r) => r.headers['authorization'])).toEqual(Array(3).fill('Bearer new-access-token-0004'));
    expect(client.stats.refreshes).toBe(1);
  });

  it.each([
    ['{"error":"invalid_token",…}', undefined],
    ['{"message":"401 Unauthorized"}', { message: '401 Unauthorized' }],
  ])('refreshes on 401 %s and retries once', async (_name, reject) => {
    const { client, api, refreshes } = await setup(gitlab({ revoked: true, ...(reject ? { reject } : {}) }), { credentials: oauth(3_600_000) });
    expect((await client.page({ path: '/projects' })).items).toEqual([{ id: 1 }]);
    expect(refreshes()).toHaveLength(1);
    expect(api().map((r) => r.headers['authorization'])).toEqual(['Bearer old-access-token-0003', 'Bearer new-access-token-0004']);
    expect(client.stats).toMatchObject({ retries: 0, refreshes: 1 });
  });

  it('concurrent 401s wait for one refresh', async () => {
    const { client, refreshes, api } = await setup(gitlab({ revoked: true }), { credentials: oauth(3_600_000) });
    await Promise.all([1, 2, 3, 4].map((i) => client.get({ path: `/projects/${i}` })));
    expect(refreshes()).toHaveLength(1);
    expect(api().filter((r) => r.headers['authorization'] === 'Bearer new-access-token-0004')).toHaveLength(4);
  });

  it('a 401 with the refreshed token is fatal: the token was rejected', async () => {
    const { client, api, refreshes } = await setup(
      (req, res) => (req.url === '/oauth/token' ? json(res, 200, ROTATED) : json(res, 401, { message: '401 Unauthorized' })),
      { credentials: oauth(3_600_000) },
    );
    const err = await client.page({ path: '/projects' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabAuthError);
    expect(err).toMatchObject({ reason: 'token_rejected', status: 401, disposition: 'fatal', code: 'GITLAB_AUTH' });
    expect((err as Error).message).toMatch(/^the token was rejected \(401\): GET .*re-authorize/);
    expect(api()).toHaveLength(2);
    expect(refreshes()).toHaveLength(1);
  });

  it('a reused refresh token fails telling the user to re-authorize', async () => {
    const { client, api } = await setup(gitlab(), { credentials: oauth(-60_000, { refreshToken: 'spent-refresh-token-0005' }) });
    const err = await client.page({ path: '/projects' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabAuthError);
    expect(err).toMatchObject({ reason: 'refresh_refused', status: 400, disposition: 'fatal' });
    expect((err as Error).message).toMatch(/^GitLab refused to refresh the OAuth token \(400 invalid_grant\): POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token; re-authorize/);
    expect(api()).toHaveLength(0);
  });

  it('keeps the rotated tokens, and persists them again before the next request when persisting failed', async () => {
    let fail = true;
    const persisted: OAuthTokens[] = [];
    const { client, refreshes } = await setup(gitlab(), {
      credentials: oauth(60_000),
      onTokensRotated: async (tokens) => {
        if (fail) throw new Error('checkpoint failed');
        persisted.push(tokens);
      },
    });
    await expect(client.page({ path: '/projects' })).rejects.toThrow('checkpoint failed');
    fail = false;
    expect((await client.page({ path: '/projects' })).items).toEqual([{ id: 1 }]);
    expect(refreshes()).toHaveLength(1); // the old refresh token is dead: never refresh twice for one rotation
    expect(persisted.map((t) => t.refreshToken)).toEqual(['new-refresh-token-0004']);
  });

  it('sends the refresh to the instance root of a relative-URL GitLab', async () => {
    const clock = virtualClock(clockStart);
    const server = await startServer((req, res) => (req.url === '/gitlab/oauth/token' ? json(res, 200, ROTATED) : json(res, 200, {})), clock);
    const client = new GitLabClient({ apiUrl: `${server.origin}/gitlab`, credentials: oauth(0), clock });
    cleanup.push(() => client.close(), () => server.close());
    await client.get({ path: '/user' });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /gitlab/oauth/token', 'GET /gitlab/api/v4/user']);
  });

  it('secrets() lists the client secret and every token, rotated ones included', async () => {
    const { client } = await setup(gitlab(), { credentials: oauth(0) });
    await client.get({ path: '/user' });
    expect(client.secrets().sort()).toEqual(
      ['gloas-client-secret-0003', 'new-access-token-0004', 'new-refresh-token-0004', 'old-access-token-0003', 'old-refresh-token-0003'].sort(),
    );
  });
});

describe('GitLabClient access tokens', () => {
  it('a rejected access token is fatal and says so: the token was rejected (401)', async () => {
    const { client, server } = await setup((_q, res) => json(res, 401, { message: '401 Unauthorized' }), { credentials: { kind: 'token', token: 'glpat-revoked-0006' } });
    const err = await client.page({ path: '/projects' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabAuthError);
    expect(err).toMatchObject({ reason: 'token_rejected', disposition: 'fatal', userFacing: true });
    expect((err as Error).message).toMatch(/^the token was rejected \(401\): GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\?per_page=100; check that the access token/);
    expect(server.requests).toHaveLength(1);
  });

  it('403 insufficient_scope names read_api', async () => {
    const { client } = await setup(
      (_q, res) => json(res, 403, { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'read_api' }),
      { credentials: { kind: 'token', token: 'glpat-narrow-0007' } },
    );
    const err = await client.page({ path: '/projects' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabAuthError);
    expect(err).toMatchObject({ reason: 'insufficient_scope', status: 403, disposition: 'fatal' });
    expect((err as Error).message).toMatch(/insufficient_scope.*read_api scope/);
  });
});
