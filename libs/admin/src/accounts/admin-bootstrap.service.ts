import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from '@tessera/auth';
import { TesseraError, isTesseraError } from '@tessera/sdk';
import { DataSource } from 'typeorm';
import { ADMIN_OPTIONS, SUPER_ADMIN_ROLE } from '../admin.constants.js';
import type { ResolvedAdminOptions } from '../admin-options.interface.js';
import { AdminAccount } from './admin-account.entity.js';
import { createAdminAccount } from './create-admin-account.js';

/**
 * At first boot (no admin account yet) creates the super admin of ADMIN_EMAIL /
 * ADMIN_PASSWORD, or says how to create one. Several instances booting together are safe:
 * the unique email lets one win and the others see a CONFLICT they ignore.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Admin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    @Inject(ADMIN_OPTIONS) private readonly options: ResolvedAdminOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.dataSource.getRepository(AdminAccount).exists()) return;
    const initial = this.options.initialAdmin;
    if (!initial) {
      this.logger.warn('No admin account exists: set ADMIN_EMAIL and ADMIN_PASSWORD and restart, or run `tessera admin create`.');
      return;
    }
    try {
      const account = await createAdminAccount(this.dataSource, { ...initial, roles: [SUPER_ADMIN_ROLE] }, this.hasher);
      this.logger.log(`Created the first super admin ${account.email}: log in with POST /api/v1/admin/auth/login.`);
    } catch (error) {
      if (isTesseraError(error) && error.code === 'CONFLICT') return;
      if (isTesseraError(error) && error.code === 'VALIDATION_ERROR') {
        throw new TesseraError('VALIDATION_ERROR', `ADMIN_EMAIL / ADMIN_PASSWORD cannot create the first admin: ${error.message}`, error.details);
      }
      throw error;
    }
  }
}
