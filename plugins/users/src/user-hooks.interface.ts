/** Who made a change: the id and kind of the caller's principal (a user, or an admin account). */
export interface ChangedBy {
  id: string;
  kind: 'user' | 'admin';
}

/** `user_registered`: an account was created (POST /register or the `create` action). */
export interface UserRegisteredPayload {
  user_id: string;
  username: string;
  email: string;
  full_name: string | null;
  /** ISO 8601 */
  at: string;
}

/** `user_login`: a session was opened by POST /login. */
export interface UserLoginPayload {
  user_id: string;
  username: string;
  email: string;
  session_id: string;
  ip: string | null;
  user_agent: string | null;
  at: string;
}

/** `user_logout`: a session was ended by POST /logout. */
export interface UserLogoutPayload {
  user_id: string;
  username: string;
  email: string;
  session_id: string;
  at: string;
}

/**
 * `user_profile_updated`: PUT /:id changed at least one field. `updated_fields` lists them;
 * `old_values` / `new_values` hold their values, except the password, which is only named.
 */
export interface UserProfileUpdatedPayload {
  user_id: string;
  username: string;
  updated_fields: string[];
  old_values: Record<string, unknown>;
  new_values: Record<string, unknown>;
  updated_by: ChangedBy;
  at: string;
}

/** `user_deleted`: DELETE /:id removed the account. */
export interface UserDeletedPayload {
  user_id: string;
  username: string;
  email: string;
  deleted_by: ChangedBy;
  at: string;
}
