import { PasswordHasher } from '@tessera/auth';
import { isUniqueViolation } from '@tessera/database';
import { TesseraError } from '@tessera/sdk';
import { In, type DataSource } from 'typeorm';
import { SUPER_ADMIN_ROLE } from '../admin.constants.js';
import { Role } from '../roles/role.entity.js';
import { RoleAssignment } from '../roles/role-assignment.entity.js';
import { AdminAccount } from './admin-account.entity.js';
import { assertAdminPassword, assertEmail, normaliseEmail } from './admin-account-rules.js';

/** What `createAdminAccount` needs; roles are names and default to `['super_admin']`. */
export interface CreateAdminAccountInput {
  email: string;
  password: string;
  roles?: string[];
  displayName?: string | null;
}

/**
 * Creates an admin account with its roles in one transaction. Used at first boot
 * (ADMIN_EMAIL / ADMIN_PASSWORD), by `tessera admin create`, and by the accounts API.
 * `CONFLICT` when the email is taken; `VALIDATION_ERROR` for a bad email, a short
 * password or an unknown role.
 *
 * @example
 * const dataSource = await createDataSource({ dataDir: './data', entities, migrations });
 * await createAdminAccount(dataSource, { email: 'root@example.com', password: 'a long passphrase', roles: ['super_admin'] });
 */
export async function createAdminAccount(dataSource: DataSource, input: CreateAdminAccountInput, hasher: PasswordHasher = new PasswordHasher()): Promise<AdminAccount> {
  const email = normaliseEmail(input.email ?? '');
  assertEmail(email);
  assertAdminPassword(input.password);
  const roleNames = [...new Set(input.roles ?? [SUPER_ADMIN_ROLE])];
  const passwordHash = await hasher.hash(input.password);
  try {
    return await dataSource.transaction(async (manager) => {
      const roles = roleNames.length ? await manager.findBy(Role, { name: In(roleNames) }) : [];
      const missing = roleNames.filter((name) => !roles.some((role) => role.name === name));
      if (missing.length) {
        throw new TesseraError('VALIDATION_ERROR', `Unknown roles: ${missing.map((name) => `"${name}"`).join(', ')}.`, [{ field: 'roles', value: missing }]);
      }
      const account = await manager.save(manager.create(AdminAccount, { email, passwordHash, displayName: input.displayName ?? null }));
      if (roles.length) await manager.insert(RoleAssignment, roles.map((role) => ({ roleId: role.id, subjectKind: 'admin' as const, subjectId: account.id })));
      return account;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TesseraError('CONFLICT', `An admin account with the email ${email} already exists.`);
    throw error;
  }
}
