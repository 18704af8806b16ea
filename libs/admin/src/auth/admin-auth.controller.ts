import { Body, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, Public } from '@tessera/auth';
import { ok, type Principal } from '@tessera/sdk';
import { LoginDto, LoginOtpDto, LogoutDto, RefreshDto } from '../dto/auth.dto.js';
import { AdminController } from '../http/admin-controller.decorator.js';
import { AccountPresenter } from '../http/account-presenter.service.js';
import { tokensView } from '../http/admin-views.js';
import { AdminAuthService, type AdminLoginSuccess } from './admin-auth.service.js';

@AdminController('auth', 'admin auth')
export class AdminAuthController {
  constructor(
    private readonly auth: AdminAuthService,
    private readonly presenter: AccountPresenter,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password; answers tokens, or an OTP challenge when TOTP is enabled' })
  async login(@Body() body: LoginDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string) {
    const result = await this.auth.login(body.email, body.password, { ip, userAgent });
    if (result.otpRequired) return ok({ otp_required: true, challenge_token: result.challengeToken, expires_in: result.expiresIn });
    return ok(await this.success(result));
  }

  @Public()
  @Post('login/otp')
  @HttpCode(200)
  @ApiOperation({ summary: 'Second login step: the challenge token and a TOTP or recovery code' })
  async loginOtp(@Body() body: LoginOtpDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string) {
    return ok(await this.success(await this.auth.loginWithOtp(body.challenge_token, body.code, { ip, userAgent })));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for a new token pair (the old refresh token stops working)' })
  async refresh(@Body() body: RefreshDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string) {
    return ok(tokensView(await this.auth.refresh(body.refresh_token, { ip, userAgent })));
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the current session: its access and refresh tokens stop working' })
  async logout(@CurrentUser() principal: Principal, @Body() body: LogoutDto) {
    await this.auth.logout(principal, body?.refresh_token);
    return ok({ logged_out: true });
  }

  private async success(result: AdminLoginSuccess) {
    return {
      otp_required: false,
      ...tokensView(result.tokens),
      ...(result.secondFactor ? { second_factor: result.secondFactor } : {}),
      account: await this.presenter.one(result.account, result.principal.permissions),
    };
  }
}
