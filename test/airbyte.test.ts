/**
 * The connector as Airbyte runs it: `spec`, `check`, `discover` and `read` as child processes,
 * every stdout line validated against the Airbyte protocol schema (v0.3.2), reading from the
 * simulator over loopback HTTP. Expectations come from the simulator's own data.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import YAML from 'yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIG_PROJECT_ID, DEFAULT_TOKEN, createSimulator, type Simulator } from '../simulator/index.js';
import { configSchema } from '../src/config/spec.js';
import { SecretSet } from '../src/log/secrets.js';
import { runAirbyte } from '../src/protocols/airbyte/run.js';
import { resources } from '../src/resources/index.js';
import { cliPath, repoRoot, runConnector } from './helpers/connector.js';
import { SELECTED_PROJECT_IDS, SELECTION } from './helpers/selection.js';

type Obj = Record<string, unknown>;
type Message = Obj & { type: string };

const protocol = YAML.parse(readFileSync(resolve(repoRoot, 'fixtures/airbyte_protocol.yaml'), 'utf8')) as Obj & { $id: string };
const ajv = new Ajv({ strict: false, allErrors: true });
// A CommonJS module: its plugin is both the module and its `default`, typed as the latter.
formats.default(ajv);
ajv.addSchema(protocol);
const validateMessage = ajv.compile({ $ref: `${protocol.$id}#/definitions/AirbyteMessage` });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'source-gitlab-airbyte-'));
});

let checkedBuild = false;
/** The child-process tests run `dist/`: stop with a clear message when it is older than the sources. */
function assertBuilt(): void {
  if (checkedBuild) return;
  checkedBuild = true;
  const built = existsSync(cliPath) ? statSync(cliPath).mtimeMs : 0;
  const newest = (d: string): number =>
    Math.max(0, ...readdirSync(d, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(d, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? statSync(join(d, e.name)).mtimeMs : 0)));
  const sources = Math.max(newest(resolve(repoRoot, 'src')), newest(resolve(repoRoot, 'simulator')));
  if (built < sources) throw new Error(`${cliPath} is missing or older than the sources: run \`npm run build\` first (npm test does)`);
}
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
/** Writes `value` to a fresh file (JSON, or YAML for a `.yaml` name) and returns its path. */
function file(value: unknown, ext: 'json' | 'yaml' = 'json'): string {
  const path = join(dir, `f${++fileCount}.${ext}`);
  writeFileSync(path, ext === 'json' ? JSON.stringify(value) : YAML.stringify(value));
  return path;
}

/** Runs one command; every stdout line must be an Airbyte message the protocol schema accepts. */
async function airbyte(args: readonly string[], env: Record<string, string> = {}) {
  assertBuilt();
  const result = await runConnector(args, { env });
  for (const m of result.messages) {
    expect(validateMessage(m), `${JSON.stringify(m).slice(0, 300)}: ${ajv.errorsText(validateMessage.errors)}`).toBe(true);
  }
  expect(result.stdout).not.toContain(DEFAULT_TOKEN);
  expect(result.stderr).not.toContain(DEFAULT_TOKEN);
  const messages = result.messages as Message[];
  const of = <T = Obj>(type: string, field: string): T[] => messages.filter((m) => m.type === type).map((m) => m[field] as T);
  return { ...result, messages, of };
}

const patConfig = (apiUrl = 'gitlab.example.com', token = DEFAULT_TOKEN): Obj => ({
  api_url: apiUrl,
  credentials: { auth_type: 'access_token', access_token: token },
  start_date: '2015-01-01T00:00:00Z',
});

function catalog(streams: readonly [string, 'incremental' | 'full_refresh'][]): Obj {
  return {
    streams: streams.map(([name, sync_mode]) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode,
      destination_sync_mode: 'append',
    })),
  };
}

