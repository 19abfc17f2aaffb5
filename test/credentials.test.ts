/**
 * The credential goes to api_url's origin and nowhere else: not to the host a `Link` header
 * names, not through a 301 to another origin. A second simulator plays the foreign host and
 * records whether anything reached it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, createSimulator, type Simulator, type SimulatorOptions } from '../simulator/index.js';
import { errorLines, leakedSecrets, runCapture, type CaptureRun, type Obj } from './helpers/capture-run.js';

let foreign: Simulator;
let foreignUrl: string;
let sim: Simulator | undefined;
const outputs: string[] = [];

beforeEach(async () => {
  foreign = createSimulator({ seed: 7 });
  foreignUrl = await foreign.listen(0);
});
afterEach(async () => {
  await sim?.close();
  await foreign.close();
  sim = undefined;
  // A secret scan over everything these scenarios printed.
  for (const out of outputs.splice(0)) expect(leakedSecrets(out, [DEFAULT_TOKEN])).toEqual([]);
});

async function capture(options: SimulatorOptions, projects: string, streams = ['projects', 'issues']): Promise<CaptureRun> {
  sim = createSimulator({ seed: 7, bigProjectIssues: 450, ...options });
  const url = await sim.listen(0);
  const config: Obj = { api_url: url, credentials: { access_token: DEFAULT_TOKEN }, start_date: '2015-01-01T00:00:00Z', projects };
  const run = await runCapture(config, streams);
  outputs.push(run.stdout, run.stderr);
  return run;
}

describe('the credential stays on api_url\'s origin', () => {
  it('a next-page Link to a foreign origin is read from api_url\'s origin; the foreign host gets nothing', async () => {
    const run = await capture({}, '1003', ['issues']);
    expect(run.code, run.stderr).toBe(0);
    const all = new Set((run.docs.get(0) ?? []).map((d) => d['id']));
    // Again, with the next link of the first page pointed elsewhere.
    sim?.clearRequests();
    sim?.foreignNextLink(foreignUrl, 2);
    const redirected = await runCapture({ api_url: sim?.url, credentials: { access_token: DEFAULT_TOKEN }, start_date: '2015-01-01T00:00:00Z', projects: '1003' }, ['issues']);
    outputs.push(redirected.stdout, redirected.stderr);
    expect(redirected.code, redirected.stderr).toBe(0);
    expect(sim?.requests.filter((r) => r.fault === 'foreign-link').length).toBe(2);
    expect(new Set((redirected.docs.get(0) ?? []).map((d) => d['id']))).toEqual(all);
    expect(foreign.requests).toEqual([]);
  });

  it('a 301 for a moved project to another origin is not followed: one clear error naming the host', async () => {
    const run = await capture({ movedProjects: [{ from: 'acme/old-api', to: 'acme/platform/api', origin: foreignUrl }] }, 'acme/old-api');
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    const errors = errorLines(run.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`redirects to another host (${new URL(foreignUrl).host})`);
    expect(errors[0]?.message).toMatch(/not followed with the credential/);
    expect(foreign.requests).toEqual([]);
  });

  it('a 301 for a moved project on the same origin is followed, and the project captured', async () => {
    const run = await capture({ movedProjects: [{ from: 'acme/old-api', to: 'acme/platform/api' }] }, 'acme/old-api');
    expect(run.code, run.stderr).toBe(0);
    expect((run.docs.get(0) ?? []).map((d) => d['id'])).toEqual([1003]);
    expect(run.docs.get(1)?.length).toBe(sim?.issues(1003).length);
    expect(sim?.requests.some((r) => r.status === 301)).toBe(true);
    expect(foreign.requests).toEqual([]);
  });
});
