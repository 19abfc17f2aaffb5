/**
 * @module Git repositories: commits (shared by sha between a project and its fork, as a fork's
 * history is its parent's), branches, tags and releases. Rows hold facts; `serialize-repo.ts`
 * renders them. Branches, tags and releases have no id: GitLab keys them by name
 * (gitlab-api.md §6 "id vs iid").
 */
import type { Millis } from './model.js';

export interface Commit {
  readonly sha: string;
  readonly parentShas: readonly string[];
  readonly title: string;
  readonly message: string;
  /** A seeded user: commits carry the author's name and e-mail, not a user object. */
  readonly authorId: number;
  readonly committerId: number;
  readonly authoredAt: Millis;
  readonly committedAt: Millis;
  /** The committer's time zone in minutes: git times keep their own offset (gitlab-api.md §6). */
  readonly offsetMinutes: number;
  readonly additions: number;
  readonly deletions: number;
}

export interface Branch {
  readonly name: string;
  headSha: string;
  readonly protected: boolean;
  readonly merged: boolean;
}

export interface Tag {
  readonly name: string;
  readonly sha: string;
  /** Annotated tags have a message, a date and their own object id (`target`); lightweight ones none. */
  readonly message: string | null;
  readonly createdAt: Millis | null;
  readonly targetSha: string;
  readonly protected: boolean;
}

export interface Release {
  readonly tagName: string;
  readonly name: string;
  readonly description: string;
  readonly createdAt: Millis;
  readonly releasedAt: Millis;
  readonly authorId: number;
  readonly milestoneIds: readonly number[];
}

/** One project's repository. Commits are shared objects: the fork holds the parent's by sha. */
export class Repository {
  readonly commits = new Map<string, Commit>();
  branches: Branch[] = [];
  tags: Tag[] = [];
  releases: Release[] = [];

  add(commit: Commit): Commit {
    this.commits.set(commit.sha, commit);
    return commit;
  }

  branch(name: string): Branch | undefined {
    return this.branches.find((b) => b.name === name);
  }

  /** Every commit reachable from `heads`, newest commit date first (git log's default order). */
  reachable(heads: readonly string[]): Commit[] {
    const seen = new Set<string>();
    const out: Commit[] = [];
    const stack = [...heads];
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const c = this.commits.get(sha);
      if (!c) continue;
      out.push(c);
      stack.push(...c.parentShas);
    }
    return out.sort((a, b) => b.committedAt - a.committedAt || (a.sha < b.sha ? -1 : 1));
  }
}