describe('airbyte spec and discover', () => {
  it('spec describes the config schema and the OAuth flow', async () => {
    const run = await airbyte(['spec']);
    expect(run.code).toBe(0);
    expect(run.messages.map((m) => m.type)).toEqual(['SPEC']);
    const spec = run.of<Obj>('SPEC', 'spec')[0];
    expect(spec?.['connectionSpecification']).toEqual(configSchema);
    expect(spec?.['supportsIncremental']).toBe(true);
    expect(spec?.['advanced_auth']).toMatchObject({
      auth_flow_type: 'oauth2.0',
      predicate_key: ['credentials', 'auth_type'],
      predicate_value: 'oauth2.0',
    });
  });

  it.each(['json', 'yaml'] as const)('discover (%s config) lists one stream per resource, with keys and cursors', async (ext) => {
    const run = await airbyte(['discover', '--config', file(patConfig(), ext)]);
    expect(run.code).toBe(0);
    expect(run.messages.map((m) => m.type)).toEqual(['CATALOG']);
    const streams = run.of<{ streams: Obj[] }>('CATALOG', 'catalog')[0]?.streams ?? [];
    expect(streams.map((s) => s['name'])).toEqual(resources.map((r) => r.name));
    for (const r of resources) {
      const s = streams.find((x) => x['name'] === r.name);
      expect(s?.['source_defined_primary_key']).toEqual(r.key.map((k) => k.slice(1).split('/')));
      expect(s?.['json_schema']).toEqual(r.schema);
      if (r.incremental) {
        expect(s).toMatchObject({ supported_sync_modes: ['full_refresh', 'incremental'], source_defined_cursor: true, default_cursor_field: [r.incremental.field] });
      } else if (r.changedParentsOnly) {
        // Children of changed parents: incremental through the parent's cursor.
        expect(s?.['supported_sync_modes']).toContain('incremental');
        expect(s).toMatchObject({ source_defined_cursor: true, default_cursor_field: [] });
      } else {
        expect(s?.['supported_sync_modes']).toEqual(['full_refresh']);
      }
    }
    expect(streams.find((s) => s['name'] === 'issues')?.['default_cursor_field']).toEqual(['updated_at']);
  });
});

describe('airbyte failures', () => {
  it('check reports a config without credentials as FAILED, naming the field, and exits 0', async () => {
    const run = await airbyte(['check', '--config', file({ api_url: 'gitlab.com' })]);
    expect(run.code).toBe(0);
    const [status] = run.of<{ status: string; message: string }>('CONNECTION_STATUS', 'connectionStatus');
    expect(status?.status).toBe('FAILED');
    expect(status?.message).toMatch(/^invalid config: credentials\b/);
  });

  it('check reports a missing config file as FAILED', async () => {
    const run = await airbyte(['check', '--config', join(dir, 'nope.json')]);
    expect(run.code).toBe(0);
    expect(run.of<Obj>('CONNECTION_STATUS', 'connectionStatus')).toEqual([{ status: 'FAILED', message: expect.stringContaining('config file not found') }]);
  });

  it('discover with an invalid config ends with a config_error TRACE naming the field, and exit 1', async () => {
    const run = await airbyte(['discover', '--config', file({ ...patConfig(), start_date: 'last tuesday' })]);
    expect(run.code).toBe(1);
    expect(run.messages.map((m) => m.type)).toEqual(['TRACE']);
    expect(run.of<{ error: Obj }>('TRACE', 'trace')[0]?.error).toMatchObject({ failure_type: 'config_error', message: expect.stringContaining('start_date') });
  });

  it('read with an invalid catalog ends with one config_error TRACE and exit 1, without a stack', async () => {
    const bad = { streams: [{ stream: { name: 'issues' }, sync_mode: 'sometimes', destination_sync_mode: 'append' }] };
    const run = await airbyte(['read', '--config', file(patConfig()), '--catalog', file(bad)]);
    expect(run.code).toBe(1);
    expect(run.messages.map((m) => m.type)).toEqual(['TRACE']);
    const error = run.of<{ error: Obj }>('TRACE', 'trace')[0]?.error;
    expect(error).toMatchObject({ failure_type: 'config_error', message: expect.stringMatching(/catalog\.streams\[0\]\.sync_mode/) });
    expect(error?.['stack_trace']).toBeUndefined();
  });

  it('read of an unknown stream fails as a config_error naming it, with the stack at LOG_LEVEL=debug', async () => {
    const run = await airbyte(['read', '--config', file(patConfig()), '--catalog', file(catalog([['tickets', 'incremental']]))], { LOG_LEVEL: 'debug' });
    expect(run.code).toBe(1);
    const error = run.of<{ error: Obj }>('TRACE', 'trace').at(-1)?.error;
    expect(error).toMatchObject({ failure_type: 'config_error', internal_message: 'CONFIG_INVALID', message: expect.stringContaining('unknown stream "tickets"') });
    expect(error?.['stack_trace']).toEqual(expect.stringContaining('at '));
  });

  it('read with a state file it cannot use fails as a config_error naming the cursor', async () => {
    const state = [{ type: 'GLOBAL', global: { shared_state: {}, stream_states: [{ stream_descriptor: { name: 'issues' }, stream_state: { cursors: { x: 'later' } } }] } }];
    const run = await airbyte(['read', '--config', file(patConfig()), '--catalog', file(catalog([['issues', 'incremental']])), '--state', file(state)]);
    expect(run.code).toBe(1);
    expect(run.of<{ error: Obj }>('TRACE', 'trace')[0]?.error).toMatchObject({
      failure_type: 'config_error',
      message: expect.stringContaining('state.bindings.issues.cursors.x must be a timestamp'),
    });
  });
});

