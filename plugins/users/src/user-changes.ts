import type { UpdateUserDto } from './dto/update-user.dto.js';
import type { UserAccount } from './user-account.entity.js';
import type { UserAccountChanges } from './user-store.service.js';
import { normaliseEmail } from './user-store.service.js';

/** What an update changes, and how the `user_profile_updated` hook describes it. */
export interface UserChangeSet {
  changes: UserAccountChanges;
  /** API names of the fields whose value changes: username, email, full_name, is_active, is_admin, in that order. */
  fields: string[];
  oldValues: Record<string, unknown>;
  newValues: Record<string, unknown>;
}

const COLUMNS = {
  username: 'username',
  email: 'email',
  full_name: 'fullName',
  is_active: 'isActive',
  is_admin: 'isAdmin',
} as const satisfies Record<string, keyof UserAccountChanges>;

/**
 * Compares an update body with the stored account and keeps only real changes: sending the
 * current value is not a change (no write, no hook). The password is handled by the caller
 * (it must be hashed and is never part of the values).
 *
 * @example
 * diffUser(account, { full_name: 'Ada King', email: account.email }); // fields: ['full_name']
 */
export function diffUser(account: UserAccount, body: UpdateUserDto): UserChangeSet {
  const set: UserChangeSet = { changes: {}, fields: [], oldValues: {}, newValues: {} };
  for (const [field, column] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, (typeof COLUMNS)[keyof typeof COLUMNS]]>) {
    const sent = body[field];
    if (sent === undefined) continue;
    const next = field === 'email' ? normaliseEmail(sent as string) : sent;
    if (next === account[column]) continue;
    Object.assign(set.changes, { [column]: next });
    set.fields.push(field);
    set.oldValues[field] = account[column];
    set.newValues[field] = next;
  }
  return set;
}
