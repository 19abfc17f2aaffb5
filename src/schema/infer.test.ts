import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../engine/types.js';
import { inferSchema, isDateTime } from './infer.js';

/** The inferred schema of field `name`. */
function field(examples: readonly unknown[], name: string, options: Parameters<typeof inferSchema>[1] = { key: [] }) {
  const properties = inferSchema(examples, options)['properties'] as JsonObject;
  return properties[name];
}

describe('inferSchema: types of non-key fields', () => {
  it.each([
    ['a string', 'x', { type: ['string', 'null'] }],
    ['a boolean', false, { type: ['boolean', 'null'] }],
    ['an integer', 3, { type: ['integer', 'null'] }],
    ['a fraction', 0.192, { type: ['number', 'null'] }],
    ['null in every example: no restriction', null, {}],
    ['an empty array: no items restriction', [], { type: ['array', 'null'] }],
    ['an array of strings', ['a', 'b'], { type: ['array', 'null'], items: { type: 'string' } }],
    ['an empty object', {}, { type: ['object', 'null'], properties: {} }],
  ])('%s', (_case, value, expected) => {
    expect(field([{ f: value }], 'f')).toEqual(expected);
  });

  it.each([
    ['integers only stay integer', [1, 2], { type: ['integer', 'null'] }],
    ['an integer and a fraction merge to number', [34, 0.173], { type: ['number', 'null'] }],
    ['null next to a value adds nothing new', [null, 'x'], { type: ['string', 'null'] }],
    ['conflicting types give a union in a fixed order', [true, 'false', 1], { type: ['string', 'integer', 'boolean', 'null'] }],
    ['an object and a string', ['x', { a: 1 }], { type: ['string', 'object', 'null'], properties: { a: { type: ['integer', 'null'] } } }],
  ])('%s', (_case, values, expected) => {
    expect(field(values.map((f) => ({ f })), 'f')).toEqual(expected);
  });

  it('takes the union of the examples\u2019 fields, in first-seen order', () => {
    const schema = inferSchema([{ a: 1, b: 'x' }, { c: true, a: 2 }], { key: [] });
    expect(Object.keys(schema['properties'] as JsonObject)).toEqual(['a', 'b', 'c']);
    expect(schema['required']).toBeUndefined();
  });

  it('is an object schema that never forbids unknown fields', () => {
    const schema = inferSchema([{ a: { b: [{ c: 1 }] } }], { key: [] });
    expect(schema['type']).toBe('object');
    expect(JSON.stringify(schema)).not.toContain('additionalProperties');
  });

  it('rejects an example that is not an object', () => {
    expect(() => inferSchema([[1]], { key: [] })).toThrow('example 0 is not an object');
    expect(() => inferSchema([null], { key: [] })).toThrow('example 0 is not an object');
  });
});

describe('inferSchema: nested objects and arrays', () => {
  it('recurses into nested objects, whose fields are nullable too', () => {
    const examples = [{ author: { id: 1, name: 'a' } }, { author: null }, { author: { id: 2, bio: null } }];
    expect(field(examples, 'author')).toEqual({
      type: ['object', 'null'],
      properties: { id: { type: ['integer', 'null'] }, name: { type: ['string', 'null'] }, bio: {} },
    });
  });

  it('merges the elements of arrays of objects into one items schema', () => {
    const examples = [{ assignees: [{ id: 1, name: 'a' }] }, { assignees: [] }, { assignees: [{ id: 2, state: 'active' }] }];
    expect(field(examples, 'assignees')).toEqual({
      type: ['array', 'null'],
      items: {
        type: 'object',
        properties: { id: { type: ['integer', 'null'] }, name: { type: ['string', 'null'] }, state: { type: ['string', 'null'] } },
      },
    });
  });

  it('keeps array elements as observed: null only where an element was null', () => {
    expect(field([{ f: ['a', null] }], 'f')).toEqual({ type: ['array', 'null'], items: { type: ['string', 'null'] } });
    expect(field([{ f: [[1], [2.5]] }], 'f')).toEqual({
      type: ['array', 'null'],
      items: { type: 'array', items: { type: 'number' } },
    });
  });
});

describe('inferSchema: keys', () => {
  it.each([
    ['one key field', [{ id: 1, name: 'a' }], ['/id'], ['id'], { id: { type: 'integer' } }],
    ['a composite key, in key order', [{ name: 'main', project_id: 3 }], ['/project_id', '/name'], ['project_id', 'name'], {
      project_id: { type: 'integer' },
      name: { type: 'string' },
    }],
    ['a key field that is null in some examples', [{ id: 'a' }, { id: null }], ['/id'], ['id'], { id: { type: 'string' } }],
    ['a key field of two types', [{ id: 'a' }, { id: 1 }], ['/id'], ['id'], { id: { type: ['string', 'integer'] } }],
  ])('%s is required and not nullable', (_case, examples, key, required, keyFields) => {
    const schema = inferSchema(examples, { key });
    expect(schema['required']).toEqual(required);
    expect(schema['properties']).toMatchObject(keyFields);
  });

  it('makes an added key field required and not nullable', () => {
    const schema = inferSchema([{ name: 'v1' }], { key: ['/project_id', '/name'], extra: { project_id: { type: 'integer' } } });
    expect(schema['required']).toEqual(['project_id', 'name']);
    expect((schema['properties'] as JsonObject)['project_id']).toEqual({ type: 'integer' });
  });

  it('requires each level of a nested key pointer', () => {
    const schema = inferSchema([{ a: { b: 1, c: 2 } }], { key: ['/a/b'] });
    expect(schema['required']).toEqual(['a']);
    expect((schema['properties'] as JsonObject)['a']).toEqual({
      type: 'object',
      properties: { b: { type: 'integer' }, c: { type: ['integer', 'null'] } },
      required: ['b'],
    });
  });

  it.each([
    ['absent from examples and extra', [{ id: 1 }], ['/tag_name'], 'key field /tag_name is in no example and not in extra'],
    ['null in every example', [{ id: null }], ['/id'], 'key field /id has no type'],
    ['not a pointer', [{ id: 1 }], ['id'], 'JSON pointer must start with "/"'],
  ])('fails for a key field %s', (_case, examples, key, message) => {
    expect(() => inferSchema(examples, { key })).toThrow(message);
  });
});

