/** @module The `spec` and `discovered` responses. */
import { DOCUMENTATION_URL, RESOURCE_PATH_POINTERS, configSchema, oauth2Spec, resourceConfigSchema } from '../../config/spec.js';
import { syncModes, type JsonObject, type Resource } from '../../engine/types.js';

/** Flow's capture protocol version, fixed by the runtime. */
export const FLOW_PROTOCOL = 3032023;

export function specResponse(): JsonObject {
  return {
    spec: {
      protocol: FLOW_PROTOCOL,
      configSchema,
      resourceConfigSchema,
      documentationUrl: DOCUMENTATION_URL,
      oauth2: oauth2Spec,
      resourcePathPointers: [...RESOURCE_PATH_POINTERS],
    },
  };
}

export function discoverResponse(resources: readonly Resource[]): JsonObject {
  return {
    discovered: {
      bindings: resources.map((r) => ({
        recommendedName: r.name,
        resourceConfig: { stream: r.name, syncMode: syncModes(r)[0] ?? 'full_refresh' },
        documentSchema: r.schema,
        key: [...r.key],
      })),
    },
  };
}
