/**
 * @module The issue row, and the canonical copy every inserted issue goes through.
 */
import type { Millis } from './model.js';

export interface Issue {
  readonly id: number;
  readonly iid: number;
  readonly projectId: number;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  readonly createdAt: Millis;
  updatedAt: Millis;
  closedAt: Millis | null;
  closedById: number | null;
  readonly authorId: number;
  assigneeIds: number[];
  milestoneId: number | null;
  labelIds: number[];
  upvotes: number;
  downvotes: number;
  userNotesCount: number;
  mergeRequestsCount: number;
  dueDate: string | null;
  confidential: boolean;
  discussionLocked: boolean | null;
  /** Premium. */
  weight: number | null;
  timeEstimate: number;
  timeSpent: number;
  readonly issueType: 'issue' | 'incident';
  severity: 'UNKNOWN' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
}

/**
 * Copies an issue into an object literal with one fixed key order. Rows built by spreading drafts
 * that were edited after creation end up with many hidden classes in V8, which made every scan of a
 * 20,000-issue list several times slower.
 */
export function issueRow(f: Issue): Issue {
  return {
    id: f.id, iid: f.iid, projectId: f.projectId, title: f.title, description: f.description, state: f.state,
    createdAt: f.createdAt, updatedAt: f.updatedAt, closedAt: f.closedAt, closedById: f.closedById,
    authorId: f.authorId, assigneeIds: f.assigneeIds, milestoneId: f.milestoneId, labelIds: f.labelIds,
    upvotes: f.upvotes, downvotes: f.downvotes, userNotesCount: f.userNotesCount,
    mergeRequestsCount: f.mergeRequestsCount, dueDate: f.dueDate, confidential: f.confidential,
    discussionLocked: f.discussionLocked, weight: f.weight, timeEstimate: f.timeEstimate, timeSpent: f.timeSpent,
    issueType: f.issueType, severity: f.severity,
  };
}
