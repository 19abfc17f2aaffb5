import { afterEach, describe, expect, it } from 'vitest';
import { GitLabClient, type GitLabClientOptions } from './client.js';
import { GitLabResponseError } from './errors/response-error.js';
import { json, startServer, virtualClock, type Handler, type TestServer } from './testing.js';

const TOKEN = 'glpat-pagination-secret-0001';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function setup(handler: Handler, options: Partial<GitLabClientOptions> = {}): Promise<{ server: TestServer; client: GitLabClient }> {
  const server = await startServer(handler);
  const client = new GitLabClient({ apiUrl: server.origin, credentials: { kind: 'token', token: TOKEN }, clock: virtualClock(), random: () => 0.5, ...options });
  cleanup.push(() => client.close(), () => server.close());
  return { server, client };
}

/** Reads a whole list the way the engine does: page, then follow `next` until null. */
async function readAll(client: GitLabClient, path: string, params?: Record<string, string>): Promise<unknown[]> {
  const items: unknown[] = [];
  let page = await client.page({ path, ...(params ? { params } : {}) });
  items.push(...page.items);
  while (page.next !== null) {
    page = await client.page({ next: page.next });
    items.push(...page.items);
  }
  return items;
}

const link = (url: string, rel: string) => `<${url}>; rel="${rel}"`;

