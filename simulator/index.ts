/**
 * @module The GitLab API simulator: a pure `Request → Response` handler over seeded in-memory
 * data, with GitLab's pagination, auth and error behaviour, and a thin HTTP server around it.
 * Tests, the demo and the benchmarks talk to it instead of GitLab. It imports nothing from
 * `src/`, so it cannot share the connector's mistakes.
 *
 * @example
 * const sim = createSimulator({ seed: 7 });
 * const url = await sim.listen(0);
 * const res = await fetch(`${url}/api/v4/projects/1003/issues?per_page=100`, {
 *   headers: { 'PRIVATE-TOKEN': DEFAULT_TOKEN },
 * });
 * await sim.close();
 */
import { DEFAULT_TOKEN, type SimulatorOptions } from './options.js';
import { SimulatorImpl, type Simulator } from './simulator.js';

export { DEFAULT_TOKEN } from './options.js';
export type { SimulatorOptions } from './options.js';
export type { RequestLogEntry, Simulator } from './simulator.js';
export type { Tier } from './data/serialize.js';
export { BIG_PROJECT_ID, CURRENT_USER_ID } from './data/layout.js';
export { TIE_POSITIONS } from './data/seed.js';
// ---- issue 3: seeded facts for the streams beyond groups, projects and issues ----
export type { ServedParent, WorldControls } from './data/controls.js';
export {
  CI_DISABLED_PROJECT_ID, FORK_PROJECT_ID, ISSUES_DISABLED_PROJECT_ID, PREMIUM_GROUP_ID, REPOSITORY_DISABLED_PROJECT_ID,
} from './data/layout-more.js';
export { FIRST_JOB_ID } from './data/seed-ci.js';
export { FIRST_NOTE_ID } from './data/seed-work.js';
// ---- end issue 3 ----
// ---- issue 4: OAuth, rate limits, faults, foreign origins ----
export { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults.js';
export type { GateInfo, RequestLogExtras } from './faults-hooks.js';
export type { MovedProject } from './faults-links.js';
export { INVALID_GRANT, type OAuthClient, type OAuthRotation, type OAuthTokenPair } from './oauth.js';
export { ENDPOINT_LIMITED, THROTTLE_NAME, type EndpointLimitOptions, type UserLimitOptions } from './rate-limit.js';
// ---- end issue 4 ----

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return new SimulatorImpl(options);
}

/**
 * For `source-gitlab sim --port N --seed S`: listens, prints one line with the URL and token to
 * stdout, and resolves once SIGINT or SIGTERM has closed it.
 */
export async function runSimulatorServer(options: SimulatorOptions & { port?: number }): Promise<void> {
  const { port, ...simOptions } = options;
  const sim = createSimulator(simOptions);
  const url = await sim.listen(port ?? 0);
  const token = simOptions.tokens?.[0] ?? DEFAULT_TOKEN;
  process.stdout.write(`GitLab simulator listening on ${url} (token: ${token})\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      sim.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
