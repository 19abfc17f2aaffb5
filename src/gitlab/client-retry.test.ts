import { afterEach, describe, expect, it } from 'vitest';
import { GitLabClient, type GitLabClientOptions } from './client.js';
import { GitLabHttpError } from './errors/http-error.js';
import { GitLabNetworkError } from './errors/network-error.js';
import { captureLog, json, startServer, virtualClock, type Handler, type TestServer, type VirtualClock } from './testing.js';

const TOKEN = 'glpat-retry-secret-0002';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function setup(handler: Handler, options: Partial<GitLabClientOptions> = {}) {
  const clock = virtualClock();
  const server = await startServer(handler, clock);
  const captured = captureLog();
  const client = new GitLabClient({ apiUrl: server.origin, credentials: { kind: 'token', token: TOKEN }, clock, log: captured.log, random: () => 0.5, ...options });
  cleanup.push(() => client.close(), () => server.close());
  const warnings = () => captured.entries().filter((e) => e.level === 'warn');
  return { server, client, clock, warnings };
}

/** Fails the first `n` requests with `fail`, then answers `[{"id":1}]`. */
function failing(n: number, fail: Handler): Handler {
  let seen = 0;
  return (req, res) => (seen++ < n ? fail(req, res) : json(res, 200, [{ id: 1 }], { 'x-next-page': '' }));
}

const retrySleeps = (clock: VirtualClock) => clock.sleeps; // the limiter never waits at these volumes

