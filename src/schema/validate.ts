/**
 * @module A small JSON schema validator for the subset {@link inferSchema} produces: `type`
 * (one or a list), `properties`, `required`, `items`, `additionalProperties` and
 * `format: 'date-time'`. Enough to check documents against the generated schemas in tests
 * without a dependency; anything else in a schema is ignored.
 */
import type { JsonObject } from '../engine/types.js';
import { isDateTime } from './infer.js';

/** One violation: where (a JSON pointer into the document) and what. */
export interface SchemaError {
  readonly pointer: string;
  readonly message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function check(value: unknown, schema: JsonObject, pointer: string, errors: SchemaError[]): void {
  const type = schema['type'];
  if (type !== undefined) {
    const types = (Array.isArray(type) ? type : [type]).map(String);
    if (!types.some((t) => matchesType(value, t))) {
      errors.push({ pointer, message: `expected ${types.join(' or ')}, got ${typeOf(value)}` });
      return;
    }
  }
  if (typeof value === 'string' && schema['format'] === 'date-time' && !isDateTime(value)) {
    errors.push({ pointer, message: `expected a date-time, got ${JSON.stringify(value)}` });
  }
  if (isObject(value)) {
    const properties = isObject(schema['properties']) ? (schema['properties'] as JsonObject) : {};
    const required = Array.isArray(schema['required']) ? schema['required'].map(String) : [];
    for (const name of required) {
      if (!(name in value)) errors.push({ pointer: `${pointer}/${escapeToken(name)}`, message: 'required field is missing' });
    }
    const additional = schema['additionalProperties'];
    for (const [name, child] of Object.entries(value)) {
      const childPointer = `${pointer}/${escapeToken(name)}`;
      const childSchema = properties[name];
      if (isObject(childSchema)) check(child, childSchema as JsonObject, childPointer, errors);
      else if (additional === false) errors.push({ pointer: childPointer, message: 'unknown field' });
      else if (isObject(additional)) check(child, additional as JsonObject, childPointer, errors);
    }
  }
  const items = schema['items'];
  if (Array.isArray(value) && isObject(items)) {
    value.forEach((element, i) => check(element, items as JsonObject, `${pointer}/${i}`, errors));
  }
}

/**
 * The ways `value` violates `schema` (empty when it conforms).
 *
 * @example
 * validate({ id: 'x' }, { type: 'object', properties: { id: { type: 'integer' } } })
 * // [{ pointer: '/id', message: 'expected integer, got string' }]
 */
export function validate(value: unknown, schema: JsonObject): SchemaError[] {
  const errors: SchemaError[] = [];
  check(value, schema, '', errors);
  return errors;
}
