/**
 * @module Repository entities: commits (`commits.json`; git times keep the committer's offset,
 * gitlab-api.md §6), branches (`branches.json`), tags (`tags.json`) and releases
 * (`releases.json`: no `id`, no `updated_at`; `tag_name` is the key).
 */
import { isoTime } from '../clock.js';
import type { Project } from './model.js';
import type { Branch, Commit, Release, Repository, Tag } from './model-repo.js';
import { apiUrl, milestoneEntity, userBasic, type JsonObject, type SerializeContext } from './serialize.js';

/** A git time: `2021-09-20T11:50:22.000+03:00`, in the commit's own zone. */
export function gitTime(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface CommitView {
  readonly stats?: boolean;
}

export function commitEntity(ctx: SerializeContext, project: Project, c: Commit, view: CommitView = {}): JsonObject {
  const author = ctx.db.users.get(c.authorId);
  const committer = ctx.db.users.get(c.committerId);
  const committed = gitTime(c.committedAt, c.offsetMinutes);
  const out: JsonObject = {
    id: c.sha,
    short_id: c.sha.slice(0, 11),
    created_at: committed,
    parent_ids: [...c.parentShas],
    title: c.title,
    message: c.message,
    author_name: author?.name ?? '',
    author_email: `${author?.username ?? 'unknown'}@example.com`,
    authored_date: gitTime(c.authoredAt, c.offsetMinutes),
    committer_name: committer?.name ?? '',
    committer_email: `${committer?.username ?? 'unknown'}@example.com`,
    committed_date: committed,
    trailers: {},
    extended_trailers: {},
    web_url: `${ctx.base}/${ctx.db.pathWithNamespace(project)}/-/commit/${c.sha}`,
  };
  if (view.stats) out['stats'] = { additions: c.additions, deletions: c.deletions, total: c.additions + c.deletions };
  return out;
}

export function branchEntity(ctx: SerializeContext, project: Project, repo: Repository, b: Branch): JsonObject {
  const head = repo.commits.get(b.headSha);
  if (!head) throw new Error(`Implementation error: branch ${b.name} of project ${project.id} points at no commit`);
  return {
    name: b.name,
    commit: commitEntity(ctx, project, head),
    merged: b.merged,
    protected: b.protected,
    developers_can_push: false,
    developers_can_merge: false,
    can_push: true,
    default: b.name === project.defaultBranch,
    web_url: `${ctx.base}/${ctx.db.pathWithNamespace(project)}/-/tree/${b.name}`,
  };
}

export function tagEntity(ctx: SerializeContext, project: Project, repo: Repository, t: Tag): JsonObject {
  const commit = repo.commits.get(t.sha);
  if (!commit) throw new Error(`Implementation error: tag ${t.name} of project ${project.id} points at no commit`);
  const release = repo.releases.find((r) => r.tagName === t.name);
  return {
    name: t.name,
    message: t.message,
    target: t.targetSha,
    commit: commitEntity(ctx, project, commit),
    release: release ? { tag_name: release.tagName, description: release.description } : null,
    protected: t.protected,
    // The tagger's date, in the commit's zone; null for lightweight tags (doc/api/tags.md).
    created_at: t.createdAt === null ? null : gitTime(t.createdAt, commit.offsetMinutes),
  };
}

export function releaseEntity(ctx: SerializeContext, project: Project, repo: Repository, r: Release): JsonObject {
  const path = ctx.db.pathWithNamespace(project);
  const tag = repo.tags.find((t) => t.name === r.tagName);
  const commit = tag ? repo.commits.get(tag.sha) : undefined;
  const archive = (format: string): JsonObject => ({ format, url: `${ctx.base}/${path}/-/archive/${r.tagName}/${project.path}-${r.tagName}.${format}` });
  const self = `${ctx.base}/${path}/-/releases/${encodeURIComponent(r.tagName)}`;
  return {
    tag_name: r.tagName,
    description: r.description,
    name: r.name,
    created_at: isoTime(r.createdAt),
    released_at: isoTime(r.releasedAt),
    upcoming_release: r.releasedAt > ctx.now,
    author: userBasic(ctx, r.authorId),
    commit: commit ? commitEntity(ctx, project, commit) : null,
    milestones: r.milestoneIds.map((id) => {
      const m = milestoneEntity(ctx, ctx.db.milestones.get(id)) ?? {};
      const issues = ctx.db.projectIssues(project.id).filter((i) => i.milestoneId === id);
      return { ...m, issue_stats: { total: issues.length, closed: issues.filter((i) => i.state === 'closed').length } };
    }),
    commit_path: `/${path}/-/commit/${commit?.sha ?? ''}`,
    tag_path: `/${path}/-/tags/${r.tagName}`,
    assets: {
      count: 4,
      sources: ['zip', 'tar.gz', 'tar.bz2', 'tar'].map(archive),
      links: [],
      evidence_file_path: `${self}/evidence.json`,
    },
    evidences: [{ sha: commit?.sha ?? '', filepath: `${self}/evidence.json`, collected_at: isoTime(r.releasedAt) }],
    _links: { self: apiUrl(ctx, `/projects/${project.id}/releases/${encodeURIComponent(r.tagName)}`), closed_issues_url: `${ctx.base}/${path}/-/issues?release_tag=${r.tagName}&scope=all&state=closed` },
  };
}
