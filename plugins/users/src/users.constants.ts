/** Permission that lets a principal read every user (list, get another user). */
export const USERS_READ = 'users.read';
/** Permission that lets a principal change or delete any user, and set is_active / is_admin. */
export const USERS_MANAGE = 'users.manage';

/** What an `is_admin` user's tokens carry; other users' tokens carry no permission. */
export const ADMIN_PERMISSIONS = [USERS_READ, USERS_MANAGE];

/** Seconds a user read by id stays cached (key `user:<id>`). */
export const USER_CACHE_TTL_SECONDS = 300;
/** Seconds a page of the list stays cached (keys `list:*`). */
export const LIST_CACHE_TTL_SECONDS = 60;

/** Hooks this plugin emits (the manifest grants `hook.user_*` emit). */
export const USER_HOOKS = {
  registered: 'user_registered',
  login: 'user_login',
  logout: 'user_logout',
  profileUpdated: 'user_profile_updated',
  deleted: 'user_deleted',
} as const;

/** Codes of the `{ ok: false, error }` answers of this plugin's actions. */
export const ACTION_ERRORS = {
  notFound: 'not_found',
  authFailed: 'auth_failed',
  validation: 'validation_error',
  rateLimited: 'rate_limited',
} as const;

/**
 * Usernames are letters, digits, `.`, `_` and `-`: no `@`, so a login string names a username
 * or an email without ambiguity, and no spaces or look-alike punctuation.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;
