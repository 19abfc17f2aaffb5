/**
 * @module Infers a document's JSON schema from example objects, following the rules of
 * docs/streams.md: every field nullable unless it is part of the key, key fields required and
 * non-nullable, unknown fields allowed. The output uses only `type`, `properties`, `items`,
 * `required` and `format`, so it reads the same under draft 2020-12 (Flow) and draft-07 (Airbyte).
 */
import type { JsonObject, JsonValue } from '../engine/types.js';

export interface InferOptions {
  /** Collection key as JSON pointers (`/project_id`): these fields become required and non-nullable. */
  readonly key: readonly string[];
  /**
   * Fields the connector adds to each document (parent ids, flattened ids), by top-level name.
   * Each replaces what the examples say about that field, then follows the nullability rule.
   */
  readonly extra?: Readonly<Record<string, JsonObject>>;
  /**
   * Schemas that replace the inferred one at a JSON pointer (`/confidential`, `/commit/trailers`),
   * for documented examples known to be wrong. Applied after `extra`, then the nullability rule.
   */
  readonly overrides?: Readonly<Record<string, JsonObject>>;
}

type TypeName = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** Canonical order of types in a union, so the output does not depend on example order. */
const TYPE_ORDER: readonly TypeName[] = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'];

/** What the examples showed at one position. */
interface Shape {
  readonly types: Set<TypeName>;
  /** Object properties, in first-seen order. */
  readonly properties: Map<string, Shape>;
  /** Array elements; undefined while no element was seen. */
  items: Shape | undefined;
  /** Whether every string seen here is an RFC 3339 date-time. */
  allDateTime: boolean;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether `value` is an ISO 8601 timestamp with time and zone, as JSON Schema's `date-time`
 * (RFC 3339) accepts it: `2016-01-04T15:31:39.996Z`, `2013-09-30T13:46:02Z`,
 * `2024-06-27T05:51:39-07:00`. Dates alone (`2018-07-31`) are not.
 */
export function isDateTime(value: string): boolean {
  return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function emptyShape(): Shape {
  return { types: new Set(), properties: new Map(), items: undefined, allDateTime: true };
}

function observe(shape: Shape, value: unknown): void {
  if (value === null || value === undefined) {
    shape.types.add('null');
  } else if (typeof value === 'boolean') {
    shape.types.add('boolean');
  } else if (typeof value === 'number') {
    shape.types.add(Number.isInteger(value) ? 'integer' : 'number');
  } else if (typeof value === 'string') {
    shape.types.add('string');
    if (!isDateTime(value)) shape.allDateTime = false;
  } else if (Array.isArray(value)) {
    shape.types.add('array');
    for (const element of value) {
      shape.items ??= emptyShape();
      observe(shape.items, element);
    }
  } else if (typeof value === 'object') {
    shape.types.add('object');
    for (const [name, child] of Object.entries(value)) {
      let childShape = shape.properties.get(name);
      if (childShape === undefined) {
        childShape = emptyShape();
        shape.properties.set(name, childShape);
      }
      observe(childShape, child);
    }
  } else {
    throw new TypeError(`not a JSON value: ${typeof value}`);
  }
}

/** The schema of one position. Fields are nullable; array elements keep what was seen. */
function toSchema(shape: Shape, nullable: boolean): JsonObject {
  const types = TYPE_ORDER.filter((t) => t !== 'null' && shape.types.has(t));
  // An integer is a number: a field seen as both is a number.
  const merged = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
  if (merged.length === 0) return {}; // only null seen: no restriction
  const withNull: string[] = nullable || shape.types.has('null') ? [...merged, 'null'] : [...merged];
  const schema: JsonObject = { type: withNull.length === 1 ? (withNull[0] as string) : withNull };
  if (merged.includes('string') && shape.allDateTime) schema['format'] = 'date-time';
  if (merged.includes('object')) {
    const properties: JsonObject = {};
    for (const [name, child] of shape.properties) properties[name] = toSchema(child, true);
    schema['properties'] = properties;
  }
  if (merged.includes('array') && shape.items !== undefined) schema['items'] = toSchema(shape.items, false);
  return schema;
}

/** `schema` with `null` added to its type; a schema without a type already allows null. */
function allowNull(schema: JsonObject): JsonObject {
  const type = schema['type'];
  if (type === undefined) return schema;
  const list = Array.isArray(type) ? type : [type];
  return list.includes('null') ? schema : { ...schema, type: [...list, 'null'] };
}

/** `schema` with `null` removed from its type. A key field must have one. */
function disallowNull(schema: JsonObject, pointer: string): JsonObject {
  const type = schema['type'];
  if (type === undefined) throw new Error(`key field ${pointer} has no type: no example or extra gives one`);
  const list = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null');
  if (list.length === 0) throw new Error(`key field ${pointer} is only ever null`);
  return { ...schema, type: list.length === 1 ? (list[0] as JsonValue) : list };
}

function parsePointer(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must start with "/": ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function propertiesOf(schema: JsonObject, pointer: string): JsonObject {
  const properties = schema['properties'];
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw new Error(`${pointer}: the parent is not an object with properties`);
  }
  return properties;
}

/** Puts `value` as the property schema at `pointer`; every parent must already be an object schema. */
function setAt(root: JsonObject, pointer: string, value: JsonObject): void {
  const tokens = parsePointer(pointer);
  const leaf = tokens.pop() as string;
  let parent = root;
  for (const token of tokens) {
    const child = propertiesOf(parent, pointer)[token];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) {
      throw new Error(`${pointer}: no property "${token}"`);
    }
    parent = child;
  }
  propertiesOf(parent, pointer)[leaf] = value;
}

function requireAt(root: JsonObject, pointer: string): void {
  const tokens = parsePointer(pointer);
  let schema = root;
  for (const token of tokens) {
    const properties = propertiesOf(schema, pointer);
    const current = properties[token];
    if (typeof current !== 'object' || current === null || Array.isArray(current)) {
      throw new Error(`key field ${pointer} is in no example and not in extra`);
    }
    const required = Array.isArray(schema['required']) ? schema['required'] : [];
    if (!required.includes(token)) schema['required'] = [...required, token];
    const strict = disallowNull(current, pointer);
    properties[token] = strict;
    schema = strict;
  }
}

/**
 * The JSON schema of documents shaped like `examples` (objects as the API returns them).
 *
 * - `properties` is the union of the examples' fields, recursing into objects and arrays of
 *   objects; unknown fields are allowed (no `additionalProperties: false` anywhere).
 * - Types are those observed (a union when examples disagree; `integer` and `number` merge to
 *   `number`). Every field other than a key field also allows `null`; a field that is `null`
 *   in every example gets `{}` (any value). Array elements keep the types observed.
 * - A string gets `format: 'date-time'` only when every value observed there is one.
 * - Key fields are required at each level of their pointer and exclude `null`.
 *
 * @example
 * inferSchema([{ id: 1, title: 'a', closed_at: null }], { key: ['/id'] })
 * // { type: 'object', properties: { id: { type: 'integer' }, title: { type: ['string', 'null'] },
 * //   closed_at: {} }, required: ['id'] }
 */
export function inferSchema(examples: readonly unknown[], options: InferOptions): JsonObject {
  const root = emptyShape();
  for (const [i, example] of examples.entries()) {
    if (typeof example !== 'object' || example === null || Array.isArray(example)) {
      throw new TypeError(`example ${i} is not an object`);
    }
    observe(root, example);
  }
  const properties: JsonObject = {};
  for (const [name, shape] of root.properties) properties[name] = toSchema(shape, true);
  const schema: JsonObject = { type: 'object', properties };

  for (const [name, fieldSchema] of Object.entries(options.extra ?? {})) properties[name] = allowNull(fieldSchema);
  for (const [pointer, fieldSchema] of Object.entries(options.overrides ?? {})) {
    setAt(schema, pointer, allowNull(fieldSchema));
  }
  for (const pointer of options.key) requireAt(schema, pointer);
  return schema;
}