describe('GitLabClient retries', () => {
  it('retries 503 then succeeds and logs the attempt', async () => {
    const { client, clock, warnings, server } = await setup(failing(1, (_q, res) => json(res, 503, { message: '503 Service Unavailable' })));
    expect((await client.page({ path: '/projects/9/issues' })).items).toEqual([{ id: 1 }]);
    expect(server.requests).toHaveLength(2);
    expect(retrySleeps(clock)).toEqual([500]);
    expect(warnings()).toEqual([
      expect.objectContaining({
        message: 'retrying request',
        fields: { method: 'GET', path: '/api/v4/projects/9/issues?per_page=100', status: 503, attempt: 1, delay_ms: 500 },
      }),
    ]);
    expect(client.stats).toEqual({ requests: 2, retries: 1, rateLimited: 0, refreshes: 0 });
  });

  it('backs off exponentially with full jitter', async () => {
    const { client, clock } = await setup(failing(5, (_q, res) => json(res, 500, { message: '500 Internal Server Error' })));
    await client.page({ path: '/projects' });
    expect(retrySleeps(clock)).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it.each([
    ['502', 502],
    ['504', 504],
  ])('retries a %s', async (_name, status) => {
    const { client, server } = await setup(failing(1, (_q, res) => res.writeHead(status).end('<html>Bad Gateway</html>')));
    await client.page({ path: '/projects' });
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After on 429, in seconds and as an HTTP date, without jitter', async () => {
    let n = 0;
    const { client, clock } = await setup((_q, res) => {
      n++;
      if (n === 1) return res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '7' }).end('Retry later\n');
      if (n === 2) return res.writeHead(429, { 'retry-after': new Date(clock.now() + 12_000).toUTCString() }).end('Retry later\n');
      json(res, 200, [], { 'x-next-page': '' });
    });
    await client.page({ path: '/projects' });
    expect(retrySleeps(clock).slice(0, 2)).toEqual([7000, 12000]);
    expect(client.stats.rateLimited).toBe(2);
  });

  it('honours RateLimit-Reset on 429 when there is no Retry-After', async () => {
    const { client, clock } = await setup(
      failing(1, (_q, res) => json(res, 429, { message: '429 Too Many Requests' }, { 'ratelimit-reset': String(clock.now() / 1000 + 20) })),
    );
    await client.page({ path: '/projects' });
    expect(retrySleeps(clock)[0]).toBe(20_000);
  });

  it('gives up after maxAttempts naming the endpoint and last status', async () => {
    const { client, server, warnings } = await setup((_q, res) => json(res, 502, { message: '502 Bad Gateway' }), { maxAttempts: 3 });
    const err = await client.page({ path: '/projects/9/issues' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabHttpError);
    expect(err).toMatchObject({ status: 502, attempt: 3, disposition: 'retriable', method: 'GET' });
    expect((err as Error).message).toBe(
      `GitLab answered 502 Bad Gateway: GET ${server.origin}/api/v4/projects/9/issues?per_page=100 (gave up after 3 attempts) — {"message":"502 Bad Gateway"}`,
    );
    expect(server.requests).toHaveLength(3);
    expect(warnings().map((w) => w.fields['attempt'])).toEqual([1, 2]);
  });

  it('retries a truncated body', async () => {
    const { client, server } = await setup(
      failing(1, (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('[{"id":1},{"id"');
        setTimeout(() => res.socket?.destroy(), 10);
      }),
    );
    expect((await client.page({ path: '/projects' })).items).toEqual([{ id: 1 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 200 whose body is not valid JSON', async () => {
    const { client, warnings } = await setup(failing(1, (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy error</html>')));
    expect((await client.page({ path: '/projects' })).items).toEqual([{ id: 1 }]);
    expect(warnings()[0]?.fields).toMatchObject({ status: 200, attempt: 1 });
  });

  it('retries a connection reset', async () => {
    const { client, warnings } = await setup(failing(1, (_q, res) => res.socket?.destroy()));
    expect((await client.page({ path: '/projects' })).items).toEqual([{ id: 1 }]);
    expect(warnings()[0]?.fields).toMatchObject({ status: null, attempt: 1, error: expect.stringMatching(/^GitLab could not be reached: GET/) });
  });

  it('times out a stalled response and retries', async () => {
    const { client, warnings } = await setup(failing(1, () => {}), { requestTimeoutMs: 150 });
    expect((await client.page({ path: '/projects' })).items).toEqual([{ id: 1 }]);
    expect(warnings()[0]?.fields['error']).toMatch(/^GitLab did not answer within 150 ms: GET /);
  });

  it('times out a body that stalls after the headers and retries', async () => {
    const { client, server } = await setup(failing(1, (_q, res) => void res.writeHead(200, { 'content-type': 'application/json' }).write('[')), { requestTimeoutMs: 150 });
    expect((await client.page({ path: '/projects' })).items).toEqual([{ id: 1 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('a network failure on every attempt ends in a GitLabNetworkError', async () => {
    const { client } = await setup((_q, res) => res.socket?.destroy(), { maxAttempts: 2 });
    const err = await client.get({ path: '/projects/1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabNetworkError);
    expect(err).toMatchObject({ code: 'GITLAB_NETWORK', disposition: 'retriable', attempt: 2 });
    expect((err as Error).message).toMatch(/^GitLab could not be reached: GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\/1 \(gave up after 2 attempts\)/);
    expect((err as Error).cause).toBeInstanceOf(Error);
  });

  it.each([
    [404, '{"message":"404 Project Not Found"}', 'skippable'],
    [403, '{"message":"403 Forbidden"}', 'skippable'],
    [400, '{"error":"page does not have a valid value"}', 'fatal'],
    [405, '{"error":"Keyset pagination is not yet available for this type of request"}', 'fatal'],
    [422, '{"message":"422 Unprocessable Entity"}', 'fatal'],
  ])('does not retry a %i; it is %s', async (status, body, disposition) => {
    const { client, server } = await setup((_q, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
    const err = await client.page({ path: '/projects/9/issues' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabHttpError);
    expect(err).toMatchObject({ status, disposition, attempt: 1, body, url: `${server.origin}/api/v4/projects/9/issues?per_page=100` });
    expect(server.requests).toHaveLength(1);
  });

  it('says what failed in ky form, with the body excerpt cut to 300 characters', async () => {
    const { client, server } = await setup((_q, res) => json(res, 404, { message: '404 Project Not Found', padding: 'x'.repeat(1000) }));
    const err = (await client.page({ path: '/projects/9/issues' }).catch((e: unknown) => e)) as GitLabHttpError;
    expect(err.message.startsWith(`GitLab answered 404 Not Found: GET ${server.origin}/api/v4/projects/9/issues?per_page=100 — {"message":"404 Project Not Found"`)).toBe(true);
    expect(err.body).toHaveLength(300);
  });

  it("stops at once when the caller's signal aborts, without retrying", async () => {
    const controller = new AbortController();
    // GitLab has the request and stalls; then the capture is stopped.
    const { client, server } = await setup(() => controller.abort(new Error('capture stopped')));
    await expect(client.page({ path: '/projects' }, controller.signal)).rejects.toThrow('capture stopped');
    expect(server.requests).toHaveLength(1);
    expect(client.stats.retries).toBe(0);
  });
});

describe('GitLabClient unusable answers', () => {
  it('a 200 that is never JSON ends naming the endpoint and how the body starts', async () => {
    const { client, server } = await setup((_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>Sign in · GitLab</title></html>'), { maxAttempts: 2 });
    const err = await client.get({ path: '/projects/1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'GitLabResponseError', problem: 'invalid_json', disposition: 'retriable', attempt: 2 });
    expect((err as Error).message).toBe(
      `GitLab's answer was unusable, the body is not valid JSON (it starts "<html><title>Sign in · GitLab</title></html>"): GET ${server.origin}/api/v4/projects/1 (gave up after 2 attempts)`,
    );
  });
});
