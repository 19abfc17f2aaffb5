/**
 * @module The Airbyte protocol messages (v0.3.2) this connector writes to stdout, one JSON object
 * per line, and one builder for each. Only the fields we emit are typed; the schema in
 * `fixtures/airbyte_protocol.yaml` is the reference the tests validate every line against.
 */
import type { Doc, JsonObject } from '../../engine/types.js';

export type AirbyteLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** What the user should do about a failure: fix the config, or let someone look at the system. */
export type FailureType = 'config_error' | 'system_error';

export interface AirbyteStreamState {
  readonly stream_descriptor: { readonly name: string };
  readonly stream_state: JsonObject;
}

/** The only state shape this connector writes (see `state.ts` for how it maps to ours). */
export interface AirbyteGlobalState {
  readonly type: 'GLOBAL';
  readonly global: {
    readonly shared_state: JsonObject;
    readonly stream_states: readonly AirbyteStreamState[];
  };
}

export interface AirbyteErrorTrace {
  readonly message: string;
  readonly internal_message?: string;
  readonly stack_trace?: string;
  readonly failure_type: FailureType;
}

export type AirbyteMessage =
  | { readonly type: 'SPEC'; readonly spec: JsonObject }
  | { readonly type: 'CONNECTION_STATUS'; readonly connectionStatus: { readonly status: 'SUCCEEDED' | 'FAILED'; readonly message?: string } }
  | { readonly type: 'CATALOG'; readonly catalog: { readonly streams: readonly JsonObject[] } }
  | { readonly type: 'RECORD'; readonly record: { readonly stream: string; readonly data: Doc; readonly emitted_at: number } }
  | { readonly type: 'STATE'; readonly state: AirbyteGlobalState }
  | { readonly type: 'LOG'; readonly log: { readonly level: AirbyteLogLevel; readonly message: string } }
  | {
      readonly type: 'TRACE';
      readonly trace: { readonly type: 'ERROR'; readonly emitted_at: number; readonly error: AirbyteErrorTrace };
    }
  | {
      readonly type: 'CONTROL';
      readonly control: {
        readonly type: 'CONNECTOR_CONFIG';
        readonly emitted_at: number;
        readonly connectorConfig: { readonly config: JsonObject };
      };
    };

export function connectionStatus(failure?: string): AirbyteMessage {
  return {
    type: 'CONNECTION_STATUS',
    connectionStatus: failure === undefined ? { status: 'SUCCEEDED' } : { status: 'FAILED', message: failure },
  };
}

export function record(stream: string, data: Doc, emittedAt: number): AirbyteMessage {
  return { type: 'RECORD', record: { stream, data, emitted_at: emittedAt } };
}

export function stateMessage(state: AirbyteGlobalState): AirbyteMessage {
  return { type: 'STATE', state };
}

export function logMessage(level: AirbyteLogLevel, message: string): AirbyteMessage {
  return { type: 'LOG', log: { level, message } };
}

export function errorTrace(error: AirbyteErrorTrace, emittedAt: number): AirbyteMessage {
  return { type: 'TRACE', trace: { type: 'ERROR', emitted_at: emittedAt, error } };
}

/** Asks Airbyte to persist an updated config (rotated OAuth tokens). */
export function configControl(config: JsonObject, emittedAt: number): AirbyteMessage {
  return { type: 'CONTROL', control: { type: 'CONNECTOR_CONFIG', emitted_at: emittedAt, connectorConfig: { config } } };
}
