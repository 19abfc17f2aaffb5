import { describe, expect, it } from 'vitest';
import { keyColumns, keyValues, quoteIdent } from './sqlite-keys.js';

describe('keyColumns', () => {
  it('names a column after its pointer, joining nested tokens with _', () => {
    expect(keyColumns('s', ['/project_id', '/author/id', '/a~1b']).map((c) => c.column)).toEqual([
      'project_id',
      'author_id',
      'a/b',
    ]);
  });

  it.each([
    [['/a_b', '/a/b'], 'key pointer /a/b maps to column "a_b", which is already taken'],
    [['/doc'], 'key pointer /doc maps to column "doc", which is already taken'],
    [[], 'collection "s" has an empty key'],
    [[''], 'collection "s" has an empty key pointer'],
  ])('rejects the key %j', (key, message) => {
    expect(() => keyColumns('s', key)).toThrow(message);
  });
});

describe('keyValues', () => {
  const columns = keyColumns('s', ['/k']);
  it.each([
    [{ k: 7 }, 7n],
    [{ k: 1.5 }, 1.5],
    [{ k: 'v1.0' }, 'v1.0'],
    [{ k: true }, 1n],
    [{ k: 2 ** 60 }, 2 ** 60], // beyond exact integers: kept as REAL rather than invented digits
  ])('binds %j as %s', (doc, value) => {
    expect(keyValues('s', columns, doc)).toEqual([value]);
  });

  it.each([
    [{}, 'has no value at key pointer /k'],
    [{ k: null }, 'has null at key pointer /k'],
    [{ k: [1] }, 'has an array at key pointer /k'],
    [{ k: { id: 1 } }, 'has an object at key pointer /k'],
    [{ k: Number.NaN }, 'has a non-finite number at key pointer /k'],
  ])('rejects %j', (doc, message) => {
    expect(() => keyValues('s', columns, doc)).toThrow(message);
  });
});

describe('quoteIdent', () => {
  it('doubles embedded quotes', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});
