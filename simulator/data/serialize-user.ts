/**
 * @module User entities beyond `UserBasic`: the public profile `GET /users/:id` sends
 * (`user_single.json`) and, for `GET /user`, the token owner's own account, which adds private
 * fields (email, sign-in times, limits) as documented for "List current user".
 */
import { isoDate, isoTime } from '../clock.js';
import type { User } from './model.js';
import { userBasic, type JsonObject, type SerializeContext } from './serialize.js';

export function userProfile(ctx: SerializeContext, user: User): JsonObject {
  const clock = new Date(ctx.now);
  const hours = clock.getUTCHours();
  return {
    ...userBasic(ctx, user.id),
    created_at: isoTime(user.createdAt),
    bio: '',
    bot: false,
    location: null,
    public_email: null,
    linkedin: '',
    twitter: '',
    discord: '',
    github: '',
    website_url: '',
    organization: '',
    job_title: '',
    pronouns: null,
    work_information: null,
    followers: 0,
    following: 0,
    // Rendered in the user's time zone (UTC here), as `3:38 PM`.
    local_time: `${hours % 12 === 0 ? 12 : hours % 12}:${String(clock.getUTCMinutes()).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`,
  };
}

/** `GET /users/:id` as another signed-in user sees it. */
export function userSingle(ctx: SerializeContext, user: User): JsonObject {
  return { ...userProfile(ctx, user), is_followed: false };
}

/** `GET /user`: the token owner's own account. */
export function currentUser(ctx: SerializeContext, user: User): JsonObject {
  const lastSignIn = isoTime(ctx.now - 86_400_000);
  return {
    ...userProfile(ctx, user),
    email: `${user.username}@example.com`,
    commit_email: `${user.username}@example.com`,
    last_sign_in_at: lastSignIn,
    current_sign_in_at: lastSignIn,
    confirmed_at: isoTime(user.createdAt + 3_600_000),
    last_activity_on: isoDate(ctx.now),
    theme_id: 1,
    color_scheme_id: 1,
    projects_limit: 100000,
    identities: [],
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: false,
    external: false,
    private_profile: false,
  };
}
