/**
 * @module Helpers for the simulator's own tests: a simulator listening on a random loopback
 * port, and requests to it with the default token. No test framework imports, so the file
 * type-checks with the rest.
 */
import { DEFAULT_TOKEN, createSimulator, type Simulator, type SimulatorOptions } from './index.js';

export interface Harness {
  readonly sim: Simulator;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** GET `path` (below the base URL) with `PRIVATE-TOKEN: DEFAULT_TOKEN` unless `headers` replace it. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** GET and parse JSON, failing on a non-200. */
  getJson<T = Record<string, unknown>[]>(path: string): Promise<T>;
  /** Every item of a list, following `rel="next"` links from `path`. */
  getAll(path: string): Promise<Record<string, unknown>[]>;
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const sim = createSimulator(options);
  const url = await sim.listen(0);
  const get = (path: string, headers: Record<string, string> = { 'PRIVATE-TOKEN': DEFAULT_TOKEN }): Promise<Response> =>
    fetch(path.startsWith('http') ? path : `${url}${path}`, { headers });
  const getJson = async <T>(path: string): Promise<T> => {
    const res = await get(path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const getAll = async (path: string): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    for (let next: string | undefined = path; next !== undefined; ) {
      const res = await get(next);
      if (res.status !== 200) throw new Error(`GET ${next}: ${res.status} ${await res.text()}`);
      items.push(...((await res.json()) as Record<string, unknown>[]));
      next = nextLink(res.headers.get('link'));
    }
    return items;
  };
  return { sim, url, get, getJson, getAll };
}

/** The links of a Link header, by rel, in header order. */
export function parseLinks(header: string | null): { rel: string; url: string }[] {
  if (header === null || header === '') return [];
  return header.split(', ').map((part) => {
    const m = /^<([^>]+)>; rel="([a-z]+)"$/.exec(part);
    if (!m) throw new Error(`malformed link: ${part}`);
    return { url: m[1] as string, rel: m[2] as string };
  });
}

export function nextLink(header: string | null): string | undefined {
  return parseLinks(header).find((l) => l.rel === 'next')?.url;
}

export function ids(items: readonly Record<string, unknown>[]): number[] {
  return items.map((i) => i['id'] as number);
}
