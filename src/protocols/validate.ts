/**
 * @module Checking a config against GitLab before a capture: the token works, each configured
 * group and project is visible, and each binding names a known stream. Shared by Flow's
 * `validate` and Airbyte's `check`.
 */
import { createClient, resolveBindings, type BindingRequest, type FetchLike } from '../capture.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import { isClassifiedError } from '../engine/types.js';
import type { Logger } from '../log/logger.js';
import { createResources } from '../resources/index.js';

export interface ValidateOptions {
  readonly config: Config;
  readonly bindings: readonly BindingRequest[];
  readonly log: Logger;
  readonly fetch?: FetchLike;
}

export async function validateConnection(options: ValidateOptions): Promise<void> {
  const { config } = options;
  resolveBindings(options.bindings, createResources());
  const client = createClient({ config, state: {}, log: options.log, ...(options.fetch ? { fetch: options.fetch } : {}) });
  try {
    await client.get({ path: '/user' });
    const missing: string[] = [];
    const probe = async (kind: 'group' | 'project', id: string): Promise<void> => {
      try {
        await client.get({ path: `/${kind}s/${encodeURIComponent(id)}` });
      } catch (err) {
        if (isClassifiedError(err) && (err.status === 404 || err.status === 403)) {
          missing.push(`${kind === 'group' ? 'groups' : 'projects'}: ${kind} ${JSON.stringify(id)} was not found or is not visible to this token (${err.status})`);
        } else throw err;
      }
    };
    for (const g of config.groups) await probe('group', g);
    for (const p of config.projects) await probe('project', p);
    if (missing.length > 0) throw new ConfigError(missing);
  } finally {
    await client.close();
  }
}