describe('airbyte check and read against the simulator', () => {
  let sim: Simulator;
  let url: string;
  beforeEach(async () => {
    sim = createSimulator({ seed: 7 });
    url = await sim.listen(0);
  });
  afterEach(async () => {
    await sim.close();
  });

  const config = (): Obj => ({ ...patConfig(url), ...SELECTION });
  const PROJECT_IDS: readonly number[] = SELECTED_PROJECT_IDS;
  const STREAMS = catalog([
    ['groups', 'full_refresh'],
    ['projects', 'full_refresh'],
    ['issues', 'incremental'],
  ]);

  async function read(state?: unknown) {
    const args = ['read', '--config', file(config()), '--catalog', file(STREAMS)];
    const run = await airbyte(state === undefined ? args : [...args, '--state', file(state)]);
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    const records = run.of<{ stream: string; data: Obj }>('RECORD', 'record');
    const count = (stream: string) => records.filter((r) => r.stream === stream).length;
    const states = run.of<Obj>('STATE', 'state');
    return { ...run, records, count, states };
  }

  it('check succeeds with a working token', async () => {
    const run = await airbyte(['check', '--config', file(config())]);
    expect(run.code).toBe(0);
    expect(run.of('CONNECTION_STATUS', 'connectionStatus')).toEqual([{ status: 'SUCCEEDED' }]);
  });

  it('check reports a rejected token as FAILED without printing it', async () => {
    const run = await airbyte(['check', '--config', file(patConfig(url, 'glpat-not-a-real-token-123'))]);
    expect(run.code).toBe(0);
    const [status] = run.of<{ status: string; message: string }>('CONNECTION_STATUS', 'connectionStatus');
    expect(status).toMatchObject({ status: 'FAILED', message: expect.stringContaining('401') });
    expect(run.stdout).not.toContain('glpat-not-a-real-token-123');
  });

  it('check reports an unknown group as FAILED, naming it', async () => {
    const run = await airbyte(['check', '--config', file({ ...config(), groups: 'no-such-group' })]);
    expect(run.of<{ status: string; message: string }>('CONNECTION_STATUS', 'connectionStatus')[0]).toMatchObject({
      status: 'FAILED',
      message: expect.stringContaining('"no-such-group"'),
    });
  });

  it('a full read emits every group, project and issue once, each covered by a later STATE', async () => {
    const run = await read();
    expect(run.count('groups')).toBe(1);
    expect(run.count('projects')).toBe(PROJECT_IDS.length);
    const expected = PROJECT_IDS.flatMap((id) => sim.issues(id));
    expect(run.count('issues')).toBe(expected.length);
    expect(new Set(run.records.filter((r) => r.stream === 'issues').map((r) => r.data['id']))).toEqual(new Set(expected.map((i) => i['id'])));

    // Records are committed by the STATE after them: the last record comes before the last STATE.
    const types = run.messages.map((m) => m.type);
    expect(types.lastIndexOf('RECORD')).toBeLessThan(types.lastIndexOf('STATE'));
    expect(run.messages.at(-1)).toMatchObject({ type: 'LOG', log: { level: 'INFO', message: expect.stringContaining('capture pass done') } });

    // The last STATE carries each issue partition's cursor, at its newest issue.
    const last = run.states.at(-1) as { type: string; global: { shared_state: Obj; stream_states: { stream_descriptor: { name: string }; stream_state: { cursors: Record<string, string> } }[] } };
    expect(last.type).toBe('GLOBAL');
    const cursors = last.global.stream_states.find((s) => s.stream_descriptor.name === 'issues')?.stream_state.cursors ?? {};
    expect(Object.keys(cursors).sort()).toEqual(['group_id=14', 'project_id=1001', 'project_id=1003', 'project_id=1008']);
    const newest = (ids: number[]) => ids.flatMap((id) => sim.issues(id)).map((i) => String(i['updated_at'])).sort().at(-1);
    expect(cursors['project_id=1003']).toBe(newest([1003]));
  });

  it.each([
    ['the last STATE message', (s: Obj[]) => ({ type: 'STATE', state: s.at(-1) })],
    ['the list of states Airbyte passes', (s: Obj[]) => [s.at(-1)]],
  ])('a second read given %s reads only the issues that changed', async (_, asStateFile) => {
    const first = await read();
    const touched = [sim.issues(BIG_PROJECT_ID)[5], sim.issues(1006)[0], sim.issues(1001)[1]].map((i) => Number(i?.['id']));
    sim.touchIssues(touched);

    const second = await read(asStateFile(first.states));
    const issues = second.records.filter((r) => r.stream === 'issues').map((r) => Number(r.data['id']));
    for (const id of touched) expect(issues).toContain(id);
    // At most the ties on each previous cursor are read again (the bound is inclusive).
    const cursorCount = 4;
    expect(issues.length).toBeLessThanOrEqual(touched.length + cursorCount);
    expect(issues.length).toBeLessThan(first.count('issues'));
    // Full-refresh streams are read whole again.
    expect(second.count('projects')).toBe(PROJECT_IDS.length);
  });
});

