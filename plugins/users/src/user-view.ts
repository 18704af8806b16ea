import type { Principal } from '@tessera/sdk';
import type { UserAccount } from './user-account.entity.js';
import { ADMIN_PERMISSIONS } from './users.constants.js';

/** A user as the API, the actions and the cache show it: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  email: string;
  full_name: string | null;
  is_active: boolean;
  is_admin: boolean;
  /** ISO 8601 */
  created_at: string;
  /** ISO 8601 */
  updated_at: string;
}

/** One page of users. */
export interface UserPage {
  items: UserView[];
  total: number;
  page: number;
  page_size: number;
  /** ceil(total / page_size); 0 when there is no user. */
  pages: number;
}

/**
 * The public view of an account. Dates are ISO strings so a view read from the cache (stored
 * as JSON) and one built from the database are the same.
 *
 * @example
 * return ok(toUserView(account));
 */
export function toUserView(account: UserAccount): UserView {
  return {
    id: account.id,
    username: account.username,
    email: account.email,
    full_name: account.fullName,
    is_active: account.isActive,
    is_admin: account.isAdmin,
    created_at: account.createdAt.toISOString(),
    updated_at: account.updatedAt.toISOString(),
  };
}

/**
 * The principal a user's tokens carry: `kind: 'user'`; admins hold users.read and users.manage.
 *
 * @example
 * const tokens = await sessions.start(principalOf(account), { ip });
 */
export function principalOf(account: Pick<UserAccount, 'id' | 'isAdmin'>): Principal {
  return {
    id: account.id,
    kind: 'user',
    roles: account.isAdmin ? ['user', 'admin'] : ['user'],
    permissions: account.isAdmin ? [...ADMIN_PERMISSIONS] : [],
  };
}
