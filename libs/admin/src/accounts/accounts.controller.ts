import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, RequirePermission, SessionService } from '@tessera/auth';
import { TotpService } from '@tessera/otp';
import { ok, type Principal } from '@tessera/sdk';
import { adminOtpSubject } from '../admin.constants.js';
import { CreateAccountDto, ListAccountsQuery, UpdateAccountDto } from '../dto/account.dto.js';
import { AdminController } from '../http/admin-controller.decorator.js';
import { AccountPresenter } from '../http/account-presenter.service.js';
import { sessionView } from '../http/admin-views.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { AdminAccountService } from './admin-account.service.js';

@AdminController('accounts', 'admin accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AdminAccountService,
    private readonly presenter: AccountPresenter,
    private readonly sessions: SessionService,
    private readonly totp: TotpService,
  ) {}

  @Get()
  @RequirePermission('accounts.read')
  @ApiOperation({ summary: 'List admin accounts (paged, searchable)' })
  async list(@Query() query: ListAccountsQuery) {
    const page = await this.accounts.list({ page: query.page, pageSize: query.page_size, search: query.search });
    return ok({ items: await this.presenter.many(page.items), total: page.total, page: query.page ?? 1, page_size: query.page_size ?? 50 });
  }

  @Post()
  @RequirePermission('accounts.manage')
  @ApiOperation({ summary: 'Create an admin account with roles' })
  async create(@Body() body: CreateAccountDto, @CurrentUser() actor: Principal) {
    const account = await this.accounts.create({ email: body.email, password: body.password, displayName: body.display_name, roles: body.roles }, actor);
    return ok(await this.presenter.one(account));
  }

  @Get(':id')
  @RequirePermission('accounts.read')
  @ApiOperation({ summary: 'One admin account' })
  async get(@Param('id', uuidParam()) id: string) {
    return ok(await this.presenter.one(await this.accounts.get(id)));
  }

  @Patch(':id')
  @RequirePermission('accounts.manage')
  @ApiOperation({ summary: 'Change display name, active flag or password (the last two revoke its sessions)' })
  async update(@Param('id', uuidParam()) id: string, @Body() body: UpdateAccountDto, @CurrentUser() actor: Principal) {
    const account = await this.accounts.update(id, { displayName: body.display_name, isActive: body.is_active, password: body.password }, actor);
    return ok(await this.presenter.one(account));
  }

  @Delete(':id')
  @RequirePermission('accounts.manage')
  @ApiOperation({ summary: 'Delete an admin account (not your own, not the last super admin)' })
  async remove(@Param('id', uuidParam()) id: string, @CurrentUser() actor: Principal) {
    await this.accounts.delete(id, actor);
    return ok({ deleted: true });
  }

  @Get(':id/sessions')
  @RequirePermission('accounts.read')
  @ApiOperation({ summary: 'Active sessions of an admin account' })
  async listSessions(@Param('id', uuidParam()) id: string) {
    await this.accounts.get(id);
    return ok((await this.sessions.list('admin', id)).map((session) => sessionView(session)));
  }

  @Delete(':id/sessions')
  @RequirePermission('accounts.manage')
  @ApiOperation({ summary: 'Revoke every session of an admin account' })
  async revokeSessions(@Param('id', uuidParam()) id: string) {
    await this.accounts.get(id);
    return ok({ revoked: await this.sessions.revokeAll('admin', id, 'revoked_by_admin') });
  }

  @Delete(':id/totp')
  @RequirePermission('accounts.manage')
  @ApiOperation({ summary: 'Reset the second factor of an admin who lost it' })
  async resetTotp(@Param('id', uuidParam()) id: string) {
    await this.accounts.get(id);
    await this.totp.disable(adminOtpSubject(id));
    return ok({ totp_enabled: false });
  }
}
