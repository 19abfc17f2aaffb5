import { describe, expect, it } from 'vitest';
import { StateError } from '../../engine/state.js';
import type { ConnectorState } from '../../engine/types.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import { fromAirbyteState, toAirbyteState } from './state.js';

const state: ConnectorState = {
  version: 1,
  bindings: {
    issues: { cursors: { '1001': '2024-03-01T10:00:00Z', '1002': '2024-03-02T11:00:00Z' } },
    merge_requests: { cursors: { '1001': '2024-02-01T00:00:00Z' } },
  },
  connector: { oauth: { access_token: 'a', refresh_token: 'r', expires_at: '2024-03-01T12:00:00Z', descends_from: 'x' } },
};

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f)}`), warnings };
}

describe('toAirbyteState', () => {
  it('writes one GLOBAL state: shared parts in shared_state, each stream cursors in its stream_state', () => {
    expect(toAirbyteState(state)).toEqual({
      type: 'GLOBAL',
      global: {
        shared_state: { version: 1, connector: state.connector },
        stream_states: [
          { stream_descriptor: { name: 'issues' }, stream_state: state.bindings?.['issues'] },
          { stream_descriptor: { name: 'merge_requests' }, stream_state: state.bindings?.['merge_requests'] },
        ],
      },
    });
  });

  it('writes an empty stream_states list when no stream has a cursor yet', () => {
    expect(toAirbyteState({})).toEqual({ type: 'GLOBAL', global: { shared_state: {}, stream_states: [] } });
  });
});

describe('fromAirbyteState', () => {
  const written = toAirbyteState(state);

  it.each([
    ['the state of a STATE message', written],
    ['the list of state messages Airbyte passes', [written]],
    ['a whole STATE message', { type: 'STATE', state: written }],
    ['a bare legacy object', state],
    ['a LEGACY state message', { type: 'LEGACY', data: state }],
    ['an old state message with only data', { data: state }],
    ['a GLOBAL state whose shared_state holds the whole tree', { type: 'GLOBAL', global: { shared_state: state, stream_states: [] } }],
  ])('reads back %s', (_, raw) => {
    expect(fromAirbyteState(JSON.parse(JSON.stringify(raw)), silentLogger)).toEqual(state);
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an empty list', []],
    ['an empty object', {}],
  ])('reads %s as no state', (_, raw) => {
    expect(fromAirbyteState(raw, silentLogger).bindings ?? {}).toEqual({});
  });

  it('restarts a stream whose stream_state Airbyte cleared (a per-stream reset)', () => {
    const reset = JSON.parse(JSON.stringify(written)) as { global: { stream_states: { stream_state: unknown }[] } };
    reset.global.stream_states[0]!.stream_state = null;
    expect(Object.keys(fromAirbyteState(reset, silentLogger).bindings ?? {})).toEqual(['merge_requests']);
  });

  it("ignores, with a warning, per-stream states (another connector's: Airbyte's GitLab source keys them by project)", () => {
    const log = recordingLogger();
    const raw = [
      { type: 'STREAM', stream: { stream_descriptor: { name: 'issues' }, stream_state: { '1001': { updated_at: '2024-01-01' } } } },
      written,
    ];
    expect(fromAirbyteState(raw, log)).toEqual(state);
    expect(log.warnings).toEqual([expect.stringContaining('"stream":"issues"')]);
  });

  it('keeps every part of a stream state it wrote, not only cursors', () => {
    const keys = { groups: { keys: { 'group_id=14': [[14]] } } };
    expect(fromAirbyteState(toAirbyteState({ version: 1, bindings: keys }), silentLogger).bindings).toEqual({ groups: { keys: keys.groups.keys, cursors: {} } });
  });

  it('rejects a cursor that is not a timestamp, naming where it is', () => {
    const raw = { type: 'GLOBAL', global: { stream_states: [{ stream_descriptor: { name: 'issues' }, stream_state: { cursors: { '7': 'soon' } } }] } };
    expect(() => fromAirbyteState(raw, silentLogger)).toThrow(/state\.bindings\.issues\.cursors\.7 must be a timestamp/);
  });

  it('rejects a state that is neither an object nor a list', () => {
    expect(() => fromAirbyteState('yesterday', silentLogger)).toThrow(StateError);
  });
});
