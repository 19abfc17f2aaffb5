/**
 * @module CI/CD rows: pipelines (child pipelines point at their parent), jobs (a retried job keeps
 * its row, flagged `retried`, next to the new attempt), environments and deployments.
 */
import type { Millis } from './model.js';

export type CiStatus = 'created' | 'pending' | 'running' | 'success' | 'failed' | 'canceled' | 'skipped' | 'manual';

export interface Pipeline {
  readonly id: number;
  readonly iid: number;
  readonly projectId: number;
  status: CiStatus;
  readonly source: 'push' | 'merge_request_event' | 'schedule' | 'web' | 'parent_pipeline';
  readonly ref: string;
  readonly sha: string;
  readonly beforeSha: string;
  readonly tag: boolean;
  readonly name: string | null;
  readonly userId: number;
  readonly createdAt: Millis;
  updatedAt: Millis;
  startedAt: Millis | null;
  finishedAt: Millis | null;
  readonly coverage: string | null;
  /** The parent pipeline of a child pipeline (`source: parent_pipeline`). */
  readonly parentId: number | null;
}

export interface Job {
  readonly id: number;
  readonly pipelineId: number;
  readonly projectId: number;
  readonly name: string;
  readonly stage: string;
  status: CiStatus;
  /** Superseded by a later attempt: listed only with `include_retried=true`. */
  retried: boolean;
  readonly createdAt: Millis;
  startedAt: Millis | null;
  finishedAt: Millis | null;
  readonly userId: number;
  readonly runnerId: number | null;
  readonly allowFailure: boolean;
  readonly tagList: readonly string[];
  readonly failureReason: string | null;
  readonly coverage: number | null;
}

export interface Environment {
  readonly id: number;
  readonly projectId: number;
  readonly name: string;
  readonly slug: string;
  readonly externalUrl: string | null;
  readonly state: 'available' | 'stopped';
  readonly tier: 'production' | 'staging' | 'development';
  readonly createdAt: Millis;
  updatedAt: Millis;
}

export interface Deployment {
  readonly id: number;
  readonly iid: number;
  readonly projectId: number;
  readonly environmentId: number;
  readonly ref: string;
  readonly sha: string;
  status: 'created' | 'running' | 'success' | 'failed' | 'canceled';
  readonly userId: number;
  readonly createdAt: Millis;
  updatedAt: Millis;
  /** The job that deployed, or null (`deployable: null`). */
  readonly jobId: number | null;
}
