import { describe, expect, it } from 'vitest';
import { nextLink, parseLinkHeader } from './link-header.js';

const base = 'https://gitlab.example.com/api/v4/projects/8/issues';

describe('parseLinkHeader', () => {
  it.each([
    ['no header', undefined, {}],
    ['null header', null, {}],
    ['an empty header', '', {}],
    ['only prev', `<${base}?page=1&per_page=3>; rel="prev"`, { prev: `${base}?page=1&per_page=3` }],
    [
      'several links in GitLab order (prev, next, first, last)',
      `<${base}?page=1&per_page=3>; rel="prev", <${base}?page=3&per_page=3>; rel="next", <${base}?page=1&per_page=3>; rel="first", <${base}?page=3&per_page=3>; rel="last"`,
      { prev: `${base}?page=1&per_page=3`, next: `${base}?page=3&per_page=3`, first: `${base}?page=1&per_page=3`, last: `${base}?page=3&per_page=3` },
    ],
    ['odd whitespace', `  < ${base}?page=2 >;rel = "next" ,<${base}?page=1>  ;  rel="first"  `, { next: `${base}?page=2`, first: `${base}?page=1` }],
    [
      'a keyset link (only rel=next, opaque cursor)',
      '<https://gitlab.example.com/api/v4/projects?pagination=keyset&per_page=50&order_by=id&sort=asc&id_after=42>; rel="next"',
      { next: 'https://gitlab.example.com/api/v4/projects?pagination=keyset&per_page=50&order_by=id&sort=asc&id_after=42' },
    ],
    ['a cursor with = padding and a comma in the URL', `<${base}?cursor=eyJpZCI6IjI2In0%3D&labels=a,b>; rel="next"`, { next: `${base}?cursor=eyJpZCI6IjI2In0%3D&labels=a,b` }],
    ['an unquoted, upper-case rel', `<${base}?page=2>; REL=Next`, { next: `${base}?page=2` }],
    ['several rels on one link', `<${base}?page=2>; rel="next last"`, { next: `${base}?page=2`, last: `${base}?page=2` }],
    ['extra parameters before rel', `<${base}?page=2>; title="page two"; rel="next"`, { next: `${base}?page=2` }],
    ['a link without rel is ignored', `<${base}?page=2>; title="x"`, {}],
    ['garbage', 'not a link header', {}],
  ])('%s', (_name, header, expected) => {
    expect(Object.fromEntries(parseLinkHeader(header))).toEqual(expected);
  });

  it('keeps the first link of a repeated rel', () => {
    expect(nextLink(`<${base}?page=2>; rel="next", <${base}?page=9>; rel="next"`)).toBe(`${base}?page=2`);
  });

  it('nextLink is null when there is no next', () => {
    expect(nextLink(`<${base}?page=1>; rel="first", <${base}?page=1>; rel="last"`)).toBeNull();
  });
});
