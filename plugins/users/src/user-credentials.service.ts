import { Inject, Injectable } from '@nestjs/common';
import { LoginThrottle, PasswordHasher } from '@tessera/auth';
import { TesseraError } from '@tessera/sdk';
import type { UserAccount } from './user-account.entity.js';
import { UserStore } from './user-store.service.js';

/** Injection token of the plugin's own {@link LoginThrottle} (built from its config in users.plugin.ts). */
export const USERS_LOGIN_THROTTLE = Symbol.for('tessera.users.login-throttle');

/** The one answer to a wrong username, email or password: it does not tell which was wrong. */
export const WRONG_CREDENTIALS = 'The username (or email) or the password is wrong.';
/** Only someone who gave the right password learns that the account is disabled. */
export const ACCOUNT_DISABLED = 'This account is disabled. Ask an administrator to enable it.';

/**
 * Password checks, throttled: failures count per account (by id once it is known, so trying
 * the username and then the email does not double the attempts) and per client address;
 * over the limit the answer is 429 RATE_LIMITED with Retry-After. Unknown logins cost one
 * argon2 verification too, so timing does not reveal which accounts exist.
 */
@Injectable()
export class UserCredentials {
  constructor(
    private readonly store: UserStore,
    private readonly hasher: PasswordHasher,
    @Inject(USERS_LOGIN_THROTTLE) private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The active account for a username or email and its password.
   *
   * @throws TesseraError UNAUTHORIZED ({@link WRONG_CREDENTIALS} or {@link ACCOUNT_DISABLED}), RATE_LIMITED
   * @example
   * const account = await credentials.check('ada@example.com', 'Analytical3ngine', request.ip);
   */
  async check(login: string, password: string, ip?: string): Promise<UserAccount> {
    const account = await this.store.findByLogin(login.trim());
    const keys = { account: account ? `user:${account.id}` : `login:${login.trim().toLowerCase()}`, ip };
    await this.throttle.assertAllowed(keys);
    const valid = account ? await this.hasher.verify(account.passwordHash, password) : await this.hasher.verifyNothing(password);
    if (!account || !valid) {
      await this.throttle.recordFailure(keys);
      throw new TesseraError('UNAUTHORIZED', WRONG_CREDENTIALS);
    }
    if (!account.isActive) {
      await this.throttle.recordFailure(keys);
      throw new TesseraError('UNAUTHORIZED', ACCOUNT_DISABLED);
    }
    await this.throttle.recordSuccess(keys);
    // The hash parameters changed since this password was stored: store it with the current ones.
    if (this.hasher.needsRehash(account.passwordHash)) {
      account.passwordHash = await this.hasher.hash(password);
      await this.store.storeRehash(account.id, account.passwordHash);
    }
    return account;
  }

  /**
   * Before a user changes their own password: the current one, throttled like a login.
   *
   * @throws TesseraError VALIDATION_ERROR (missing or wrong current_password), RATE_LIMITED
   */
  async confirmPassword(account: UserAccount, currentPassword: string | undefined): Promise<void> {
    if (currentPassword === undefined) throw invalidCurrentPassword('current_password is required to change your own password');
    const keys = { account: `user:${account.id}` };
    await this.throttle.assertAllowed(keys);
    if (!(await this.hasher.verify(account.passwordHash, currentPassword))) {
      await this.throttle.recordFailure(keys);
      throw invalidCurrentPassword('current_password is wrong');
    }
  }
}

function invalidCurrentPassword(message: string): TesseraError {
  return new TesseraError('VALIDATION_ERROR', `Invalid request: ${message}.`, [{ field: 'current_password', constraints: { currentPassword: message } }]);
}
