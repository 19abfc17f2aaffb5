/**
 * Bad input gets one clear line naming the problem and a non-zero exit: no stack trace, no
 * hang, and no secret in any output.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, createSimulator, type Simulator } from '../simulator/index.js';
import { openRequest, runConnector } from './helpers/connector.js';

const WRONG_TOKEN = 'glpat-WRONG-TOKEN-SHOULD-NOT-LEAK-42';
let sim: Simulator;
let url: string;
beforeAll(async () => {
  sim = createSimulator();
  url = await sim.listen(0);
});
afterAll(async () => {
  await sim.close();
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function errorLines(stderr: string): { message: string; fields?: Record<string, unknown> }[] {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { level: string; message: string; fields?: Record<string, unknown> })
    .filter((l) => l.level === 'error');
}

async function expectCleanFailure(stdin: string, pattern: RegExp, secrets: readonly string[] = []): Promise<void> {
  const r = await runConnector([], { stdin, timeoutMs: 30_000 });
  expect(r.code, r.stderr).not.toBe(0);
  expect(r.code).not.toBeNull(); // exited on its own, not killed by the timeout
  const errors = errorLines(r.stderr);
  expect(errors).toHaveLength(1);
  expect(errors[0]?.message).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  for (const s of [DEFAULT_TOKEN, ...secrets]) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
}

describe('bad input', () => {
  it('a config without credentials names the field', async () => {
    await expectCleanFailure(openRequest({ api_url: url }, ['issues']), /credentials is required/);
  });

  it('a wrong token is a 401 naming the endpoint, without echoing the token', async () => {
    const config = { api_url: url, credentials: { access_token: WRONG_TOKEN }, groups: '14' };
    await expectCleanFailure(openRequest(config, ['groups']), /401/, [WRONG_TOKEN]);
  });

  it('an unreachable api_url names the host', async () => {
    const port = await closedPort();
    const config = { api_url: `http://127.0.0.1:${port}`, credentials: { access_token: WRONG_TOKEN }, groups: '14' };
    await expectCleanFailure(openRequest(config, ['groups']), new RegExp(`127\\.0\\.0\\.1:${port}`), [WRONG_TOKEN]);
  });

  it('a configured group that does not exist stops the capture naming it', async () => {
    const config = { api_url: url, credentials: { access_token: DEFAULT_TOKEN }, groups: 'acme no-such-group' };
    await expectCleanFailure(openRequest(config, ['groups', 'projects']), /404.*groups\/no-such-group/);
  });

  it('a malformed request line names the line', async () => {
    const line = `{"open": {"capture": {"config": {"credentials": {"access_token": "${WRONG_TOKEN}"}}`;
    await expectCleanFailure(line + '\n', /request line 1: not valid JSON/, [WRONG_TOKEN]);
  });

  it('an unknown request names what was expected', async () => {
    await expectCleanFailure('{"hello": {}}\n', /request line 1: unknown request "hello"/);
  });

  it('an unknown stream in validate is an error naming it', async () => {
    const validate = {
      validate: {
        name: 'acmeCo/source-gitlab',
        config: { api_url: url, credentials: { access_token: DEFAULT_TOKEN } },
        bindings: [{ resourceConfig: { stream: 'wikis', syncMode: 'full_refresh' }, collection: { name: 'acmeCo/wikis' } }],
      },
    };
    await expectCleanFailure(JSON.stringify(validate) + '\n', /unknown stream "wikis"/);
  });

  it('state that is not the connector\'s names the problem', async () => {
    const config = { api_url: url, credentials: { access_token: DEFAULT_TOKEN }, groups: '14' };
    await expectCleanFailure(openRequest(config, ['issues'], { version: 99 }), /state version 99 is not supported/);
  });
});
