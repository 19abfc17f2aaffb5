/**
 * @module Every endpoint the simulator serves. A new family of endpoints is a new file in this
 * folder and one more spread here.
 */
import type { Route } from '../router.js';
import { epicAndBoardRoutes } from './epics-boards.js';
import { groupRoutes } from './groups.js';
import { issueRoutes } from './issues.js';
import { mergeRequestRoutes } from './merge-requests.js';
import { peopleAndLabelRoutes } from './people-labels.js';
import { pipelineRoutes } from './pipelines.js';
import { projectRoutes } from './projects.js';
import { repositoryRoutes } from './repository.js';
import { userRoutes } from './users.js';

export const ROUTES: readonly Route[] = [
  ...groupRoutes, ...projectRoutes, ...issueRoutes, ...userRoutes,
  ...repositoryRoutes, ...mergeRequestRoutes, ...pipelineRoutes, ...peopleAndLabelRoutes, ...epicAndBoardRoutes,
];
