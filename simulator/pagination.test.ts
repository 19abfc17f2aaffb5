import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, parseLinks, startHarness, type Harness } from './test-helpers.js';

/** The big project (1003) has 250 issues: 3 pages at per_page=100. */
const LIST = '/api/v4/projects/1003/issues';

function header(res: Response, name: string): string | null {
  return res.headers.get(name);
}

function rels(res: Response): string[] {
  return parseLinks(header(res, 'link')).map((l) => l.rel);
}

function pageOf(url: string): string | null {
  return new URL(url).searchParams.get('page');
}

describe('offset pagination', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('sends every header on the first page, with an empty x-prev-page', async () => {
    const res = await h.get(`${LIST}?per_page=100`);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(100);
    expect(header(res, 'x-page')).toBe('1');
    expect(header(res, 'x-per-page')).toBe('100');
    expect(header(res, 'x-next-page')).toBe('2');
    expect(header(res, 'x-prev-page')).toBe('');
    expect(header(res, 'x-total')).toBe('250');
    expect(header(res, 'x-total-pages')).toBe('3');
    expect(rels(res)).toEqual(['next', 'first', 'last']);
  });

  it('links prev, next, first and last, in that order, from a middle page', async () => {
    const res = await h.get(`${LIST}?per_page=100&page=2`);
    expect(header(res, 'x-next-page')).toBe('3');
    expect(header(res, 'x-prev-page')).toBe('1');
    const links = parseLinks(header(res, 'link'));
    expect(links.map((l) => l.rel)).toEqual(['prev', 'next', 'first', 'last']);
    expect(links.map((l) => pageOf(l.url))).toEqual(['1', '3', '1', '3']);
  });

  it('sends x-next-page present but empty on the last page', async () => {
    const res = await h.get(`${LIST}?per_page=100&page=3`);
    expect((await res.json()) as unknown[]).toHaveLength(50);
    expect(res.headers.has('x-next-page')).toBe(true);
    expect(header(res, 'x-next-page')).toBe('');
    expect(header(res, 'x-prev-page')).toBe('2');
    expect(rels(res)).toEqual(['prev', 'first', 'last']);
  });

  it('answers a page past the end with 200 [], no next or prev, and only first and last links', async () => {
    const res = await h.get(`${LIST}?per_page=100&page=9`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    expect(header(res, 'x-page')).toBe('9');
    expect(header(res, 'x-next-page')).toBe('');
    expect(header(res, 'x-prev-page')).toBe('');
    expect(header(res, 'x-total')).toBe('250');
    expect(rels(res)).toEqual(['first', 'last']);
  });

  it('reports at least one total page for an empty list', async () => {
    const res = await h.get(`${LIST}?iids[]=99999`);
    expect(await res.json()).toEqual([]);
    expect(header(res, 'x-total')).toBe('0');
    expect(header(res, 'x-total-pages')).toBe('1');
    expect(parseLinks(header(res, 'link')).map((l) => [l.rel, pageOf(l.url)])).toEqual([['first', '1'], ['last', '1']]);
  });

  it('builds absolute links on the instance host that repeat every parameter, keys sorted', async () => {
    const res = await h.get(`${LIST}?state=opened&per_page=10&sort=asc&order_by=updated_at&page=2`);
    const next = parseLinks(header(res, 'link')).find((l) => l.rel === 'next');
    const url = next?.url ?? '';
    expect(url.startsWith(`${h.url}/api/v4/projects/1003/issues?`)).toBe(true);
    const query = url.slice(url.indexOf('?') + 1);
    const keys = query.split('&').map((kv) => kv.split('=')[0]);
    expect(keys).toEqual([...keys].sort());
    // What the client sent, the route's declared defaults (as Grape's params carry them), and the path's id.
    expect(query).toBe('id=1003&order_by=updated_at&page=3&per_page=10&scope=all&sort=asc&state=opened&with_labels_details=false');
  });

  it('uses the configured baseUrl, not the listening address, in links', async () => {
    await h.sim.close();
    h = await startHarness({ baseUrl: 'https://gitlab.example.com' });
    const res = await h.get(`${LIST}?per_page=100`);
    for (const link of parseLinks(header(res, 'link'))) expect(link.url.startsWith('https://gitlab.example.com/api/v4/projects/1003/issues?')).toBe(true);
  });

  it('silently caps per_page at 100 while its links repeat what was asked', async () => {
    const res = await h.get(`${LIST}?per_page=500`);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(100);
    expect(header(res, 'x-per-page')).toBe('100');
    expect(header(res, 'x-total-pages')).toBe('3');
    expect(new URL(parseLinks(header(res, 'link'))[0]?.url ?? '').searchParams.get('per_page')).toBe('500');
  });

  it('defaults to 20 per page', async () => {
    const res = await h.get(LIST);
    expect((await res.json()) as unknown[]).toHaveLength(20);
    expect(header(res, 'x-per-page')).toBe('20');
    expect(header(res, 'x-total-pages')).toBe('13');
  });

  it('answers per_page=0 and a non-numeric per_page with 400 and Grape\'s error body', async () => {
    for (const value of ['0', 'abc', '-5']) {
      const res = await h.get(`${LIST}?per_page=${value}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'per_page does not have a valid value' });
    }
  });

  it('follows next links through every issue exactly once', async () => {
    const all = await h.getAll(`${LIST}?per_page=100&order_by=updated_at&sort=asc`);
    expect(all).toHaveLength(250);
    expect(new Set(ids(all)).size).toBe(250);
  });
});

describe('offset pagination past the totals limit', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ totalsLimit: 100 });
  });
  afterEach(() => h.sim.close());

  it('omits x-total, x-total-pages and rel="last" when more records match than the limit', async () => {
    const res = await h.get(`${LIST}?per_page=100`);
    expect(res.headers.has('x-total')).toBe(false);
    expect(res.headers.has('x-total-pages')).toBe(false);
    expect(header(res, 'x-next-page')).toBe('2');
    expect(rels(res)).toEqual(['next', 'first']);
  });

  it('still marks the last page with an empty x-next-page', async () => {
    const res = await h.get(`${LIST}?per_page=100&page=3`);
    expect(header(res, 'x-next-page')).toBe('');
    expect(rels(res)).toEqual(['prev', 'first']);
  });

  it('keeps the totals for a query that matches no more than the limit', async () => {
    const res = await h.get('/api/v4/projects/1001/issues');
    expect(header(res, 'x-total')).toBe('6');
    expect(rels(res)).toEqual(['first', 'last']);
  });
});
