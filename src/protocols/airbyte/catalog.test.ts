import { describe, expect, it } from 'vitest';
import type { Resource } from '../../engine/types.js';
import { AirbyteInputError } from './errors.js';
import { describeStream, parseConfiguredCatalog } from './catalog.js';

const schema = { type: 'object', properties: { id: { type: 'integer' } } };
const notes: Resource = {
  name: 'merge_request_notes',
  key: ['/project_id', '/merge_request_iid', '/id'],
  schema,
  sources: [],
  incremental: { field: 'updated_at', params: () => ({}) },
};
const branches: Resource = { name: 'branches', key: ['/project_id', '/name'], schema, sources: [] };

describe('describeStream', () => {
  it('declares an incremental stream with its source-defined cursor and key paths', () => {
    expect(describeStream(notes)).toEqual({
      name: 'merge_request_notes',
      json_schema: schema,
      supported_sync_modes: ['full_refresh', 'incremental'],
      source_defined_primary_key: [['project_id'], ['merge_request_iid'], ['id']],
      source_defined_cursor: true,
      default_cursor_field: ['updated_at'],
      is_resumable: true,
    });
  });

  it('declares a full-refresh stream without a cursor', () => {
    expect(describeStream(branches)).toEqual({
      name: 'branches',
      json_schema: schema,
      supported_sync_modes: ['full_refresh'],
      source_defined_primary_key: [['project_id'], ['name']],
    });
  });
});

describe('parseConfiguredCatalog', () => {
  const entry = (name: string, sync_mode: string) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
    sync_mode,
    destination_sync_mode: 'append',
    cursor_field: ['updated_at'],
  });

  it('binds each stream at its position, keyed by its name', () => {
    const catalog = { streams: [entry('issues', 'incremental'), entry('groups', 'full_refresh')] };
    expect(parseConfiguredCatalog(catalog, 'c.json')).toEqual([
      { index: 0, stream: 'issues', mode: 'incremental', stateKey: 'issues' },
      { index: 1, stream: 'groups', mode: 'full_refresh', stateKey: 'groups' },
    ]);
  });

  it('names the file and the field that is wrong', () => {
    const catalog = { streams: [entry('issues', 'incremental'), entry('groups', 'sometimes')] };
    expect(() => parseConfiguredCatalog(catalog, 'c.json')).toThrow(/^invalid catalog in c\.json: catalog\.streams\[1\]\.sync_mode: /);
    expect(() => parseConfiguredCatalog({}, 'c.json')).toThrow(AirbyteInputError);
  });

  it('rejects a stream listed twice, since its name is its state key', () => {
    const catalog = { streams: [entry('issues', 'incremental'), entry('issues', 'full_refresh')] };
    expect(() => parseConfiguredCatalog(catalog, 'c.json')).toThrow(/stream "issues" is listed twice/);
  });
});
