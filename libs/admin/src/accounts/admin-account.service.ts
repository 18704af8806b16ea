import { Injectable } from '@nestjs/common';
import { PasswordHasher, SessionService } from '@tessera/auth';
import { TotpService } from '@tessera/otp';
import { TesseraError, type Principal } from '@tessera/sdk';
import { DataSource, ILike } from 'typeorm';
import { adminOtpSubject } from '../admin.constants.js';
import { RoleAssignment } from '../roles/role-assignment.entity.js';
import { RoleService, isUuid } from '../roles/role.service.js';
import { AdminAccount } from './admin-account.entity.js';
import { assertAdminPassword } from './admin-account-rules.js';
import { createAdminAccount, type CreateAdminAccountInput } from './create-admin-account.js';

/** Changes an admin may make to an account. */
export interface AdminAccountChanges {
  displayName?: string | null;
  isActive?: boolean;
  password?: string;
}

/** A page of accounts. */
export interface AdminAccountPage {
  items: AdminAccount[];
  total: number;
}

/**
 * Admin accounts: create, read, change, disable, delete; and the principal of an account
 * for its tokens. Disabling an account or changing its password revokes its sessions.
 *
 * @example
 * const account = await accounts.create({ email: 'ops@example.com', password: 'a long passphrase', roles: ['operator'] }, actor);
 * await accounts.update(account.id, { isActive: false }, actor);
 */
@Injectable()
export class AdminAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roles: RoleService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly totp: TotpService,
  ) {}

  async list(query: { page?: number; pageSize?: number; search?: string } = {}): Promise<AdminAccountPage> {
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(200, Math.max(1, query.pageSize ?? 50));
    const [items, total] = await this.dataSource.getRepository(AdminAccount).findAndCount({
      where: query.search ? [{ email: ILike(`%${escapeLike(query.search)}%`) }, { displayName: ILike(`%${escapeLike(query.search)}%`) }] : {},
      order: { email: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  async get(id: string): Promise<AdminAccount> {
    const account = isUuid(id) ? await this.dataSource.getRepository(AdminAccount).findOneBy({ id }) : null;
    if (!account) throw new TesseraError('NOT_FOUND', `Admin account ${id} does not exist; list accounts with GET /api/v1/admin/accounts.`);
    return account;
  }

  /** The account with this email, whether active or not. */
  findByEmail(email: string): Promise<AdminAccount | null> {
    return this.dataSource.getRepository(AdminAccount).findOneBy({ email });
  }

  /** Creates an account; the actor must hold every permission of the roles given. */
  async create(input: CreateAdminAccountInput, actor?: Principal): Promise<AdminAccount> {
    if (actor) {
      for (const name of input.roles ?? []) this.roles.assertCanGrant(actor, (await this.roles.get(name)).permissions);
    }
    return createAdminAccount(this.dataSource, { ...input, roles: input.roles ?? [] }, this.hasher);
  }

  async update(id: string, changes: AdminAccountChanges, actor?: Principal): Promise<AdminAccount> {
    const account = await this.get(id);
    if (changes.isActive === false && account.isActive) {
      if (actor?.id === id) throw new TesseraError('CONFLICT', 'You cannot disable your own account.');
      await this.roles.assertNotLastSuperAdmin(id);
    }
    if (changes.password !== undefined) {
      assertAdminPassword(changes.password);
      account.passwordHash = await this.hasher.hash(changes.password);
    }
    if (changes.displayName !== undefined) account.displayName = changes.displayName;
    if (changes.isActive !== undefined) account.isActive = changes.isActive;
    account.updatedAt = new Date();
    const saved = await this.dataSource.getRepository(AdminAccount).save(account);
    if (changes.isActive === false) await this.sessions.revokeAll('admin', id, 'account_disabled');
    else if (changes.password !== undefined) await this.sessions.revokeAll('admin', id, 'password_changed');
    return saved;
  }

  /** Deletes an account with its roles, second factor and sessions. */
  async delete(id: string, actor?: Principal): Promise<void> {
    await this.get(id);
    if (actor?.id === id) throw new TesseraError('CONFLICT', 'You cannot delete your own account.');
    await this.roles.assertNotLastSuperAdmin(id);
    await this.sessions.revokeAll('admin', id, 'account_deleted');
    await this.totp.disable(adminOtpSubject(id));
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(RoleAssignment, { subjectKind: 'admin', subjectId: id });
      await manager.delete(AdminAccount, { id });
    });
  }

  /** Changes one's own password after checking the current one; other sessions are revoked. */
  async changeOwnPassword(id: string, current: string, next: string, keepSessionId?: string): Promise<void> {
    const account = await this.get(id);
    if (!(await this.hasher.verify(account.passwordHash, current))) {
      throw new TesseraError('VALIDATION_ERROR', 'The current password is wrong.', [{ field: 'current_password' }]);
    }
    assertAdminPassword(next);
    await this.dataSource.getRepository(AdminAccount).update({ id }, { passwordHash: await this.hasher.hash(next), updatedAt: new Date() });
    await this.sessions.revokeAll('admin', id, 'password_changed', keepSessionId);
  }

  /** The principal of an active account (fresh roles and permissions), or null. */
  async principalOf(id: string): Promise<Principal | null> {
    const account = isUuid(id) ? await this.dataSource.getRepository(AdminAccount).findOneBy({ id, isActive: true }) : null;
    if (!account) return null;
    const grants = await this.roles.grantsOf('admin', id);
    return { id, kind: 'admin', roles: grants.roles, permissions: grants.permissions };
  }

  async recordLogin(id: string, newPasswordHash?: string): Promise<void> {
    await this.dataSource.getRepository(AdminAccount).update({ id }, { lastLoginAt: new Date(), ...(newPasswordHash ? { passwordHash: newPasswordHash } : {}) });
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
