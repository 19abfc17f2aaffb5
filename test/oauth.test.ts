/**
 * OAuth end to end: the connector as Flow runs it, against a simulator whose access tokens expire
 * and whose refresh tokens rotate strictly. The scenarios run in order on one simulator, each
 * starting from the state the previous one left, as Flow's restarts would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, createSimulator, type Simulator } from '../simulator/index.js';
import type { JsonValue } from '../src/engine/types.js';
import { docSet, errorLines, leakedSecrets, runCapture, stdoutOutsideCheckpoints, waitFor, type CaptureRun, type Obj } from './helpers/capture-run.js';
import { SELECTION } from './helpers/selection.js';

const STREAMS = ['groups', 'projects', 'issues'];
const CLIENT = { clientId: 'source-gitlab-app-0001', clientSecret: 'client-SECRET-oauth-e2e-77' };
/** The pair the user authorized, and a second one from re-authorizing later. */
const FIRST = { accessToken: 'oauth-ACCESS-first-0000000000000001', refreshToken: 'oauth-REFRESH-first-000000000000001' };
const REAUTH = { accessToken: 'oauth-ACCESS-reauth-000000000000002', refreshToken: 'oauth-REFRESH-reauth-00000000000002' };

let sim: Simulator;
let url: string;
/** Everything the connector printed, scanned for secrets at the end. */
const runs: CaptureRun[] = [];

beforeAll(async () => {
  sim = createSimulator({ seed: 7, oauthClients: [CLIENT], oauthTokens: [FIRST, REAUTH] });
  url = await sim.listen(0);
});
afterAll(async () => {
  await sim.close();
});

function config(pair: { accessToken: string; refreshToken: string }, credentials: Obj = {}): Obj {
  return {
    api_url: url,
    credentials: {
      auth_type: 'oauth2.0',
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      // Far enough ahead that only the server's 401 can tell the connector its token died.
      token_expiry_date: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      ...credentials,
    },
    ...SELECTION,
  };
}

async function capture(cfg: Obj, state: JsonValue = {}, onMessage?: (m: Obj) => void): Promise<CaptureRun> {
  const run = await runCapture(cfg, STREAMS, { state, ...(onMessage ? { onMessage } : {}) });
  runs.push(run);
  return run;
}

function storedOAuth(state: JsonValue): Obj | undefined {
  return ((state as Obj)['connector'] as Obj | undefined)?.['oauth'] as Obj | undefined;
}

let baseline: Map<string, string>;
let afterFirst: JsonValue;

describe('OAuth capture with expiring, rotating tokens', () => {
  beforeAll(async () => {
    // The same capture with a personal access token: what every OAuth run must also capture.
    const pat = await capture({ ...config(FIRST), credentials: { auth_type: 'access_token', access_token: DEFAULT_TOKEN } });
    expect(pat.code, pat.stderr).toBe(0);
    baseline = docSet(pat);
  });

  it('refreshes when the token expires mid-run, checkpoints the rotated pair before using it, and finishes', async () => {
    let seen = 0;
    const stop = sim.onRequest(() => {
      if (++seen === 4) sim.expireAccessTokens();
    });
    // Hold the first request with the new token until the connector has checkpointed it.
    const messages: Obj[] = [];
    let checkpointedFirst: boolean | undefined;
    const ungate = sim.beforeRequest(async (info) => {
      if (info.credential !== 'oauth:1.2' || checkpointedFirst !== undefined) return;
      checkpointedFirst = false;
      checkpointedFirst = await waitFor(() => messages.some((m) => storedOAuth(((m['checkpoint'] as Obj | undefined)?.['state'] as Obj | undefined)?.['updated'] as JsonValue ?? {}) !== undefined), 5000);
    });
    try {
      const run = await capture(config(FIRST), {}, (m) => messages.push(m));
      expect(run.code, run.stderr).toBe(0);
      expect(checkpointedFirst).toBe(true);
      expect(sim.oauthRefreshes).toBe(1);
      expect(docSet(run)).toEqual(baseline);

      const oauth = storedOAuth(run.state);
      const [access, refresh] = sim.oauthSecrets().slice(-2);
      expect(oauth).toMatchObject({ access_token: access, refresh_token: refresh });
      // Everything after the refresh went out with the new token.
      const firstNew = sim.requests.findIndex((r) => r.credential === 'oauth:1.2');
      expect(firstNew).toBeGreaterThan(0);
      expect(sim.requests.slice(firstNew).filter((r) => r.path.startsWith('/api/') && r.status === 200).every((r) => r.credential === 'oauth:1.2')).toBe(true);
      afterFirst = run.state;
    } finally {
      stop();
      ungate();
    }
  });

  it('a restart with the merged state uses the rotated tokens from state (the config\'s refresh token is spent)', async () => {
    sim.clearRequests();
    sim.expireAccessTokens(); // so the restart has to refresh with the refresh token from state
    const run = await capture(config(FIRST), afterFirst);
    expect(run.code, run.stderr).toBe(0);
    expect(sim.oauthRefreshes).toBe(2);
    expect(docSet(run).size).toBeGreaterThan(0);
    expect(sim.requests.filter((r) => r.status === 200 && r.path.startsWith('/api/')).every((r) => r.credential === 'oauth:1.3')).toBe(true);
    afterFirst = run.state;
  });

  it('a config re-authorized since (a different refresh token) wins over the state', async () => {
    sim.clearRequests();
    const run = await capture(config(REAUTH), afterFirst);
    expect(run.code, run.stderr).toBe(0);
    const api = sim.requests.filter((r) => r.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(0);
    // Pair 2 (its access token expired with the others above, so maybe refreshed once), never pair 1.
    expect(api.filter((r) => r.status === 200).every((r) => r.credential?.startsWith('oauth:2.'))).toBe(true);
    expect(api.some((r) => r.credential?.startsWith('oauth:1.'))).toBe(false);
  });

  it('a spent refresh token fails with one clear line telling the user to re-authorize', async () => {
    // The first pair's access token was revoked by its refresh, and its refresh token is spent.
    const run = await capture(config(FIRST), {});
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    const errors = errorLines(run.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/refused to refresh the OAuth token \(400 invalid_grant\).*re-authorize/);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('no access token, refresh token or client secret appears in stderr, or in stdout outside checkpoints', () => {
    const secrets = [...sim.oauthSecrets(), CLIENT.clientSecret, DEFAULT_TOKEN];
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    for (const run of runs) {
      expect(leakedSecrets(run.stderr, secrets)).toEqual([]);
      expect(leakedSecrets(stdoutOutsideCheckpoints(run), secrets)).toEqual([]);
    }
  });
});
