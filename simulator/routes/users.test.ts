import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_USER_ID } from '../index.js';
import { startHarness, type Harness } from '../test-helpers.js';

describe('user endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('answers GET /user with the token owner, private fields included', async () => {
    const me = await h.getJson<Record<string, unknown>>('/api/v4/user');
    expect(me).toMatchObject({ id: CURRENT_USER_ID, username: 'sam', email: 'sam@example.com', state: 'active' });
  });

  it('answers GET /user without a valid token with 401, not 404', async () => {
    const res = await h.get('/api/v4/user', { 'PRIVATE-TOKEN': 'glpat-wrong' });
    expect(res.status).toBe(401);
  });

  it('answers GET /users/:id with a public profile and no email', async () => {
    const dana = await h.getJson<Record<string, unknown>>('/api/v4/users/102');
    expect(dana).toMatchObject({ id: 102, username: 'dana', web_url: `${h.url}/dana`, is_followed: false });
    expect(dana).not.toHaveProperty('email');
  });

  it('answers an unknown user with 404 User Not Found', async () => {
    const res = await h.get('/api/v4/users/9999');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: '404 User Not Found' });
  });
});
