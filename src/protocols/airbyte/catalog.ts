/**
 * @module Streams in and out: the catalog `discover` describes (one stream per resource), and the
 * configured catalog `read` receives, turned into the engine's binding requests.
 */
import { z } from 'zod';
import type { BindingRequest } from '../../capture.js';
import { syncModes, type JsonObject, type Resource } from '../../engine/types.js';
import { parsePointer } from '../../util/json-pointer.js';
import { AirbyteInputError } from './errors.js';
import type { AirbyteMessage } from './messages.js';

/** One Airbyte stream: incremental ones declare their source-defined cursor (`updated_at`). */
export function describeStream(resource: Resource): JsonObject {
  const modes = syncModes(resource);
  const incremental = modes.includes('incremental');
  // Children of changed parents keep their parent's cursor, which is not a field of theirs.
  const cursorField = resource.incremental ? [resource.incremental.field] : [];
  return {
    name: resource.name,
    json_schema: resource.schema,
    supported_sync_modes: [...modes].sort(),
    source_defined_primary_key: resource.key.map(parsePointer),
    ...(incremental ? { source_defined_cursor: true, default_cursor_field: cursorField, is_resumable: true } : {}),
  };
}

export function catalogMessage(resources: readonly Resource[]): AirbyteMessage {
  return { type: 'CATALOG', catalog: { streams: resources.map(describeStream) } };
}

// Airbyte sends more (json_schema, cursor_field, destination_sync_mode, ...): ignored, as the
// cursor is source-defined and the destination's mode is not the source's business.
const configuredCatalog = z.looseObject({
  streams: z.array(
    z.looseObject({
      stream: z.looseObject({ name: z.string().min(1) }),
      sync_mode: z.enum(['full_refresh', 'incremental']),
    }),
  ),
});

/**
 * The bindings of a configured catalog: index = position in `streams`, stateKey = stream name.
 * Unknown streams and modes a stream does not support are reported later, all at once, by
 * `resolveBindings`.
 */
export function parseConfiguredCatalog(raw: unknown, file: string): BindingRequest[] {
  const parsed = configuredCatalog.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ['catalog', ...(issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)) ?? [])].join('');
    throw new AirbyteInputError(`invalid catalog in ${file}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const seen = new Set<string>();
  return parsed.data.streams.map((s, index) => {
    const name = s.stream.name;
    // The stream name is the state key: two entries for one stream would share (and fight over) it.
    if (seen.has(name)) throw new AirbyteInputError(`invalid catalog in ${file}: stream ${JSON.stringify(name)} is listed twice`);
    seen.add(name);
    return { index, stream: name, mode: s.sync_mode, stateKey: name };
  });
}
