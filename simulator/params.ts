/**
 * @module Query parameters as Grape sees them: typed reads that fail the way Grape fails, declared
 * defaults merged in (they then appear in pagination links, as on GitLab), and Rails `to_query`,
 * which rebuilds the query string for those links.
 */
import { invalidType, invalidValue } from './errors.js';

/** A raw query: `key[]` parameters are lists, any other repeated key keeps its last value. */
export type Query = Record<string, string | string[]>;

export function parseQuery(search: URLSearchParams): Query {
  const out: Query = {};
  for (const [key, value] of search) {
    if (key.endsWith('[]')) {
      const list = out[key];
      out[key] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** `CGI.escape`: like encodeURIComponent, but also escapes `!'()*` and sends spaces as `+`. */
function cgiEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Rails `Hash#to_query`: each key renders as `k=v` (a list as `k%5B%5D=a&k%5B%5D=b`), and the
 * rendered pieces are sorted as strings, so keys come out in alphabetical order.
 */
export function toQuery(query: Query): string {
  return Object.entries(query)
    .map(([key, value]) => {
      if (!Array.isArray(value)) return `${cgiEscape(key)}=${cgiEscape(value)}`;
      const name = cgiEscape(key.endsWith('[]') ? key : `${key}[]`);
      return value.map((v) => `${name}=${cgiEscape(v)}`).join('&');
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join('&');
}

const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

/** The parameters of one request: what the client sent over the route's declared defaults. */
export class Params {
  readonly all: Query;

  constructor(sent: Query, defaults: Readonly<Record<string, string>> = {}) {
    this.all = { ...defaults, ...sent };
  }

  has(name: string): boolean {
    const v = this.all[name];
    return v !== undefined && v !== '';
  }

  string(name: string): string | undefined {
    const v = this.all[name];
    if (v === undefined || v === '') return undefined;
    return Array.isArray(v) ? v[v.length - 1] : v;
  }

  /** One of `values`, else Grape's "does not have a valid value". */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) throw invalidValue(name);
    return v as T;
  }

  bool(name: string): boolean | undefined {
    const v = this.string(name)?.toLowerCase();
    if (v === undefined) return undefined;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    throw invalidType(name);
  }

  int(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^[-+]?\d+$/.test(v.trim())) throw invalidType(name);
    return Number.parseInt(v, 10);
  }

  /** `key[]=1&key[]=2`, also accepting a single `key=1`. */
  intList(name: string): number[] | undefined {
    const v = this.all[`${name}[]`] ?? this.all[name];
    if (v === undefined) return undefined;
    const list = Array.isArray(v) ? v : [v];
    if (list.some((s) => !/^\d+$/.test(s))) throw invalidType(`${name}[]`);
    return list.map(Number);
  }

  /** An ISO 8601 datetime (or date) as epoch ms. A `+` sent unencoded arrives as a space and fails. */
  time(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v);
    if (!m) throw invalidType(name);
    const [, date, clock, zone] = m;
    // Rails reads a time without a zone as UTC (the instance's zone), never as the host's local time.
    const offset = zone === undefined ? 'Z' : zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(clock === undefined ? `${date}T00:00:00Z` : `${date}T${clock}${offset}`);
    if (Number.isNaN(ms)) throw invalidType(name);
    return ms;
  }
}