describe('GitLabClient pagination', () => {
  it('adds per_page=100 to the first page and sends the token in PRIVATE-TOKEN', async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, [{ id: 1 }], { 'x-next-page': '' }));
    const page = await client.page({ path: '/projects/42/issues', params: { state: 'all', updated_after: '2024-01-01T00:00:00+02:00' } });
    expect(page).toEqual({ items: [{ id: 1 }], next: null });
    const [req] = server.requests;
    expect(req?.url).toBe('/api/v4/projects/42/issues?state=all&updated_after=2024-01-01T00%3A00%3A00%2B02%3A00&per_page=100');
    expect(req?.headers['private-token']).toBe(TOKEN);
    expect(req?.headers['authorization']).toBeUndefined();
  });

  it('follows Link rel=next and stops when x-next-page is empty', async () => {
    const { server, client } = await setup((req, res) => {
      const page = Number(new URL(req.url, server.origin).searchParams.get('page') ?? '1');
      const at = (p: number) => `${server.origin}/api/v4/projects/42/issues?page=${p}&per_page=100`;
      const links = [page > 1 ? link(at(page - 1), 'prev') : '', page < 3 ? link(at(page + 1), 'next') : '', link(at(1), 'first'), link(at(3), 'last')];
      json(res, 200, [{ id: page }], { link: links.filter(Boolean).join(', '), 'x-next-page': page < 3 ? String(page + 1) : '' });
    });
    expect(await readAll(client, '/projects/42/issues')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v4/projects/42/issues?per_page=100',
      '/api/v4/projects/42/issues?page=2&per_page=100',
      '/api/v4/projects/42/issues?page=3&per_page=100',
    ]);
  });

  it('does not treat a short page as the last', async () => {
    const { client } = await setup((req, res) => {
      const second = req.url.includes('page=2');
      json(res, 200, second ? [{ id: 3 }] : [{ id: 1 }, { id: 2 }], {
        ...(second ? {} : { link: link('http://gitlab.example/api/v4/projects?page=2&per_page=100', 'next') }),
        'x-next-page': second ? '' : '2',
      });
    });
    expect(await readAll(client, '/projects')).toHaveLength(3);
  });

  it("sends the path of a foreign-origin Link to api_url's origin", async () => {
    // GitLab builds its links from its configured external URL, which a proxy may hide.
    const { server, client } = await setup((req, res) => {
      if (req.url.includes('page=2')) return json(res, 200, [{ id: 2 }], { 'x-next-page': '' });
      json(res, 200, [{ id: 1 }], { link: link('https://gitlab.internal.example:8443/api/v4/groups/7/projects?page=2&per_page=100', 'next') });
    });
    const first = await client.page({ path: '/groups/7/projects' });
    expect(first.next).toBe('/groups/7/projects?page=2&per_page=100');
    await client.page({ next: first.next as string });
    expect(server.requests[1]).toMatchObject({ url: '/api/v4/groups/7/projects?page=2&per_page=100', headers: expect.objectContaining({ 'private-token': TOKEN }) });
  });

  it('follows a keyset link (only rel=next) until no Link remains', async () => {
    const { server, client } = await setup((req, res) => {
      const cursor = new URL(req.url, server.origin).searchParams.get('cursor');
      if (cursor === 'eyJpZCI6Mn0=') return json(res, 200, [{ id: 3 }]);
      const next = `${server.origin}/api/v4/projects/1/issues?cursor=eyJpZCI6Mn0%3D&order_by=updated_at&pagination=keyset&per_page=2&sort=asc`;
      json(res, 200, [{ id: 1 }, { id: 2 }], { link: link(next, 'next') });
    });
    const params = { pagination: 'keyset', order_by: 'updated_at', sort: 'asc', per_page: '2' };
    expect(await readAll(client, '/projects/1/issues', params)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(server.requests[0]?.url).toBe('/api/v4/projects/1/issues?pagination=keyset&order_by=updated_at&sort=asc&per_page=2');
  });

  it('falls back to x-next-page when there is no Link header', async () => {
    const { server, client } = await setup((req, res) => {
      const page = Number(new URL(req.url, server.origin).searchParams.get('page') ?? '1');
      json(res, 200, [{ id: page }], { 'x-next-page': page < 2 ? String(page + 1) : '' });
    });
    expect(await readAll(client, '/projects/5/repository/commits', { ref_name: 'main' })).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests[1]?.url).toBe('/api/v4/projects/5/repository/commits?ref_name=main&per_page=100&page=2');
  });

  it('keeps a relative URL root (GitLab under /gitlab) in every request', async () => {
    const { server, client } = await setup((req, res) => {
      if (req.url.includes('page=2')) return json(res, 200, [], { 'x-next-page': '' });
      json(res, 200, [{ id: 1 }], { link: link('https://x.org/gitlab/api/v4/groups?page=2&per_page=100', 'next') });
    });
    const rooted = new GitLabClient({ apiUrl: `${server.origin}/gitlab`, credentials: { kind: 'token', token: TOKEN }, clock: virtualClock() });
    cleanup.push(() => rooted.close());
    void client;
    expect(await readAll(rooted, '/groups')).toEqual([{ id: 1 }]);
    expect(server.requests.map((r) => r.url)).toEqual(['/gitlab/api/v4/groups?per_page=100', '/gitlab/api/v4/groups?page=2&per_page=100']);
  });

  it('resumes from a token saved by an earlier run', async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, [{ id: 9 }], { 'x-next-page': '' }));
    expect(await client.page({ next: '/projects/1/issues?page=7&per_page=100' })).toEqual({ items: [{ id: 9 }], next: null });
    expect(server.requests[0]?.url).toBe('/api/v4/projects/1/issues?page=7&per_page=100');
  });

  it('refuses a token that would leave the API', async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, []));
    for (const next of ['https://evil.example/api/v4/x', '//evil.example/api/v4/x', '/../../oauth/token', 'projects']) {
      await expect(client.page({ next })).rejects.toThrow(/Implementation error/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a next link whose path is outside the API', async () => {
    const { client } = await setup((_req, res) => json(res, 200, [{ id: 1 }], { link: link('https://gitlab.example/-/elsewhere?page=2', 'next') }));
    const err = await client.page({ path: '/projects' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabResponseError);
    expect(err).toMatchObject({ problem: 'foreign_link', disposition: 'fatal' });
    expect((err as Error).message).toContain('/-/elsewhere?page=2 is not under /api/v4');
  });

  it('stops with an error when a next token repeats (loop detected)', async () => {
    // Page 2 links back to page 1, with its query keys in Rails' alphabetical order.
    const { server, client } = await setup((req, res) => {
      const second = req.url.includes('page=2');
      json(res, 200, [{ id: 1 }], { link: link(`${server.origin}/api/v4/projects/3/jobs?page=${second ? 1 : 2}&per_page=100&scope=success`, 'next') });
    });
    const err = await readAll(client, '/projects/3/jobs', { scope: 'success' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabResponseError);
    expect(err).toMatchObject({ problem: 'pagination_loop', disposition: 'fatal' });
    expect((err as Error).message).toMatch(/loop detected.*GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\/3\/jobs\?page=2/);
    expect(server.requests).toHaveLength(2);
  });

  it('rejects a body that is not a JSON array, naming the endpoint', async () => {
    const { client } = await setup((_req, res) => json(res, 200, { message: 'not a list' }));
    const err = await client.page({ path: '/projects/42/issues' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitLabResponseError);
    expect(err).toMatchObject({ code: 'GITLAB_RESPONSE', problem: 'not_a_list', disposition: 'fatal', status: 200 });
    expect((err as Error).message).toMatch(/expected a JSON array, got an object: GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\/42\/issues\?per_page=100$/);
  });

  it('get() returns one object', async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, { id: 42, name: 'p' }));
    expect(await client.get({ path: '/projects/group%2Fproject', params: { statistics: 'true' } })).toEqual({ id: 42, name: 'p' });
    expect(server.requests[0]?.url).toBe('/api/v4/projects/group%2Fproject?statistics=true');
  });
});