describe('inferSchema: added fields and overrides', () => {
  it.each([
    ['an added id becomes nullable', { author_id: { type: 'integer' } }, 'author_id', { type: ['integer', 'null'] }],
    ['an already nullable type stays as given', { user_id: { type: ['integer', 'null'] } }, 'user_id', { type: ['integer', 'null'] }],
    ['a schema without a type stays unrestricted', { anything: {} }, 'anything', {}],
    ['an added field replaces what the examples show', { id: { type: 'string' } }, 'id', { type: ['string', 'null'] }],
  ])('%s', (_case, extra, name, expected) => {
    expect(field([{ id: 1 }], name, { key: [], extra })).toEqual(expected);
  });

  it('replaces a documented quirk at the top level (epics: "confidential": "false")', () => {
    const examples = [{ confidential: 'false' }, { confidential: true }];
    expect(field(examples, 'confidential')).toEqual({ type: ['string', 'boolean', 'null'] });
    expect(field(examples, 'confidential', { key: [], overrides: { '/confidential': { type: 'boolean' } } })).toEqual({
      type: ['boolean', 'null'],
    });
  });

  it('replaces a nested field by JSON pointer', () => {
    const map = { type: 'object', additionalProperties: { type: 'string' } };
    expect(field([{ commit: { id: 'a', trailers: {} } }], 'commit', { key: [], overrides: { '/commit/trailers': map } })).toEqual({
      type: ['object', 'null'],
      properties: { id: { type: ['string', 'null'] }, trailers: { ...map, type: ['object', 'null'] } },
    });
  });

  it('keeps an overridden key field required and not nullable', () => {
    const schema = inferSchema([{ id: '1' }], { key: ['/id'], overrides: { '/id': { type: 'integer' } } });
    expect(schema['properties']).toEqual({ id: { type: 'integer' } });
    expect(schema['required']).toEqual(['id']);
  });

  it('fails for an override below a field that does not exist', () => {
    expect(() => inferSchema([{ a: 1 }], { key: [], overrides: { '/b/c': { type: 'string' } } })).toThrow('/b/c: no property "b"');
  });
});

describe('isDateTime', () => {
  it.each([
    ['UTC with milliseconds', '2016-01-04T15:31:39.996Z', true],
    ['UTC without milliseconds', '2013-09-30T13:46:02Z', true],
    ['a negative offset', '2024-06-27T05:51:39-07:00', true],
    ['a positive offset with milliseconds', '2021-09-20T09:06:12.300+03:00', true],
    ['a zero offset', '2021-09-20T11:50:22.001+00:00', true],
    ['a date only', '2018-07-31', false],
    ['no zone', '2018-07-31T10:00:00', false],
    ['no seconds', '2018-07-31T10:00Z', false],
    ['a space instead of T', '2018-07-31 10:00:00Z', false],
    ['an offset without a colon', '2018-07-31T10:00:00+0200', false],
    ['month 13', '2018-13-01T10:00:00Z', false],
    ['not a date', 'yesterday', false],
  ])('%s: %s', (_case, value, expected) => {
    expect(isDateTime(value)).toBe(expected);
  });
});

describe('inferSchema: date-time format', () => {
  it.each([
    ['every value a timestamp, offsets and no millis mixed', ['2013-09-30T13:46:02Z', '2012-09-20T11:50:22+03:00'], true],
    ['timestamps and nulls', ['2016-08-11T07:36:40.222Z', null], true],
    ['a date-only field (due_date)', ['2018-07-31', null], false],
    ['one value that is not a timestamp', ['2016-08-11T07:36:40.222Z', '2018-07-31'], false],
    ['only nulls', [null, null], false],
  ])('%s', (_case, values, hasFormat) => {
    const schema = field(values.map((f) => ({ f })), 'f') as JsonObject;
    expect(schema['format'] === 'date-time').toBe(hasFormat);
  });

  it('detects timestamps in nested objects and array elements', () => {
    const schema = inferSchema([{ author: { created_at: '2013-09-30T13:46:01Z' }, evidences: [{ collected_at: '2019-01-03T01:56:19.539Z' }] }], {
      key: [],
    });
    expect(JSON.stringify(schema).match(/date-time/g)).toHaveLength(2);
  });
});
