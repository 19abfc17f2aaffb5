/**
 * @module Rows for planning and review: merge requests, notes, group labels and milestones,
 * boards, epics and the epic–issue links. Related to the rest by ids, as GitLab's tables are.
 */
import type { Millis } from './model.js';

export interface MergeRequest {
  readonly id: number;
  readonly iid: number;
  readonly projectId: number;
  title: string;
  description: string;
  state: 'opened' | 'closed' | 'merged' | 'locked';
  readonly createdAt: Millis;
  updatedAt: Millis;
  mergedAt: Millis | null;
  closedAt: Millis | null;
  readonly authorId: number;
  assigneeIds: number[];
  reviewerIds: number[];
  mergedById: number | null;
  closedById: number | null;
  readonly sourceBranch: string;
  readonly targetBranch: string;
  labelIds: number[];
  milestoneId: number | null;
  draft: boolean;
  /** The MR's commits, oldest first; they live in the project's repository. */
  commitShas: string[];
  mergeCommitSha: string | null;
  /** Users who approved, in approval order. */
  approvedBy: number[];
  upvotes: number;
  downvotes: number;
}

export interface Note {
  readonly id: number;
  readonly projectId: number;
  readonly noteableType: 'Issue' | 'MergeRequest';
  /** The issue's or merge request's id (not iid). */
  readonly noteableId: number;
  readonly noteableIid: number;
  readonly authorId: number;
  body: string;
  readonly system: boolean;
  readonly internal: boolean;
  readonly createdAt: Millis;
  updatedAt: Millis;
}

export interface GroupLabel {
  readonly id: number;
  readonly groupId: number;
  readonly name: string;
  readonly color: string;
  readonly description: string | null;
}

export interface GroupMilestone {
  readonly id: number;
  readonly iid: number;
  readonly groupId: number;
  readonly title: string;
  readonly description: string;
  readonly state: 'active' | 'closed';
  readonly startDate: string | null;
  readonly dueDate: string | null;
  readonly createdAt: Millis;
  readonly updatedAt: Millis;
}

export interface Board {
  readonly id: number;
  readonly groupId: number;
  readonly name: string;
  readonly milestoneId: number | null;
  readonly hideBacklogList: boolean;
  readonly hideClosedList: boolean;
  readonly lists: readonly { readonly id: number; readonly labelId: number; readonly position: number }[];
}

export interface Epic {
  readonly id: number;
  readonly iid: number;
  readonly groupId: number;
  readonly parentId: number | null;
  title: string;
  readonly description: string;
  state: 'opened' | 'closed';
  readonly confidential: boolean;
  readonly authorId: number;
  readonly startDate: string | null;
  readonly dueDate: string | null;
  readonly createdAt: Millis;
  updatedAt: Millis;
  closedAt: Millis | null;
  readonly labelIds: readonly number[];
  readonly upvotes: number;
  readonly downvotes: number;
  readonly color: string;
}

export interface EpicIssue {
  /** `epic_issue_id`: the link's own id. */
  readonly id: number;
  readonly epicId: number;
  readonly issueId: number;
  readonly relativePosition: number;
}
