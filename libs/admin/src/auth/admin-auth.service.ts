import { Inject, Injectable } from '@nestjs/common';
import { LoginThrottle, PasswordHasher, SessionService, TokenService, type IssuedTokens, type SessionClientInfo } from '@tessera/auth';
import { TotpService } from '@tessera/otp';
import { TesseraError, type Principal } from '@tessera/sdk';
import { ADMIN_OPTIONS, OTP_CHALLENGE_TOKEN, adminOtpSubject } from '../admin.constants.js';
import type { ResolvedAdminOptions } from '../admin-options.interface.js';
import { AdminAccount } from '../accounts/admin-account.entity.js';
import { normaliseEmail } from '../accounts/admin-account-rules.js';
import { AdminAccountService } from '../accounts/admin-account.service.js';

/** A finished login: the tokens and the account. */
export interface AdminLoginSuccess {
  otpRequired: false;
  tokens: IssuedTokens;
  account: AdminAccount;
  principal: Principal;
  secondFactor?: 'totp' | 'recovery_code';
}

/** The password was right and the account has TOTP: the client must send a code with this challenge. */
export interface AdminOtpChallenge {
  otpRequired: true;
  challengeToken: string;
  expiresIn: number;
}

const WRONG_CREDENTIALS = 'The email or the password is wrong.';

/**
 * Admin login in one or two steps (password, then TOTP or a recovery code when enrolled),
 * refresh and logout. Failed attempts count per account and per IP (`RATE_LIMITED`).
 *
 * @example
 * const first = await auth.login(email, password, { ip });
 * const done = first.otpRequired ? await auth.loginWithOtp(first.challengeToken, code, { ip }) : first;
 */
@Injectable()
export class AdminAuthService {
  constructor(
    private readonly accounts: AdminAccountService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly totp: TotpService,
    @Inject(ADMIN_OPTIONS) private readonly options: ResolvedAdminOptions,
  ) {}

  async login(emailInput: string, password: string, client: SessionClientInfo = {}): Promise<AdminLoginSuccess | AdminOtpChallenge> {
    const email = normaliseEmail(emailInput);
    const keys = { account: `admin:${email}`, ip: client.ip };
    await this.throttle.assertAllowed(keys);
    const account = await this.accounts.findByEmail(email);
    // An unknown email costs one argon2 verification too, so timing does not reveal which emails exist.
    const valid = account ? await this.hasher.verify(account.passwordHash, password) : await this.hasher.verifyNothing(password);
    if (!account || !valid || !account.isActive) {
      await this.throttle.recordFailure(keys);
      throw new TesseraError('UNAUTHORIZED', WRONG_CREDENTIALS);
    }
    const rehashed = this.hasher.needsRehash(account.passwordHash) ? await this.hasher.hash(password) : undefined;
    if (rehashed) {
      await this.accounts.recordLogin(account.id, rehashed);
      account.passwordHash = rehashed;
    }
    if (await this.totp.isEnabled(adminOtpSubject(account.id))) {
      const ttl = this.options.otpChallengeTtlSeconds;
      return { otpRequired: true, challengeToken: this.tokens.signPurposeToken(OTP_CHALLENGE_TOKEN, { id: account.id, kind: 'admin' }, ttl), expiresIn: ttl };
    }
    await this.throttle.recordSuccess(keys);
    return this.finish(account, client);
  }

  /** Second step: a TOTP code or a recovery code for the challenge of the first step. */
  async loginWithOtp(challengeToken: string, code: string, client: SessionClientInfo = {}): Promise<AdminLoginSuccess> {
    const challenge = this.tokens.verifyPurposeToken(challengeToken, OTP_CHALLENGE_TOKEN);
    const account = await this.accounts.get(challenge.sub).catch(() => null);
    if (!account?.isActive) throw new TesseraError('UNAUTHORIZED', 'The login challenge is no longer valid; log in again.');
    const keys = { account: `admin:${account.email}`, ip: client.ip };
    await this.throttle.assertAllowed(keys);
    const result = await this.totp.verifySecondFactor(adminOtpSubject(account.id), code);
    if (!result.valid) {
      await this.throttle.recordFailure(keys);
      throw new TesseraError('UNAUTHORIZED', 'The code is wrong or was already used: enter the current code of the authenticator app, or an unused recovery code.');
    }
    await this.throttle.recordSuccess(keys);
    return { ...(await this.finish(account, client)), secondFactor: result.method };
  }

  refresh(refreshToken: string, client: SessionClientInfo = {}): Promise<IssuedTokens> {
    return this.sessions.refresh(refreshToken, { kind: 'admin', resolve: (id) => this.accounts.principalOf(id) }, client);
  }

  /** Ends the session of the access token used (and the one of a refresh token, when given). */
  async logout(principal: Principal, refreshToken?: string): Promise<void> {
    const sessionId = principal.claims?.sid;
    if (typeof sessionId === 'string') await this.sessions.revoke(sessionId, 'logout');
    if (refreshToken) await this.sessions.revokeByRefreshToken(refreshToken, 'logout');
  }

  private async finish(account: AdminAccount, client: SessionClientInfo): Promise<AdminLoginSuccess> {
    const principal = await this.accounts.principalOf(account.id);
    if (!principal) throw new TesseraError('UNAUTHORIZED', WRONG_CREDENTIALS);
    const tokens = await this.sessions.start(principal, client);
    await this.accounts.recordLogin(account.id);
    return { otpRequired: false, tokens, account, principal };
  }
}
