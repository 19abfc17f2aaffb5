import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../engine/types.js';
import { GENERATED_DIR, generatedFiles, readFixture, sourceObjects } from './generate.js';
import { schemas } from './generated/index.js';
import { STREAMS, STREAM_NAMES, type StreamName, type StreamSpec } from './streams.js';
import { validate, type SchemaError } from './validate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = readFixture(root);

/** The keys of docs/streams.md's table, written out so that a change to either is noticed. */
const KEYS_OF_DOCS: Readonly<Record<StreamName, readonly string[]>> = {
  groups: ['/id'],
  projects: ['/id'],
  branches: ['/project_id', '/name'],
  commits: ['/project_id', '/id'],
  issues: ['/id'],
  merge_requests: ['/id'],
  merge_request_commits: ['/project_id', '/merge_request_iid', '/id'],
  pipelines: ['/id'],
  pipelines_extended: ['/id'],
  jobs: ['/id'],
  deployments: ['/id'],
  releases: ['/project_id', '/tag_name'],
  tags: ['/project_id', '/name'],
  project_milestones: ['/id'],
  group_milestones: ['/id'],
  project_members: ['/project_id', '/id'],
  group_members: ['/group_id', '/id'],
  project_labels: ['/project_id', '/id'],
  group_labels: ['/group_id', '/id'],
  group_issue_boards: ['/id'],
  epics: ['/id'],
  epic_issues: ['/epic_issue_id'],
  users: ['/id'],
  issue_notes: ['/id'],
  merge_request_notes: ['/id'],
  merge_request_approvals: ['/project_id', '/merge_request_iid'],
  environments: ['/id'],
};

/**
 * Documented examples that contradict the API, each pinned to the one error it must produce:
 * epics.json has `"confidential": "false"` where GitLab sends a boolean (fixtures README).
 */
const KNOWN_DOC_QUIRKS: ReadonlyArray<{ stream: StreamName; file: string; index: number; errors: SchemaError[] }> = [
  { stream: 'epics', file: 'epics.json', index: 0, errors: [{ pointer: '/confidential', message: 'expected boolean or null, got string' }] },
];

function propertiesOf(schema: JsonObject): JsonObject {
  return schema['properties'] as JsonObject;
}

function typesOf(schema: unknown): string[] {
  const type = (schema as JsonObject)['type'];
  return type === undefined ? [] : ([] as unknown[]).concat(type).map(String);
}

/** An example object as the connector emits it: parent ids stamped, nested ids flattened. */
function asDocument(spec: StreamSpec, example: unknown): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...(example as Record<string, unknown>) };
  for (const id of spec.parentIds ?? []) doc[id] = 7;
  for (const object of spec.flatten ?? []) {
    const nested = doc[object];
    doc[`${object}_id`] = typeof nested === 'object' && nested !== null ? ((nested as { id?: unknown }).id ?? null) : null;
  }
  return doc;
}

/** Each stream's example documents (its own files and hand-written shapes, not borrowed fields). */
const documentCases = STREAM_NAMES.flatMap((stream) =>
  STREAMS[stream].examples.flatMap((source) => {
    if (typeof source !== 'string' && !('documented' in source)) return [];
    const label = typeof source === 'string' ? source : 'documented.ts';
    return sourceObjects(source, read).map((example, index) => ({ stream, label, index, example }));
  }),
);

describe('generated schemas', () => {
  it('are what the generator produces from the examples (run the generator if this fails)', () => {
    const expected = generatedFiles(read);
    const dir = join(root, GENERATED_DIR);
    const onDisk = readdirSync(dir).filter((file) => file.endsWith('.ts'));
    expect(onDisk.sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) {
      expect(readFileSync(join(dir, file), 'utf8'), `${GENERATED_DIR}/${file} is stale`).toBe(content);
    }
  });

  it('cover exactly the streams of docs/streams.md, in its order', () => {
    expect(Object.keys(schemas)).toEqual([...STREAM_NAMES]);
    expect(Object.keys(KEYS_OF_DOCS)).toEqual([...STREAM_NAMES]);
  });

  it.each(STREAM_NAMES)('%s: the key is the one docs/streams.md gives', (stream) => {
    expect(STREAMS[stream].key).toEqual(KEYS_OF_DOCS[stream]);
  });

  it.each(STREAM_NAMES)('%s: every key field is required, not nullable, and of one scalar type', (stream) => {
    const schema = schemas[stream];
    expect(schema['type']).toBe('object');
    for (const pointer of STREAMS[stream].key) {
      const name = pointer.slice(1);
      expect(schema['required']).toContain(name);
      // Flow keys a collection only on a location of a single type: integer, string or boolean.
      expect(propertiesOf(schema)[name], `${stream} ${pointer}`).toMatchObject({ type: expect.stringMatching(/^(integer|string|boolean)$/) });
    }
  });

  it.each(STREAM_NAMES)('%s: only key fields are required, and nothing forbids unknown fields', (stream) => {
    const schema = schemas[stream];
    expect(schema['required']).toEqual(STREAMS[stream].key.map((pointer) => pointer.slice(1)));
    for (const [name, property] of Object.entries(propertiesOf(schema))) {
      if (STREAMS[stream].key.includes(`/${name}`)) continue;
      const types = typesOf(property);
      if (types.length > 0) expect(types, `${stream}.${name}`).toContain('null');
    }
    expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
  });

  it.each(STREAM_NAMES)('%s: describes the fields the connector adds', (stream) => {
    const spec = STREAMS[stream];
    const properties = propertiesOf(schemas[stream]);
    for (const id of spec.parentIds ?? []) {
      const isKey = spec.key.includes(`/${id}`);
      expect(properties[id], `${stream}.${id}`).toEqual({ type: isKey ? 'integer' : ['integer', 'null'] });
    }
    for (const object of spec.flatten ?? []) {
      expect(properties[object], `${stream}.${object} stays`).toBeDefined();
      expect(properties[`${object}_id`]).toEqual({ type: [object === 'commit' ? 'string' : 'integer', 'null'] });
    }
  });

  it.each(documentCases)('$stream: $label[$index] validates once the connector adds its fields', ({ stream, label, index, example }) => {
    const quirk = KNOWN_DOC_QUIRKS.find((q) => q.stream === stream && q.file === label && q.index === index);
    expect(validate(asDocument(STREAMS[stream], example), schemas[stream])).toEqual(quirk?.errors ?? []);
  });

  it('has an example document for every stream', () => {
    expect(new Set(documentCases.map((c) => c.stream))).toEqual(new Set(STREAM_NAMES));
  });
});