describe('airbyte read with OAuth (in process, the token endpoint faked)', () => {
  const ROTATED_ACCESS = 'oauth-access-rotated-0001';
  const ROTATED_REFRESH = 'oauth-refresh-rotated-0002';

  it('sends Airbyte the config with the rotated tokens (CONTROL) before anything else, and keeps them out of logs', async () => {
    const sim = createSimulator({ seed: 7, tokens: [ROTATED_ACCESS] });
    let refreshes = 0;
    const fetch = async (input: string, init: RequestInit): Promise<Response> => {
      if (new URL(input).pathname === '/oauth/token') {
        refreshes++;
        return Response.json({ access_token: ROTATED_ACCESS, refresh_token: ROTATED_REFRESH, expires_in: 7200, token_type: 'Bearer' });
      }
      return sim.handle(new Request(input, init));
    };
    const config = {
      api_url: 'https://gitlab.test',
      credentials: {
        auth_type: 'oauth2.0',
        client_id: 'app-id',
        client_secret: 'app-secret-0003',
        access_token: 'oauth-access-expired-0004',
        refresh_token: 'oauth-refresh-original-0005',
        token_expiry_date: '2020-01-01T00:00:00Z',
      },
      projects: '1001',
    };
    const stdout = new PassThrough();
    let text = '';
    stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
    const command = { name: 'read', config: file(config), catalog: file(catalog([['issues', 'incremental']])) } as const;
    await runAirbyte(command, { stdout, secrets: new SecretSet(), fetch, now: () => 1_700_000_000_000 });

    const messages = text.trim().split('\n').map((l) => JSON.parse(l) as Message);
    for (const m of messages) expect(validateMessage(m), ajv.errorsText(validateMessage.errors)).toBe(true);
    expect(refreshes).toBe(1);
    const first = messages.findIndex((m) => m.type !== 'LOG');
    expect(messages[first]).toEqual({
      type: 'CONTROL',
      control: {
        type: 'CONNECTOR_CONFIG',
        emitted_at: 1_700_000_000_000,
        connectorConfig: {
          config: {
            ...config,
            credentials: { ...config.credentials, access_token: ROTATED_ACCESS, refresh_token: ROTATED_REFRESH, token_expiry_date: expect.any(String) },
          },
        },
      },
    });
    expect(messages[first + 1]).toMatchObject({ type: 'STATE', state: { global: { shared_state: { connector: { oauth: { refresh_token: ROTATED_REFRESH } } } } } });
    expect(messages.filter((m) => m.type === 'RECORD')).toHaveLength(sim.issues(1001).length);
    const logs = messages.filter((m) => m.type === 'LOG').map((m) => JSON.stringify(m));
    for (const secret of [ROTATED_ACCESS, ROTATED_REFRESH, 'app-secret-0003', 'oauth-refresh-original-0005']) {
      expect(logs.filter((l) => l.includes(secret))).toEqual([]);
    }
  });
});
