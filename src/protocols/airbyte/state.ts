/**
 * @module Our one state tree as Airbyte state, and back.
 *
 * Written as a single GLOBAL state: `shared_state` holds everything but the per-stream part
 * (`version`, `connector` with rotated OAuth tokens), and each stream's binding state (its
 * cursors) is that stream's `stream_state`. Keeping the cursors per stream means Airbyte's
 * per-stream reset, which drops one `stream_state`, really does restart that stream.
 *
 * Read back from any of: the `state` of a STATE message, the list of them Airbyte passes to
 * `read --state`, a whole STATE message, a LEGACY one, or a bare legacy object (our state tree
 * as is). Per-stream (STREAM) states are another connector's and are ignored with a warning.
 */
import { StateError, parseState } from '../../engine/state.js';
import type { ConnectorState, JsonObject } from '../../engine/types.js';
import type { Logger } from '../../log/logger.js';
import type { AirbyteGlobalState } from './messages.js';

export function toAirbyteState(state: ConnectorState): AirbyteGlobalState {
  const { bindings = {}, ...shared } = state;
  return {
    type: 'GLOBAL',
    global: {
      shared_state: shared as JsonObject,
      stream_states: Object.entries(bindings).map(([name, b]) => ({
        stream_descriptor: { name },
        stream_state: b as JsonObject,
      })),
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type StateKind = 'global' | 'stream' | 'legacy' | 'bare';

/** An Airbyte state message by its type (absent in old ones), or our bare state tree. */
function kindOf(v: Record<string, unknown>): StateKind {
  if (v['type'] === 'GLOBAL' || isRecord(v['global'])) return 'global';
  if (v['type'] === 'STREAM' || isRecord(v['stream'])) return 'stream';
  if (v['type'] === 'LEGACY' || (v['type'] === undefined && isRecord(v['data']))) return 'legacy';
  return 'bare';
}

/** The connector state in whatever Airbyte handed `read --state`; {@link StateError} if unusable. */
export function fromAirbyteState(raw: unknown, log: Logger): ConnectorState {
  let tree: Record<string, unknown> = {};
  const bindings: Record<string, unknown> = {};
  const takeStream = (s: unknown): void => {
    if (!isRecord(s) || !isRecord(s['stream_descriptor'])) return;
    const name = s['stream_descriptor']['name'];
    const blob = s['stream_state'];
    // A per-stream reset leaves a stream without its stream_state: that stream starts over.
    if (typeof name === 'string' && isRecord(blob) && Object.keys(blob).length > 0) bindings[name] = blob;
  };
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    if (item === undefined || item === null) continue;
    // A whole message (`{"type":"STATE","state":{...}}`), as copied from a read's output.
    const value = isRecord(item) && item['type'] === 'STATE' && isRecord(item['state']) ? item['state'] : item;
    if (!isRecord(value)) throw new StateError('state must be a JSON object or a list of Airbyte state messages');
    switch (kindOf(value)) {
      case 'bare':
        tree = { ...tree, ...value };
        break;
      case 'legacy':
        if (isRecord(value['data'])) tree = { ...tree, ...value['data'] };
        break;
      case 'global': {
        const global = isRecord(value['global']) ? value['global'] : {};
        // A shared_state holding the whole tree (bindings included) is read as such too.
        if (isRecord(global['shared_state'])) tree = { ...tree, ...global['shared_state'] };
        if (Array.isArray(global['stream_states'])) global['stream_states'].forEach(takeStream);
        break;
      }
      case 'stream': {
        // We only write GLOBAL state; a per-stream one comes from another connector (Airbyte's own
        // GitLab source keys its state by project), whose cursors mean nothing here.
        const stream = isRecord(value['stream']) ? value['stream'] : {};
        const name = isRecord(stream['stream_descriptor']) ? stream['stream_descriptor']['name'] : undefined;
        log.warn('ignoring a per-stream state this connector did not write: the stream starts from start_date', { stream: String(name) });
        break;
      }
    }
  }
  if (Object.keys(bindings).length === 0) return parseState(tree);
  const fromTree = isRecord(tree['bindings']) ? tree['bindings'] : {};
  return parseState({ ...tree, bindings: { ...fromTree, ...bindings } });
}
