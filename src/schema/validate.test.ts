import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../engine/types.js';
import { validate } from './validate.js';

const schema: JsonObject = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: ['string', 'null'] },
    duration: { type: ['number', 'null'] },
    created_at: { type: ['string', 'null'], format: 'date-time' },
    author: { type: ['object', 'null'], properties: { id: { type: ['integer', 'null'] } } },
    labels: { type: ['array', 'null'], items: { type: 'string' } },
    trailers: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
    anything: {},
  },
  required: ['id'],
};

describe('validate', () => {
  it.each([
    ['a full document', { id: 1, title: 't', duration: 0.5, created_at: '2013-09-30T13:46:02Z', author: { id: 2 }, labels: ['a'] }],
    ['nulls in nullable fields', { id: 1, title: null, created_at: null, author: null, labels: null }],
    ['an integer where a number is allowed', { id: 1, duration: 34 }],
    ['unknown fields, at the top and nested', { id: 1, extra: [1], author: { id: 1, bio: 'x' } }],
    ['any value where the schema has no type', { id: 1, anything: { deep: [null] } }],
    ['a map whose values match additionalProperties', { id: 1, trailers: { Cc: 'Jane' } }],
  ])('accepts %s', (_case, doc) => {
    expect(validate(doc, schema)).toEqual([]);
  });

  it.each([
    ['a missing key field', { title: 't' }, [{ pointer: '/id', message: 'required field is missing' }]],
    ['null in a key field', { id: null }, [{ pointer: '/id', message: 'expected integer, got null' }]],
    ['a fraction in an integer field', { id: 1.5 }, [{ pointer: '/id', message: 'expected integer, got number' }]],
    ['a wrong nested type', { id: 1, author: { id: '2' } }, [{ pointer: '/author/id', message: 'expected integer or null, got string' }]],
    ['a wrong array element', { id: 1, labels: ['a', 3] }, [{ pointer: '/labels/1', message: 'expected string, got integer' }]],
    ['a date where a date-time is expected', { id: 1, created_at: '2018-07-31' }, [
      { pointer: '/created_at', message: 'expected a date-time, got "2018-07-31"' },
    ]],
    ['a map value of the wrong type', { id: 1, trailers: { Cc: ['a'] } }, [{ pointer: '/trailers/Cc', message: 'expected string, got array' }]],
    ['a document that is not an object', [], [{ pointer: '', message: 'expected object, got array' }]],
  ])('rejects %s', (_case, doc, errors) => {
    expect(validate(doc, schema)).toEqual(errors);
  });

  it('rejects unknown fields only where additionalProperties is false', () => {
    const closed: JsonObject = { type: 'object', properties: { 'a/b': { type: 'string' } }, additionalProperties: false };
    expect(validate({ 'a/b': 'x', c: 1 }, closed)).toEqual([{ pointer: '/c', message: 'unknown field' }]);
    expect(validate({ 'a/b': 1 }, closed)).toEqual([{ pointer: '/a~1b', message: 'expected string, got integer' }]);
  });
});
