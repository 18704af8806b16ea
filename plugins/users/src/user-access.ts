import { hasPermission, TesseraError, type Principal } from '@tessera/sdk';
import { USERS_MANAGE, USERS_READ } from './users.constants.js';

/**
 * Who may do what to a user. A user may always read, change and delete their own account;
 * reading others needs `users.read`, changing or deleting them `users.manage` (held by users
 * with is_admin, and by admin accounts granted it or `*`).
 */
export function isSelf(principal: Principal, userId: string): boolean {
  return principal.kind === 'user' && principal.id === userId;
}

export function isUserAdmin(principal: Principal): boolean {
  return hasPermission(principal, USERS_MANAGE);
}

/**
 * @example
 * assertMayRead(principal, id); // throws FORBIDDEN for another user without users.read
 */
export function assertMayRead(principal: Principal, userId: string): void {
  if (isSelf(principal, userId) || hasPermission(principal, USERS_READ)) return;
  throw new TesseraError('FORBIDDEN', `Reading another user needs the permission "${USERS_READ}" (users with is_admin hold it).`, { permission: USERS_READ });
}

/**
 * @example
 * assertMayManage(principal, id, 'change'); // throws FORBIDDEN for another user without users.manage
 */
export function assertMayManage(principal: Principal, userId: string, verb: 'change' | 'delete'): void {
  if (isSelf(principal, userId) || isUserAdmin(principal)) return;
  throw new TesseraError('FORBIDDEN', `Only the user or an admin (permission "${USERS_MANAGE}") may ${verb} this account.`, { permission: USERS_MANAGE });
}

/**
 * The principal must be an end user of this plugin (not an admin account).
 *
 * @example
 * assertEndUser(principal, 'GET /me');
 */
export function assertEndUser(principal: Principal, what: string): void {
  if (principal.kind === 'user') return;
  throw new TesseraError('FORBIDDEN', `${what} is for end users of the users plugin; admin accounts use /api/v1/admin/me and /api/v1/admin/auth.`);
}
