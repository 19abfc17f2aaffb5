import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitLabClient } from './client.js';
import { GitLabHttpError } from './errors/http-error.js';
import { GitLabNetworkError } from './errors/network-error.js';
import { captureLog, json, startServer, virtualClock, type TestServer } from './testing.js';

const TOKEN = 'glpat-safety-secret-0008';
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function server(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  cleanup.push(() => s.close());
  return s;
}

function client(apiUrl: string, extra: Partial<ConstructorParameters<typeof GitLabClient>[0]> = {}): GitLabClient {
  const c = new GitLabClient({ apiUrl, credentials: { kind: 'token', token: TOKEN }, clock: virtualClock(), random: () => 0.5, ...extra });
  cleanup.push(() => c.close());
  return c;
}

describe('redirects', () => {
  it('does not follow a redirect to another origin with the token', async () => {
    const elsewhere = await server((_q, res) => json(res, 200, []));
    const gitlab = await server((_q, res) => res.writeHead(301, { location: `${elsewhere.origin}/api/v4/projects/secret-path?x=1` }).end('moved'));
    const err = await client(gitlab.origin).page({ path: '/projects/group%2Fold' }).catch((e: unknown) => e);
    expect(elsewhere.requests).toHaveLength(0);
    expect(err).toBeInstanceOf(GitLabHttpError);
    expect(err).toMatchObject({ status: 301, disposition: 'fatal' });
    const message = (err as Error).message;
    expect(message).toContain(`redirects to another host (${elsewhere.host}); the redirect was not followed with the credential`);
    expect(message).not.toContain('secret-path');
  });

  it('does not follow an http→https upgrade either: the origin differs', async () => {
    const gitlab = await server((_q, res) => res.writeHead(308, { location: 'https://127.0.0.1/api/v4/projects' }).end());
    await expect(client(gitlab.origin).page({ path: '/projects' })).rejects.toThrow(/another host \(127\.0\.0\.1\)/);
  });

  it('follows a same-origin redirect of a moved project, keeping the token', async () => {
    const gitlab = await server((req, res) =>
      req.url.startsWith('/api/v4/projects/group%2Fold') ? res.writeHead(301, { location: '/api/v4/projects/42' }).end() : json(res, 200, { id: 42 }),
    );
    const c = client(gitlab.origin);
    expect(await c.get({ path: '/projects/group%2Fold' })).toEqual({ id: 42 });
    expect(gitlab.requests.map((r) => [r.url, r.headers['private-token']])).toEqual([
      ['/api/v4/projects/group%2Fold', TOKEN],
      ['/api/v4/projects/42', TOKEN],
    ]);
    expect(c.stats.requests).toBe(2);
  });

  it('stops after 3 redirects', async () => {
    const gitlab = await server((req, res) => res.writeHead(302, { location: `/api/v4/hop${gitlab.requests.length}` }).end());
    const err = await client(gitlab.origin).get({ path: '/start' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/more than 3 redirects; not followed/);
    expect(gitlab.requests).toHaveLength(4);
  });
});

describe('secrets', () => {
  it('no secret appears in error messages or logs', async () => {
    const creds = {
      kind: 'oauth' as const,
      clientId: 'app-id-123',
      clientSecret: 'gloas-client-secret-0009',
      accessToken: 'old-access-token-0009',
      refreshToken: 'old-refresh-token-0009',
      expiresAt: '2024-05-01T00:01:00Z', // about to expire: the first request refreshes
    };
    const rotated = { access_token: 'new-access-token-0010', refresh_token: 'new-refresh-token-0010', expires_in: 7200, token_type: 'bearer', created_at: 1 };
    const secrets = [TOKEN, creds.clientSecret, creds.accessToken, creds.refreshToken, rotated.access_token, rotated.refresh_token];
    // A hostile GitLab that echoes every credential it sees back in its bodies.
    const echo = (req: { headers: object; body: string; url: string }) => JSON.stringify({ message: 'echo', headers: req.headers, body: req.body, url: req.url });
    const gitlab = await server((req, res) => {
      if (req.url === '/oauth/token') return json(res, 200, rotated);
      if (req.url.startsWith('/api/v4/fail')) return res.writeHead(500).end(echo(req));
      if (req.url.startsWith('/api/v4/missing')) return res.writeHead(404).end(echo(req));
      if (req.url.startsWith('/api/v4/away')) return res.writeHead(302, { location: `https://elsewhere.example/x?private_token=${TOKEN}` }).end(echo(req));
      if (req.url.startsWith('/api/v4/reset')) return res.socket?.destroy();
      if (req.url.startsWith('/api/v4/loop')) return json(res, 200, [], { link: `<${gitlab.origin}${req.url}>; rel="next"` });
      return res.writeHead(403).end(echo(req));
    });
    const refusing = await server((_q, res) => json(res, 400, { error: 'invalid_grant', error_description: `refresh token ${creds.refreshToken} is spent` }));
    const { log, lines } = captureLog();
    const oauthClient = client(gitlab.origin, { credentials: creds, log, maxAttempts: 2 });
    const patClient = client(gitlab.origin, { log, maxAttempts: 2 });
    const refused = client(refusing.origin, { credentials: creds, log });

    const errors = await Promise.all(
      [
        oauthClient.page({ path: '/fail' }),
        oauthClient.page({ path: '/missing', params: { private_token: TOKEN, access_token: creds.accessToken } }),
        oauthClient.get({ path: '/away' }),
        oauthClient.get({ path: '/reset' }),
        oauthClient.page({ path: '/loop' }).then((p) => oauthClient.page({ next: p.next as string })),
        patClient.get({ path: '/forbidden' }),
        patClient.page({ path: '/fail', params: { refresh_token: creds.refreshToken, client_secret: creds.clientSecret } }),
        refused.get({ path: '/user' }),
      ].map((p) => p.then(() => new Error('expected a failure'), (e: unknown) => e as Error)),
    );
    expect(errors.map((e) => e.name)).toEqual([
      'GitLabHttpError',
      'GitLabHttpError',
      'GitLabHttpError',
      'GitLabNetworkError',
      'GitLabResponseError',
      'GitLabHttpError',
      'GitLabHttpError',
      'GitLabAuthError',
    ]);
    const everything = [...lines, ...errors.flatMap((e) => [e.message, String(e.stack), JSON.stringify({ ...e }), String((e.cause as Error | undefined)?.message)])].join('\n');
    expect(everything).toContain('[redacted]'); // the echoed bodies were there, and redacted
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});

describe('transport', () => {
  it('reuses one keep-alive connection across requests and closes it on close()', async () => {
    const gitlab = await server((_q, res) => json(res, 200, [], { 'x-next-page': '' }));
    const c = new GitLabClient({ apiUrl: gitlab.origin, credentials: { kind: 'token', token: TOKEN } });
    for (let i = 0; i < 10; i++) await c.page({ path: `/projects/${i}/issues` });
    // undici may open a second socket when a request is dispatched in the very tick the previous
    // one is being returned to the pool; after that both are reused.
    expect(gitlab.connections).toBeLessThanOrEqual(2);
    expect(gitlab.open).toBe(gitlab.connections);
    await c.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(gitlab.open).toBe(0);
    await expect(c.get({ path: '/user' })).rejects.toThrow(/used after close/);
  });

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!openssl)('verifies TLS against caCert, and a certificate that does not verify is fatal, not retried', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitlab-tls-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    let requests = 0;
    const https = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (_q, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}');
    });
    await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => (https.closeAllConnections(), https.close(() => r()))));
    const origin = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;

    expect(await client(origin, { caCert: cert }).get({ path: '/user' })).toEqual({ id: 1 });
    const err = await client(origin).get({ path: '/user' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabNetworkError);
    expect(err).toMatchObject({ disposition: 'fatal' });
    expect((err as Error).message).toMatch(/TLS certificate that does not verify.*PEM bundle/);
    expect(requests).toBe(1);
  });
});
