/**
 * @module Which groups and projects a capture starts from. `groups` and `projects` from the
 * config become root contexts; when both are empty the capture starts from the token's own
 * memberships (never every public project of gitlab.com).
 */
import type { Context } from '../engine/types.js';

export const ROOT_GROUPS = 'root:groups';
export const ROOT_PROJECTS = 'root:projects';
export const ROOT_MEMBERSHIP = 'root:membership';

export interface Selection {
  readonly groups: readonly string[];
  readonly projects: readonly string[];
}

export function usesMembership(selection: Selection): boolean {
  return selection.groups.length === 0 && selection.projects.length === 0;
}

export function resolveRoots(selection: Selection): Record<string, readonly Context[]> {
  return {
    [ROOT_GROUPS]: selection.groups.map((g) => ({ group_id: g })),
    [ROOT_PROJECTS]: selection.projects.map((p) => ({ project_id: p })),
    [ROOT_MEMBERSHIP]: usesMembership(selection) ? [{}] : [],
  };
}
