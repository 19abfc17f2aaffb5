import { describe, expect, it } from 'vitest';
import { Params, parseQuery, toQuery } from './params.js';

describe('toQuery (Rails Hash#to_query)', () => {
  const cases: [string, Record<string, string | string[]>, string][] = [
    ['sorts keys alphabetically', { sort: 'asc', order_by: 'id', page: '2' }, 'order_by=id&page=2&sort=asc'],
    ['escapes like CGI.escape, spaces as +', { search: "a b+c/d!'()*~" }, 'search=a+b%2Bc%2Fd%21%27%28%29%2A~'],
    ['renders lists as key%5B%5D repeated', { 'iids[]': ['3', '1'] }, 'iids%5B%5D=3&iids%5B%5D=1'],
    ['sorts the rendered pieces, so a list sorts by its first piece', { 'iids[]': ['1'], id: '7', i: 'x' }, 'i=x&id=7&iids%5B%5D=1'],
    ['keeps an encoded full path readable only as %2F', { id: 'acme/platform' }, 'id=acme%2Fplatform'],
    ['renders a colon in a time as %3A', { updated_after: '2025-01-01T00:00:00Z' }, 'updated_after=2025-01-01T00%3A00%3A00Z'],
  ];
  for (const [name, query, expected] of cases) {
    it(name, () => {
      expect(toQuery(query)).toBe(expected);
    });
  }
});

describe('Params', () => {
  const params = (qs: string, defaults: Record<string, string> = {}): Params =>
    new Params(parseQuery(new URLSearchParams(qs)), defaults);

  it('collects key[] parameters as lists and keeps the last value of other repeats', () => {
    expect(parseQuery(new URLSearchParams('iids[]=1&iids[]=2&a=1&a=2'))).toEqual({ 'iids[]': ['1', '2'], a: '2' });
  });

  it('lets sent values override declared defaults', () => {
    expect(params('sort=asc', { sort: 'desc', order_by: 'created_at' }).all).toEqual({ sort: 'asc', order_by: 'created_at' });
  });

  it('coerces booleans the way Grape does and rejects anything else with "is invalid"', () => {
    expect(params('a=true&b=0&c=yes').bool('a')).toBe(true);
    expect(params('a=true&b=0&c=yes').bool('b')).toBe(false);
    expect(params('a=true&b=0&c=yes').bool('c')).toBe(true);
    expect(() => params('a=maybe').bool('a')).toThrow(expect.objectContaining({ status: 400, body: { error: 'a is invalid' } }));
  });

  it('rejects a value outside the allowed set with "does not have a valid value"', () => {
    expect(() => params('state=open').oneOf('state', ['opened', 'closed', 'all'])).toThrow(
      expect.objectContaining({ status: 400, body: { error: 'state does not have a valid value' } }),
    );
  });

  it('parses ISO 8601 times, reading a time without a zone as UTC', () => {
    expect(params('t=2025-03-01T10:15:30.123Z').time('t')).toBe(Date.parse('2025-03-01T10:15:30.123Z'));
    expect(params('t=2025-03-01T10:15:30').time('t')).toBe(Date.parse('2025-03-01T10:15:30Z'));
    expect(params('t=2025-03-01T12:15:30%2B02:00').time('t')).toBe(Date.parse('2025-03-01T10:15:30Z'));
    expect(params('t=2025-03-01').time('t')).toBe(Date.parse('2025-03-01T00:00:00Z'));
  });

  it('rejects a time whose + was sent unencoded (it arrives as a space)', () => {
    expect(() => params('t=2025-03-01T12:15:30+02:00').time('t')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
