import { Injectable } from '@nestjs/common';
import { TotpService } from '@tessera/otp';
import { adminOtpSubject } from '../admin.constants.js';
import type { AdminAccount } from '../accounts/admin-account.entity.js';
import { RoleService } from '../roles/role.service.js';
import { accountView } from './admin-views.js';

/** Builds account views with their roles and second-factor status. */
@Injectable()
export class AccountPresenter {
  constructor(
    private readonly roles: RoleService,
    private readonly totp: TotpService,
  ) {}

  async one(account: AdminAccount, permissions?: string[]) {
    return (await this.many([account], permissions))[0];
  }

  async many(accounts: AdminAccount[], permissions?: string[]) {
    const roles = await this.roles.roleNamesOf('admin', accounts.map((account) => account.id));
    return Promise.all(
      accounts.map(async (account) =>
        accountView(account, { roles: roles.get(account.id) ?? [], totpEnabled: await this.totp.isEnabled(adminOtpSubject(account.id)), permissions }),
      ),
    );
  }
}
