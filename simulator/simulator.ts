/**
 * @module The simulator object: seeded database, virtual clock, request log and listeners around
 * the pure request handler, plus the data accessors and mutations tests use.
 */
import { readCredentials, type AuthKind } from './auth.js';
import { Clock, isoTime } from './clock.js';
import type { Db } from './data/model.js';
import { Rng } from './data/prng.js';
import { FIRST_ISSUE_ID, draftIssue, seedDatabase } from './data/seed.js';
import type { JsonObject, SerializeContext } from './data/serialize.js';
import { groupEntity } from './data/serialize-group.js';
import { issueEntity } from './data/serialize-issue.js';
import { projectEntity } from './data/serialize-project.js';
import { handleRequest, type HandlerDeps } from './handler.js';
import { normalizeOptions, type NormalizedOptions, type SimulatorOptions } from './options.js';
import { parseQuery } from './params.js';
import { ROUTES } from './routes/index.js';
import { startServer, type RunningServer } from './server.js';
// ---- issue 3: every stream's data and the mutations tests need (data/controls.ts) ----
import { WorldControlsImpl, type ServedParent, type WorldControls } from './data/controls.js';
// ---- end issue 3 ----
// ---- issue 4: misbehaviour on purpose (OAuth, rate limits, faults); see faults-hooks.ts ----
import { Misbehaviour, type GateInfo, type MisbehaviourControls, type RequestLogExtras } from './faults-hooks.js';
import type { FaultOptions } from './faults.js';
// ---- end issue 4 ----

export interface RequestLogEntry extends Partial<RequestLogExtras> /* issue 4: fault, credential, receivedAt */ {
  method: string;
  /** The path as sent, still URL-encoded: `/api/v4/groups/acme%2Fplatform`. */
  path: string;
  /** Query parameters (a `key[]` list joined by commas; token parameters redacted). */
  query: Record<string, string>;
  status: number;
  auth: AuthKind;
  /** Simulator clock, ISO. */
  at: string;
}

export interface Simulator extends MisbehaviourControls /* issue 4 */, WorldControls /* issue 3 */ {
  handle(req: Request): Promise<Response>;
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
  readonly url: string;
  readonly requests: readonly RequestLogEntry[];
  clearRequests(): void;
  /** Runs after each response is produced (before it is sent): lets a test change data mid-read. */
  onRequest(fn: (entry: RequestLogEntry) => void): () => void;
  groups(): Record<string, unknown>[];
  projects(): Record<string, unknown>[];
  issues(projectId?: number): Record<string, unknown>[];
  touchIssues(ids: readonly number[]): void;
  createIssues(projectId: number, count: number): Record<string, unknown>[];
  advanceClock(ms: number): void;
  now(): string;
}

/** Query parameters that carry a token: never kept in the log. */
const SECRET_PARAMS = new Set(['private_token', 'access_token']);
/** Base URL of the accessors before the simulator listens (and without `baseUrl`). */
const FALLBACK_BASE = 'http://localhost';

export class SimulatorImpl implements Simulator {
  private readonly options: NormalizedOptions;
  private readonly db: Db;
  private readonly clock = new Clock();
  /** Continues after seeding, so created issues are deterministic too. */
  private readonly rng: Rng;
  private readonly deps: HandlerDeps;
  private readonly log: RequestLogEntry[] = [];
  private readonly listeners = new Set<(entry: RequestLogEntry) => void>();
  private server: RunningServer | undefined;
  private readonly misbehaviour: Misbehaviour; // issue 4
  private readonly world: WorldControlsImpl; // issue 3

  constructor(options: SimulatorOptions = {}) {
    this.options = normalizeOptions(options);
    this.rng = new Rng(this.options.seed);
    this.db = seedDatabase(this.rng, this.options.bigProjectIssues);
    this.world = new WorldControlsImpl(this.db, this.rng, this.clock, () => this.serializeContext()); // issue 3
    this.misbehaviour = new Misbehaviour(this.options, () => this.clock.now()); // issue 4
    this.deps = {
      // ---- issue 4 ----
      oauth: this.misbehaviour.oauth,
      rateLimits: this.misbehaviour.rateLimits,
      movedProjects: this.options.movedProjects,
      // ---- end issue 4 ----
      db: this.db,
      routes: ROUTES,
      tokens: {
        valid: new Set(this.options.tokens),
        expired: new Set(this.options.expiredTokens),
        revoked: new Set(this.options.revokedTokens),
      },
      tier: this.options.tier,
      totalsLimit: this.options.totalsLimit,
      now: () => this.clock.now(),
      // GitLab builds links from its configured host, not the request's; in-process requests
      // without a configured host get their own origin back.
      baseFor: (url) => this.options.baseUrl ?? this.server?.url ?? url.origin,
    };
  }

