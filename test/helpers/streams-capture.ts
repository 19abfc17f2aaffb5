/**
 * Shared by the stream, fan-out, deletion and skip scenarios: a Flow `open` of any streams (each
 * in its default mode), run as a child process against a simulator, with documents grouped by
 * stream and the state merged from the checkpoints.
 */
import { DEFAULT_TOKEN } from '../../simulator/index.js';
import { applyMergePatch } from '../../src/util/merge-patch.js';
import type { JsonValue } from '../../src/engine/types.js';
import { runConnector, splitCapture } from './connector.js';

export type Obj = Record<string, unknown>;

export const ALL_STREAMS = [
  'groups', 'projects', 'branches', 'commits', 'issues', 'merge_requests', 'merge_request_commits', 'pipelines',
  'pipelines_extended', 'jobs', 'deployments', 'releases', 'tags', 'project_milestones', 'group_milestones',
  'project_members', 'group_members', 'project_labels', 'group_labels', 'group_issue_boards', 'epics', 'epic_issues',
  'users', 'issue_notes', 'merge_request_notes', 'merge_request_approvals', 'environments',
] as const;

export interface StreamsRun {
  /** Documents per stream name, in the order emitted. */
  readonly docs: Map<string, Obj[]>;
  readonly state: JsonValue;
  readonly stderr: string;
  readonly code: number | null;
}

export function streamsConfig(url: string, groups: string, projects: string): Obj {
  return {
    api_url: url,
    credentials: { auth_type: 'access_token', access_token: DEFAULT_TOKEN },
    start_date: '2015-01-01T00:00:00Z',
    groups,
    projects,
    // The default budget (2,000/min, gitlab.com's) would pace ~1,000 requests over 30 s.
    requests_per_minute: 100_000,
    concurrency: 8,
  };
}

/** One Flow `open` of `streams` (default sync modes), returning documents by stream. */
export async function captureStreams(config: Obj, streams: readonly string[], state: JsonValue = {}): Promise<StreamsRun> {
  const bindings = streams.map((stream) => ({
    resourceConfig: { stream },
    resourcePath: [stream],
    collection: { name: `acmeCo/${stream}`, key: ['/id'] },
    stateKey: stream,
  }));
  const stdin = JSON.stringify({ open: { capture: { name: 'acmeCo/source-gitlab', config, bindings }, range: { keyEnd: 4294967295 }, state } }) + '\n';
  const result = await runConnector([], { stdin, timeoutMs: 55_000 });
  if (result.code !== 0) throw new Error(`capture failed (${String(result.code)}): ${result.stderr.slice(-2000)}`);
  const captured = splitCapture(result.messages);
  const docs = new Map<string, Obj[]>(streams.map((s) => [s, []]));
  for (const [index, list] of captured.docs) docs.set(streams[index] ?? `#${index}`, list);
  const finalState = captured.checkpoints.reduce<JsonValue>((s, p) => applyMergePatch(s, p as JsonValue), state);
  return { docs, state: finalState, stderr: result.stderr, code: result.code };
}

/** Warnings on stderr (one JSON object per line), as `{message, fields}`. */
export function warnings(stderr: string): { message: string; fields: Obj }[] {
  return stderr.split('\n').flatMap((line) => {
    try {
      const o = JSON.parse(line) as { level?: string; message?: string; fields?: Obj };
      return o.level === 'warn' ? [{ message: o.message ?? '', fields: o.fields ?? {} }] : [];
    } catch {
      return [];
    }
  });
}

/** A document's key as a string, from JSON pointers of one level (`/project_id`). */
export function keyOf(doc: Obj, pointers: readonly string[]): string {
  return JSON.stringify(pointers.map((p) => doc[p.slice(1)] ?? null));
}
