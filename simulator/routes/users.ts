/**
 * @module User endpoints (doc/api/users.md): `GET /user`, the token's owner (what a connection
 * check calls), and `GET /users/:id`, one user's public profile.
 */
import { currentUser, userSingle } from '../data/serialize-user.js';
import { json, notFound } from '../errors.js';
import type { Route } from '../router.js';

export const userRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/user',
    handle: (ctx) => {
      const user = ctx.db.users.get(ctx.userId);
      if (!user) throw new Error(`Implementation error: the token's user ${ctx.userId} is not seeded`);
      return json(200, currentUser(ctx.ser, user));
    },
  },
  {
    method: 'GET',
    pattern: '/users/:id',
    handle: (ctx) => {
      const ref = ctx.path['id'] ?? '';
      const user = /^\d+$/.test(ref) ? ctx.db.users.get(Number(ref)) : undefined;
      if (!user) throw notFound('User');
      return json(200, userSingle(ctx.ser, user));
    },
  },
];