  handle = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const credentials = readCredentials(req.headers, url.searchParams);
    // issue 4: faults, gates and foreign links wrap the handler.
    const { response, extras } = await this.misbehaviour.run(req, url, credentials, () => handleRequest(this.deps, req, url, credentials));
    const entry: RequestLogEntry = {
      method: req.method,
      path: url.pathname,
      query: logQuery(url.searchParams),
      status: response.status,
      auth: credentials.kind,
      at: isoTime(this.clock.now()),
      ...extras, // issue 4
    };
    this.log.push(entry);
    for (const fn of [...this.listeners]) fn(entry);
    return response;
  };

  async listen(port = 0): Promise<string> {
    if (this.server) throw new Error(`simulator is already listening on ${this.server.url}`);
    this.server = await startServer(this.handle, port);
    return this.server.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  get url(): string {
    if (!this.server) throw new Error('simulator is not listening: call listen() first');
    return this.server.url;
  }

  get requests(): readonly RequestLogEntry[] {
    return this.log;
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  onRequest(fn: (entry: RequestLogEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private serializeContext(): SerializeContext {
    const base = this.options.baseUrl ?? this.server?.url ?? FALLBACK_BASE;
    return { db: this.db, base, tier: this.options.tier, now: this.clock.now() };
  }

  /** Every group, in the `/groups` shape, by id. */
  groups(): JsonObject[] {
    const ctx = this.serializeContext();
    return this.db.groups.all().map((g) => groupEntity(ctx, g));
  }

  /** Every project, in the `GET /projects/:id` shape (`/groups/:id/projects` drops `permissions`), by id. */
  projects(): JsonObject[] {
    const ctx = this.serializeContext();
    const view = { shape: 'full', withAccess: true, userId: this.db.currentUserId } as const;
    return this.db.projects.all().map((p) => projectEntity(ctx, p, view));
  }

  /** Every issue (of one project), in the `/projects/:id/issues` shape, by id. */
  issues(projectId?: number): JsonObject[] {
    if (projectId !== undefined && !this.db.projects.get(projectId)) throw new Error(`issues: no project ${projectId}`);
    const ctx = this.serializeContext();
    const rows = projectId === undefined ? this.db.issues.all() : [...this.db.projectIssues(projectId)];
    return rows.sort((a, b) => a.id - b.id).map((i) => issueEntity(ctx, i, { relativeTo: { kind: 'project' } }));
  }

  /** Sets `updated_at` of the issues to one new instant, after everything before. */
  touchIssues(ids: readonly number[]): void {
    const issues = ids.map((id) => {
      const issue = this.db.issues.get(id);
      if (!issue) throw new Error(`touchIssues: no issue with id ${id}`);
      return issue;
    });
    const now = this.clock.advance(1);
    for (const issue of issues) issue.updatedAt = now;
    this.db.version++;
  }

  /** New open issues, each created 1 ms after the previous; returned in the project-issues shape. */
  createIssues(projectId: number, count: number): JsonObject[] {
    const project = this.db.projects.get(projectId);
    if (!project) throw new Error(`createIssues: no project ${projectId}`);
    const created = [];
    for (let n = 0; n < count; n++) {
      const now = this.clock.advance(1);
      const draft = draftIssue(this.rng, this.db, project, now, now);
      // Just created: open, whatever the draw said.
      Object.assign(draft, { state: 'opened', closedAt: null, closedById: null });
      draft.id = this.db.issues.nextId(FIRST_ISSUE_ID);
      draft.iid = Math.max(0, ...this.db.projectIssues(projectId).map((i) => i.iid)) + 1;
      created.push(this.db.addIssue(draft));
    }
    const ctx = this.serializeContext();
    return created.map((i) => issueEntity(ctx, i, { relativeTo: { kind: 'project' } }));
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  now(): string {
    return isoTime(this.clock.now());
  }

  // ---- issue 4: misbehaviour controls (faults-hooks.ts) ----
  setFaults(options: FaultOptions | null): void {
    this.misbehaviour.setFaults(options);
  }

  foreignNextLink(origin: string, count?: number): void {
    this.misbehaviour.foreignNextLink(origin, count);
  }

  beforeRequest(fn: (info: GateInfo) => void | Promise<void>): () => void {
    return this.misbehaviour.beforeRequest(fn);
  }

  expireAccessTokens(): void {
    this.misbehaviour.oauth.expireAccessTokens();
  }

  oauthSecrets(): string[] {
    return this.misbehaviour.oauth.secrets();
  }

  get oauthRefreshes(): number {
    return this.misbehaviour.oauth.refreshes;
  }
  // ---- end issue 4 ----

  // ---- issue 3: served objects per stream and mutations (data/controls.ts) ----
  served(stream: string, parent: ServedParent): JsonObject[] {
    return this.world.served(stream, parent);
  }
  touchMergeRequests(ids: readonly number[]): void {
    this.world.touchMergeRequests(ids);
  }
  createMergeRequests(projectId: number, count: number): number[] {
    return this.world.createMergeRequests(projectId, count);
  }
  touchPipelines(ids: readonly number[]): void {
    this.world.touchPipelines(ids);
  }
  createPipelines(projectId: number, count: number): number[] {
    return this.world.createPipelines(projectId, count);
  }
  touchEpics(ids: readonly number[]): void {
    this.world.touchEpics(ids);
  }
  addNote(target: { readonly issueId: number } | { readonly mergeRequestId: number }, body?: string): number {
    return this.world.addNote(target, body);
  }
  deleteBranch(projectId: number, name: string): void {
    this.world.deleteBranch(projectId, name);
  }
  removeMember(kind: 'group' | 'project', targetId: number, userId: number): void {
    this.world.removeMember(kind, targetId, userId);
  }
  deleteLabel(id: number): void {
    this.world.deleteLabel(id);
  }
  // ---- end issue 3 ----
}

function logQuery(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseQuery(search))) {
    out[key] = SECRET_PARAMS.has(key) ? '[REDACTED]' : Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}
