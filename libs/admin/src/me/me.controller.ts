import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, SessionService } from '@tessera/auth';
import { TotpService } from '@tessera/otp';
import { TesseraError, ok, type Principal } from '@tessera/sdk';
import { adminOtpSubject } from '../admin.constants.js';
import { AdminAccountService } from '../accounts/admin-account.service.js';
import { ChangePasswordDto, TotpCodeDto } from '../dto/me.dto.js';
import { AdminController } from '../http/admin-controller.decorator.js';
import { AccountPresenter } from '../http/account-presenter.service.js';
import { sessionView } from '../http/admin-views.js';
import { uuidParam } from '../http/uuid-param.pipe.js';

@AdminController('me', 'admin me')
export class MeController {
  constructor(
    private readonly accounts: AdminAccountService,
    private readonly presenter: AccountPresenter,
    private readonly totp: TotpService,
    private readonly sessions: SessionService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The logged-in admin: account, roles, permissions, second factor' })
  async me(@CurrentUser() principal: Principal) {
    return ok({ ...(await this.presenter.one(await this.accounts.get(principal.id), principal.permissions)), session_id: principal.claims?.sid ?? null });
  }

  @Post('totp/enroll')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start TOTP enrolment: a secret and an otpauth:// URI for an authenticator app' })
  async enroll(@CurrentUser() principal: Principal) {
    const account = await this.accounts.get(principal.id);
    const started = await this.totp.enroll(adminOtpSubject(account.id), account.email);
    return ok({ secret: started.secret, otpauth_uri: started.otpauthUri });
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm TOTP with a first code; answers single-use recovery codes (shown once)' })
  async confirm(@CurrentUser() principal: Principal, @Body() body: TotpCodeDto) {
    const { recoveryCodes } = await this.totp.confirm(adminOtpSubject(principal.id), body.code);
    return ok({ totp_enabled: true, recovery_codes: recoveryCodes });
  }

  @Post('totp/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn TOTP off, proven with a current code or a recovery code' })
  async disable(@CurrentUser() principal: Principal, @Body() body: TotpCodeDto) {
    const subject = adminOtpSubject(principal.id);
    if (!(await this.totp.verifySecondFactor(subject, body.code)).valid) {
      throw new TesseraError('VALIDATION_ERROR', 'The code is wrong or was already used.', [{ field: 'code' }]);
    }
    await this.totp.disable(subject);
    return ok({ totp_enabled: false });
  }

  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the password; every other session is revoked' })
  async changePassword(@CurrentUser() principal: Principal, @Body() body: ChangePasswordDto) {
    const sessionId = typeof principal.claims?.sid === 'string' ? principal.claims.sid : undefined;
    await this.accounts.changeOwnPassword(principal.id, body.current_password, body.new_password, sessionId);
    return ok({ password_changed: true });
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Active sessions of the logged-in admin' })
  async listSessions(@CurrentUser() principal: Principal) {
    return ok((await this.sessions.list('admin', principal.id)).map((session) => sessionView(session, principal.claims?.sid)));
  }

  @Delete('sessions/:id')
  @ApiOperation({ summary: 'Revoke one of my sessions' })
  async revokeSession(@CurrentUser() principal: Principal, @Param('id', uuidParam()) id: string) {
    await this.sessions.revokeOwn('admin', principal.id, id);
    return ok({ revoked: true });
  }
}
