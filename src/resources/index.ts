/**
 * @module The GitLab resources, as one typed list of declarative entries read by the engine.
 * Order is the order of discovery.
 */
import type { Resource } from '../engine/types.js';
import { groups } from './groups.js';
import { issues } from './issues.js';
import { projects } from './projects.js';
import { defaultResourceOptions, type ResourceOptions } from './shared.js';

export { resolveRoots, usesMembership, type Selection } from './roots.js';
export { defaultResourceOptions, type ResourceOptions } from './shared.js';

export function createResources(options: ResourceOptions = defaultResourceOptions): readonly Resource[] {
  return [groups, projects(options), issues];
}

/** The resources with default options: for names, keys and schemas (spec, discover). */
export const resources: readonly Resource[] = createResources();
