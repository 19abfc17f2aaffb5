/**
 * The selection most end-to-end tests capture: Globex through its group (a group-level issue
 * list), the big API project by path (three pages, a tie at a page boundary) and two projects by
 * id, one of them outside every group.
 */
import { DEFAULT_TOKEN } from '../../simulator/index.js';

export const SELECTION = {
  start_date: '2015-01-01T00:00:00Z',
  groups: '14',
  projects: 'acme/platform/api 1001 1008',
} as const;

/** The projects {@link SELECTION} reaches. */
export const SELECTED_PROJECT_IDS = [1001, 1003, 1006, 1007, 1008] as const;

/** A personal-access-token config for the simulator at `url`, with {@link SELECTION}. */
export function tokenConfig(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { api_url: url, credentials: { auth_type: 'access_token', access_token: DEFAULT_TOKEN }, ...SELECTION, ...extra };
}
