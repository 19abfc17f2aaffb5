/**
 * @module Every endpoint the simulator serves. A new family of endpoints is a new file in this
 * folder and one more spread here.
 */
import type { Route } from '../router.js';
import { groupRoutes } from './groups.js';
import { issueRoutes } from './issues.js';
import { projectRoutes } from './projects.js';
import { userRoutes } from './users.js';

export const ROUTES: readonly Route[] = [...groupRoutes, ...projectRoutes, ...issueRoutes, ...userRoutes];
